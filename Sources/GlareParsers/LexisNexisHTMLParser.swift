public import Foundation
public import GlareCore

/// LexisNexis HTML exports: the same documents as the text download, laid out in HTML. Their blocks are
/// read as paragraphs and go through the text parser, so both layouts give the same documents.
public enum LexisNexisHTMLParser {
    public static func recognises(_ head: String) -> Bool {
        head.contains("LXNComment") || head.contains("DOC_ID_") || (head.contains("<DOCFULL>") && head.lowercased().contains("<html"))
    }

    public static func parse(_ data: Data, source: String) throws -> [NewsDocument] {
        let root = try XMLTree.parseHTML(data, source: source)
        return try LexisNexisTextParser.parse(text: root.blockText, format: "lexisnexis-html", source: source)
    }
}
