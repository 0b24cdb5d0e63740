public import Foundation
import GlareCore

/// Nexis Uni Word downloads: a zip with `word/document.xml` (WordprocessingML), read in memory with
/// `ZipArchiveReader` and libxml2. A cover page lists the documents; each document then gives its headline,
/// outlet, date line, optional copyright line, `Label: value` fields (Section, Length, Byline), `Body`,
/// its paragraphs, trailing fields (Load-Date, Language) and `End of Document`. A document without a
/// `Body` or a date is skipped and named (its paragraph number as the line); a zip that cannot be read
/// (a truncated download) is an error.
public enum NexisUniDOCXParser {
    public static func recognises(_ data: Data) -> Bool { data.starts(with: [0x50, 0x4B, 0x03, 0x04]) }

    /// The most `word/document.xml` may inflate to: a download of hundreds of documents is a few MB.
    public static let documentLimit = 256 << 20

    public static func parse(_ data: Data, source: String) throws -> ArchiveDownload {
        let zip = try ZipArchiveReader(data: data, source: source)
        guard let entry = zip.member(named: "word/document.xml") else {
            throw ParseError(source: source, reason: "a zip file without word/document.xml: not a Word download")
        }
        let xml = try zip.contents(of: entry, limit: documentLimit)
        let root = try XMLTree.parse(xml, source: source + ":word/document.xml")
        let paragraphs = root.descendants { $0.name == "p" }.map { p -> String in
            p.descendants { $0.name == "t" || $0.name == "tab" }.map { $0.name == "tab" ? " " : $0.text }.joined()
                .replacingOccurrences(of: "\u{A0}", with: " ").trimmingCharacters(in: .whitespaces)
        }
        var download = ArchiveDownload(documents: [])
        var i = 0, number = 0
        // Each document ends with "End of Document"; it starts after the blank paragraphs before it.
        var start = 0
        while i < paragraphs.count {
            if paragraphs[i] == "End of Document" {
                number += 1
                do {
                    download.documents.append(try document(Array(paragraphs[start..<i]), index: number, paragraph: start + 1, source: source))
                } catch let e as ParseError {
                    download.skipped.append(SkippedDocument(number: number, line: e.line, reason: e.reason))
                }
                start = i + 1
            }
            i += 1
        }
        guard number > 0 else { throw ParseError(source: source, reason: "a Word file without Nexis Uni documents (no 'End of Document')") }
        return download
    }

    /// `Label: value` lines: the label is a few words of letters (`Section`, `Load-Date`, `Date and Time`).
    static func isField(_ line: String) -> Bool {
        guard let colon = line.firstIndex(of: ":") else { return false }
        let label = line[..<colon]
        return !label.isEmpty && label.count < 30 && label.allSatisfy { $0.isLetter || $0 == " " || $0 == "-" || $0 == "/" }
    }

    static func document(_ block: [String], index: Int, paragraph: Int, source: String) throws -> NewsDocument {
        // The document proper begins after the cover page: take the last run of lines before "Body" that has a date.
        guard let bodyIndex = block.firstIndex(of: "Body") else {
            throw ParseError(source: source, line: paragraph, reason: "document \(index): no 'Body' paragraph")
        }
        let head = block[..<bodyIndex].filter { !$0.isEmpty }
        guard let dateIndex = head.lastIndex(where: { PublicationDate.parse($0) != nil && !isField($0) }), dateIndex >= 2 else {
            throw ParseError(source: source, line: paragraph, reason: "document \(index): no publication date before its body")
        }
        let day = PublicationDate.parse(head[dateIndex])!
        var fields: [String: String] = [:]
        for line in head[(dateIndex + 1)...] where isField(line) {
            if let colon = line.firstIndex(of: ":") {
                fields[String(line[..<colon]).lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
        }
        var text: [String] = []
        for line in block[(bodyIndex + 1)...] where !line.isEmpty {
            if let colon = line.firstIndex(of: ":"), ["load-date", "language"].contains(line[..<colon].lowercased()) {
                fields[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                continue
            }
            text.append(line)
        }
        let body = text.joined(separator: "\n\n")
        return NewsDocument(
            format: "nexis-uni-docx", database: "lexisnexis", documentId: nil, outlet: head[dateIndex - 1], day: day,
            headline: head[dateIndex - 2], byline: fields["byline"], language: fields["language"],
            text: body, hasText: !body.isEmpty, line: paragraph)
    }
}
