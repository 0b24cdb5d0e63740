public import Foundation
import GlareCore

/// The archive export formats Glare reads, recognised from their content, never their file name.
public enum ArchiveFormat: String, Sendable, CaseIterable {
    case lexisNexisText = "lexisnexis-text"
    case lexisNexisRTF = "lexisnexis-rtf"
    case nexisUniDOCX = "nexis-uni-docx"
    case lexisNexisHTML = "lexisnexis-html"
    case factivaHTML = "factiva-html"
    case factivaXML = "factiva-xml"
    case proQuestHTML = "proquest-html"

    /// The format of `data`, or an error saying what it looks like instead.
    public static func detect(_ data: Data, source: String) throws -> ArchiveFormat {
        if NexisUniDOCXParser.recognises(data) { return .nexisUniDOCX }
        if RTFText.recognises(data) { return .lexisNexisRTF }
        let head = String(decoding: data.prefix(1 << 20), as: UTF8.self)
        if LexisNexisHTMLParser.recognises(head) { return .lexisNexisHTML }
        if FactivaParser.recognises(head) { return .factivaHTML }
        if head.hasPrefix("<?xml") || head.hasPrefix("\u{FEFF}<?xml"), FactivaXMLParser.recognises(head) { return .factivaXML }
        if ProQuestParser.recognises(head) { return .proQuestHTML }
        if LexisNexisTextParser.recognises(head) { return .lexisNexisText }
        throw ParseError(
            source: source,
            reason:
                "not an archive export Glare reads (LexisNexis/Nexis Uni text, RTF or DOCX, LexisNexis HTML, Factiva HTML or XML, ProQuest HTML); it looks like \(describe(data))"
        )
    }

    /// Parses `data` as this format: the documents read, and those skipped because their date or body
    /// could not be read. A file in which no document can be read is an error that names the first problem.
    public func parse(_ data: Data, source: String) throws -> ArchiveDownload {
        try checkComplete(data, source: source)
        let download: ArchiveDownload =
            switch self {
            case .lexisNexisText: try LexisNexisTextParser.parse(data, source: source)
            case .lexisNexisRTF: try Self.parseRTF(data, source: source)
            case .nexisUniDOCX: try NexisUniDOCXParser.parse(data, source: source)
            case .lexisNexisHTML: try LexisNexisHTMLParser.parse(data, source: source)
            case .factivaHTML: try FactivaParser.parse(data, source: source)
            case .factivaXML: try FactivaXMLParser.parse(data, source: source)
            case .proQuestHTML: try ProQuestParser.parse(data, source: source)
            }
        if download.documents.isEmpty, let first = download.skipped.first {
            let n = download.skipped.count
            throw ParseError(
                source: source, line: first.line,
                reason: "no document can be read (\(n == 1 ? "the only one" : "all \(n)") skipped); \(n == 1 ? "" : "the first: ")\(first.reason)")
        }
        return download
    }

    /// A markup export cut short (an interrupted download) must not pass for a shorter one: HTML's
    /// forgiving parser closes whatever is open, so the last document would be read half. The file must
    /// end at a tag (`>`, then only whitespace), and LexisNexis and Factiva HTML exports, which always
    /// close their page, must hold `</html>` at the end. (ProQuest pages may stop without it; its parser
    /// checks its last document's closing field instead; text and RTF exports check their own.)
    func checkComplete(_ data: Data, source: String) throws {
        guard [.lexisNexisHTML, .factivaHTML, .proQuestHTML].contains(self) else { return }
        let tail = data.suffix(4096)
        guard let last = tail.lastIndex(where: { ![0x20, 0x09, 0x0A, 0x0D, 0x00].contains($0) }) else { return }
        let truncated = "the file ends mid-document: a truncated download? Download it again"
        guard tail[last] == UInt8(ascii: ">") else {
            let end = String(decoding: tail[tail.index(last, offsetBy: -min(40, tail.distance(from: tail.startIndex, to: last)))...last], as: UTF8.self)
            throw ParseError(source: source, reason: "\(truncated) (it stops at '…\(end.printable)', not at the end of a tag)")
        }
        if self != .proQuestHTML, String(decoding: tail, as: UTF8.self).range(of: "</html>", options: .caseInsensitive) == nil {
            throw ParseError(
                source: source,
                reason: "\(truncated) (no closing </html>: \(self == .factivaHTML ? "Factiva" : "LexisNexis") HTML exports always close their page)")
        }
    }

    /// A LexisNexis RTF export: its text, laid out like the text download, read by the text parser with
    /// lines in messages the RTF file's.
    static func parseRTF(_ data: Data, source: String) throws -> ArchiveDownload {
        let rtf = try RTFText(data, source: source)
        guard LexisNexisTextParser.recognises(rtf.text) else {
            throw ParseError(source: source, reason: "an RTF document, but not a LexisNexis export: no 'N of M DOCUMENTS' lines")
        }
        return try LexisNexisTextParser.parse(text: rtf.text, format: lexisNexisRTF.rawValue, source: source) { line, _ in rtf.fileLine(line) }
    }

    /// The database documents of this format are counted under (ProQuest documents may name a narrower one).
    public var database: String {
        switch self {
        case .lexisNexisText, .lexisNexisRTF, .nexisUniDOCX, .lexisNexisHTML: "lexisnexis"
        case .factivaHTML, .factivaXML: "factiva"
        case .proQuestHTML: "proquest"
        }
    }

    /// A short guess at what a file is, for messages.
    static func describe(_ data: Data) -> String {
        let bytes = [UInt8](data.prefix(8))
        if bytes.isEmpty { return "an empty file" }
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return "a zip archive without a Word document inside" }
        if bytes.starts(with: [0x25, 0x50, 0x44, 0x46]) { return "a PDF document" }
        if bytes.starts(with: [0x1F, 0x8B]) { return "a gzip file" }
        let text = String(decoding: data.prefix(2048), as: UTF8.self).lowercased()
        if text.contains("<html") || text.contains("<!doctype html") { return "an HTML page of another kind" }
        if text.hasPrefix("<?xml") || text.hasPrefix("<") { return "an XML document of another kind" }
        if text.hasPrefix("{") || text.hasPrefix("[") { return "JSON" }
        if text.split(whereSeparator: \.isNewline).first?.contains(",") == true { return "a CSV file" }
        return "plain text without document separators"
    }
}
