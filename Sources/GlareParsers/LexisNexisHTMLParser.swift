public import Foundation
import GlareCore

/// LexisNexis HTML exports: the same documents as the text download, laid out in HTML. Their blocks are
/// read as paragraphs and go through the text parser, so both layouts give the same documents (and skip
/// the same unreadable ones); lines in messages are the HTML file's, where each document starts.
public enum LexisNexisHTMLParser {
    public static func recognises(_ head: String) -> Bool {
        head.contains("LXNComment") || head.contains("DOC_ID_") || (head.contains("<DOCFULL>") && head.lowercased().contains("<html"))
    }

    public static func parse(_ data: Data, source: String) throws -> ArchiveDownload {
        let text = try XMLTree.parseHTML(data, source: source).blockText
        // Each document's line in the file, when the markup shows as many separators as the text does.
        let starts = separatorLines(data)
        let documents = TextDecoding.lines(text).lines.filter { $0.wholeMatch(of: LexisNexisTextParser.separator) != nil }.count
        return try LexisNexisTextParser.parse(text: text, format: "lexisnexis-html", source: source) { _, k in
            starts.count == documents && k < starts.count ? starts[k] : nil
        }
    }

    /// `N of M DOCUMENTS` anywhere in a line of markup (tags removed).
    nonisolated(unsafe) static let separator =
        /([0-9]+)\s+(?:of|von|de|sur|di|van)\s+([0-9]+)\s+(?:DOCUMENTS|DOKUMENTEN|DOKUMENTE|DOCUMENTOS|DOCUMENTI|DOCUMENTEN)/

    /// The 1-based lines of the file that hold each document's `N of M DOCUMENTS`, in order.
    static func separatorLines(_ data: Data) -> [Int] {
        let (lines, _) = TextDecoding.lines(String(decoding: data, as: UTF8.self))
        var out: [Int] = []
        for (i, l) in lines.enumerated() where l.contains("DOCUMENT") || l.contains("DOKUMENT") {
            let text = l.replacing(/<[^>]*>/, with: "")
            if text.contains(separator) { out.append(i + 1) }
        }
        return out
    }
}
