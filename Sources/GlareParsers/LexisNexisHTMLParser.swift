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

    /// `N of M DOCUMENTS` in a line of markup, tags removed (tried near each DOCUMENT: `hasSeparator`).
    nonisolated(unsafe) static let separator =
        /([0-9]+)\s+(?:of|von|de|sur|di|van)\s+([0-9]+)\s+(?:DOCUMENTS|DOKUMENTEN|DOKUMENTE|DOCUMENTOS|DOCUMENTI|DOCUMENTEN)/

    /// The 1-based lines of the file that hold each document's `N of M DOCUMENTS`, in order.
    static func separatorLines(_ data: Data) -> [Int] {
        let (lines, _) = TextDecoding.lines(String(decoding: data, as: UTF8.self))
        var out: [Int] = []
        for (i, l) in lines.enumerated() where l.contains("DOCUMENT") || l.contains("DOKUMENT") {
            if hasSeparator(withoutTags(l.utf8)) { out.append(i + 1) }
        }
        return out
    }

    /// Whether `text` (UTF-8) holds `N of M DOCUMENTS`, looked for in the 100 bytes before each `DOCUMENT`
    /// or `DOKUMENT` it holds: time linear in the line, however long (the pattern run over a whole line of
    /// thousands of digits backtracks quadratically).
    static func hasSeparator(_ text: [UInt8]) -> Bool {
        text.withUnsafeBufferPointer { b in
            var from = 3
            while let at = ByteSearch.find(b, umentBytes, from: from) {
                from = at + umentBytes.count
                guard b[at - 3] == 0x44, b[at - 2] == 0x4F, b[at - 1] == 0x43 || b[at - 1] == 0x4B else { continue }  // `DOC`, `DOK`
                if String(decoding: b[max(0, at - 103)..<min(b.count, at + 9)], as: UTF8.self).contains(separator) { return true }
            }
            return false
        }
    }

    private static let umentBytes = Array("UMENT".utf8)

    /// A line's bytes without its tags (`<…>`), in one pass; a `<` that no `>` follows stays, with the rest of the line.
    static func withoutTags(_ line: Substring.UTF8View) -> [UInt8] {
        var out: [UInt8] = []
        var bytes = line
        while let open = bytes.firstIndex(of: 0x3C) {
            out.append(contentsOf: bytes[..<open])
            guard let close = bytes[open...].firstIndex(of: 0x3E) else { return out + bytes[open...] }
            bytes = bytes[bytes.index(after: close)...]
        }
        return out + bytes
    }
}
