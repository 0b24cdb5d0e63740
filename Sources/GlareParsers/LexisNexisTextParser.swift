import Foundation
import GlareCore

/// LexisNexis Academic / Nexis Uni plain-text downloads: documents separated by `N of M DOCUMENTS`, then
/// the outlet, the date line, the headline, `FIELD: value` lines (BYLINE, SECTION, LENGTH, …), the body,
/// and trailing fields (LOAD-DATE, LANGUAGE, PUBLICATION-TYPE) and a copyright line.
public enum LexisNexisTextParser {
    nonisolated(unsafe) static let separator = /^\s*(\d+)\s+of\s+(\d+)\s+DOCUMENTS\s*$/

    /// Whether the text looks like one of these downloads.
    public static func recognises(_ text: String) -> Bool {
        text.split(maxSplits: 200, omittingEmptySubsequences: true, whereSeparator: \.isNewline).prefix(200)
            .contains { $0.trimmingCharacters(in: .whitespacesAndNewlines).wholeMatch(of: /\d+ of \d+ DOCUMENTS/) != nil }
    }

    public static func parse(_ data: Data, source: String) throws -> [NewsDocument] {
        let text = try TextDecoding.decode(data, source: source)
        let (lines, _) = TextDecoding.lines(text)
        var starts: [(index: Int, number: Int, total: Int)] = []
        for (i, l) in lines.enumerated() {
            if let m = l.wholeMatch(of: separator) { starts.append((i, Int(m.1)!, Int(m.2)!)) }
        }
        guard !starts.isEmpty else { throw ParseError(source: source, reason: "not a LexisNexis text download: no 'N of M DOCUMENTS' lines") }
        var documents: [NewsDocument] = []
        for (k, start) in starts.enumerated() {
            let end = k + 1 < starts.count ? starts[k + 1].index : lines.count
            documents.append(try document(Array(lines[(start.index + 1)..<end]), firstLine: start.index + 1, number: start.number,
                                          total: start.total, isLast: k == starts.count - 1, source: source))
        }
        return documents
    }

    nonisolated(unsafe) static let fieldLine = /^([A-Z][A-Z\-]+):\s*(.*)$/

    static func document(_ body: [Substring], firstLine: Int, number: Int, total: Int, isLast: Bool, source: String) throws -> NewsDocument {
        let where_ = "document \(number) of \(total)"
        // Paragraphs: runs of non-blank lines, joined.
        var paragraphs: [(line: Int, text: String)] = []
        var current: [String] = []
        var currentLine = 0
        for (i, l) in body.enumerated() {
            let t = l.trimmingCharacters(in: .whitespaces)
            if t.isEmpty {
                if !current.isEmpty { paragraphs.append((currentLine, current.joined(separator: " "))); current = [] }
            } else {
                if current.isEmpty { currentLine = firstLine + i + 1 }
                current.append(t)
            }
        }
        if !current.isEmpty { paragraphs.append((currentLine, current.joined(separator: " "))) }
        guard paragraphs.count >= 2 else {
            throw ParseError(source: source, line: firstLine, reason: "\(where_) ends before its outlet and date (is the file truncated?)")
        }
        let outlet = paragraphs[0].text
        guard let day = PublicationDate.parse(paragraphs[1].text) else {
            throw ParseError(source: source, line: paragraphs[1].line, reason: "\(where_): '\(paragraphs[1].text)' is not a publication date")
        }
        var fields: [String: String] = [:]
        var headline = ""
        var text: [String] = []
        var sawLoadDate = false
        for p in paragraphs.dropFirst(2) {
            if let m = p.text.wholeMatch(of: fieldLine), m.1.count >= 3 {
                fields[String(m.1)] = String(m.2)
                if m.1 == "LOAD-DATE" { sawLoadDate = true }
                continue
            }
            if p.text.hasPrefix("Copyright ") && sawLoadDate { continue }
            if headline.isEmpty && fields.isEmpty { headline = p.text; continue }
            if !sawLoadDate { text.append(p.text) }
        }
        if isLast && !sawLoadDate && fields["LANGUAGE"] == nil {
            throw ParseError(source: source, line: firstLine, reason: "\(where_) stops before its LOAD-DATE and LANGUAGE lines: the file is truncated")
        }
        let body = text.joined(separator: "\n\n")
        let withheld = body.isEmpty || body.range(of: #"^(This (content|article|document) (is|has been) (not available|removed|withheld)|Copyright .* not available)"#, options: [.regularExpression, .caseInsensitive]) != nil
        return NewsDocument(format: "lexisnexis-text", database: "lexisnexis", documentId: nil, outlet: outlet, day: day,
                            headline: headline, byline: fields["BYLINE"], language: fields["LANGUAGE"].map { $0.capitalized },
                            text: withheld ? "" : body, hasText: !withheld, line: firstLine)
    }
}
