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
