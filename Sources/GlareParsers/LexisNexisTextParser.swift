public import Foundation
import GlareCore

/// LexisNexis Academic / Nexis Uni plain-text downloads: documents separated by `N of M DOCUMENTS`, then
/// the outlet, the date line, the headline, `FIELD: value` lines (BYLINE, SECTION, LENGTH, …), the body,
/// and trailing fields (LOAD-DATE, LANGUAGE, PUBLICATION-TYPE) and a copyright line. A document whose
/// date or body cannot be read (an entry blocked for copyright, which names its outlet where the date
/// belongs; a truncated last document) is skipped and named, and the rest of the file is read.
public enum LexisNexisTextParser {
    /// `1 of 10 DOCUMENTS`, also as other interface languages write it (`1 von 10 DOKUMENTEN`, `1 de 10 DOCUMENTOS`…).
    nonisolated(unsafe) static let separator =
        /^\s*([0-9]+)\s+(?:of|von|de|sur|di|van)\s+([0-9]+)\s+(?:DOCUMENTS|DOKUMENTEN|DOKUMENTE|DOCUMENTOS|DOCUMENTI|DOCUMENTEN)\s*$/

    /// Whether the text looks like one of these downloads.
    public static func recognises(_ text: String) -> Bool {
        text.split(maxSplits: 200, omittingEmptySubsequences: true, whereSeparator: \.isNewline).prefix(200)
            .contains { $0.wholeMatch(of: separator) != nil }
    }

    public static func parse(_ data: Data, source: String) throws -> ArchiveDownload {
        try parse(text: try TextDecoding.decode(data, source: source), format: "lexisnexis-text", source: source)
    }

    /// Parses the text of a download (also the text of an HTML or RTF export, whose paragraphs are blocks
    /// separated by blank lines). `fileLine` maps a line of `text` and the document's index to the line of
    /// the file it came from (nil when unknown), for documents and messages. A document whose date or
    /// body cannot be read is skipped and named; a text without any `N of M DOCUMENTS` line is an error.
    static func parse(
        text: String, format: String, source: String,
        fileLine: (_ textLine: Int, _ document: Int) -> Int? = { line, _ in line }
    ) throws -> ArchiveDownload {
        let (lines, _) = TextDecoding.lines(text)
        var starts: [(index: Int, number: Int, total: Int)] = []
        for (i, l) in lines.enumerated() where l.utf8.count < 80 && l.utf8.contains(0x20) {
            // A cheap check first: the separator is a short line with spaces.
            guard let m = l.wholeMatch(of: separator) else { continue }
            // A count no download has (99999999999999999999 DOCUMENTS) is damage, not a document.
            guard let number = Int(m.1), let total = Int(m.2), number <= 1_000_000, total <= 1_000_000 else {
                throw ParseError(
                    source: source, line: fileLine(i + 1, starts.count) ?? i + 1,
                    reason: "'\(String(l.trimmingCharacters(in: .whitespaces).prefix(80)))' numbers more documents than any download holds")
            }
            starts.append((i, number, total))
        }
        guard !starts.isEmpty else { throw ParseError(source: source, reason: "not a LexisNexis text download: no 'N of M DOCUMENTS' lines") }
        var download = ArchiveDownload(documents: [])
        for (k, start) in starts.enumerated() {
            let end = k + 1 < starts.count ? starts[k + 1].index : lines.count
            do {
                var d = try document(
                    Array(lines[(start.index + 1)..<end]), firstLine: start.index + 1, number: start.number,
                    total: start.total, isLast: k == starts.count - 1, format: format, source: source)
                d.line = fileLine(d.line, k) ?? d.line
                download.documents.append(d)
            } catch let e as ParseError {
                download.skipped.append(SkippedDocument(number: start.number, line: e.line.flatMap { fileLine($0, k) }, reason: e.reason))
            }
        }
        return download
    }

    nonisolated(unsafe) static let fieldLine = /^([A-Z][A-Z\-]+):\s*(.*)$/

    /// Fields that follow the body (in the interface languages seen).
    static let trailer: Set<String> = ["LOAD-DATE", "LANGUAGE", "UPDATE", "SPRACHE", "LANGUE", "IDIOMA", "LINGUA", "TAAL"]

    static func document(_ body: [Substring], firstLine: Int, number: Int, total: Int, isLast: Bool, format: String, source: String) throws -> NewsDocument {
        let where_ = "document \(number) of \(total)"
        // Paragraphs: runs of non-blank lines, joined.
        var paragraphs: [(line: Int, text: String)] = []
        var current: [String] = []
        var currentLine = 0
        for (i, l) in body.enumerated() {
            let t = String(l.trimmedSpaces)
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
            // An entry the archive blocked (for copyright) names the outlet where the date belongs and has no body.
            let rest = paragraphs.dropFirst(2).filter { !($0.text.hasPrefix("Copyright ") || $0.text.wholeMatch(of: fieldLine) != nil) }
            if rest.isEmpty || paragraphs[1].text == outlet {
                throw ParseError(
                    source: source, line: paragraphs[1].line,
                    reason:
                        "\(where_): '\(paragraphs[1].text.clipped(to: 78))' stands where the publication date belongs\(rest.isEmpty ? " and there is no body" : ""): an entry the archive withheld (e.g. for copyright)"
                )
            }
            throw ParseError(source: source, line: paragraphs[1].line, reason: "\(where_): '\(paragraphs[1].text)' is not a publication date")
        }
        var fields: [String: String] = [:]
        var headline = ""
        var text: [String] = []
        var sawLoadDate = false
        for p in paragraphs.dropFirst(2) {
            if p.text.utf8.first.map({ $0 >= 0x41 && $0 <= 0x5A }) == true, p.text.utf8.contains(0x3A),
                let m = p.text.wholeMatch(of: fieldLine), m.1.count >= 3
            {
                fields[String(m.1)] = String(m.2)
                if trailer.contains(String(m.1)) { sawLoadDate = true }
                continue
            }
            if p.text.hasPrefix("Copyright ") && sawLoadDate { continue }
            if headline.isEmpty && fields.isEmpty { headline = p.text; continue }
            if !sawLoadDate { text.append(p.text) }
        }
        if isLast && !sawLoadDate {
            throw ParseError(source: source, line: firstLine, reason: "\(where_) stops before its LOAD-DATE and LANGUAGE lines: the file is truncated")
        }
        let body = text.joined(separator: "\n\n")
        let withheld =
            body.isEmpty
            || body.utf8.count < 300
                && body.range(
                    of: #"^(This (content|article|document) (is|has been) (not available|removed|withheld)|Copyright .* not available)"#,
                    options: [.regularExpression, .caseInsensitive]) != nil
        return NewsDocument(
            format: format, database: "lexisnexis", documentId: nil, outlet: outlet, day: day,
            headline: headline, byline: fields["BYLINE"],
            language: (fields["LANGUAGE"] ?? fields["SPRACHE"] ?? fields["LANGUE"] ?? fields["IDIOMA"]).map { $0.capitalized },
            text: withheld ? "" : body, hasText: !withheld, line: firstLine)
    }

}
