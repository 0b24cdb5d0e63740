public import Foundation
import GlareCore

/// ProQuest HTML exports: one block per document opened by an `a name="DocID_…"` anchor, the headline
/// in bold, `Label: value` paragraphs (Publication title, Publication date, Language of publication,
/// ProQuest document ID, Database, …) and the full text in a `<text>` element. A document without a
/// date Glare can read is skipped and named.
public enum ProQuestParser {
    public static func recognises(_ head: String) -> Bool { head.contains("DocID_") && head.lowercased().contains("proquest") }

    public static func parse(_ data: Data, source: String) throws -> ArchiveDownload {
        let root = try XMLTree.parseHTML(data, source: source)
        // The containers that hold a DocID anchor directly.
        let blocks = root.descendants { e in e.elements(named: "a").contains { ($0.attributes["name"] ?? "").hasPrefix("DocID_") } }
        guard !blocks.isEmpty else { throw ParseError(source: source, reason: "a ProQuest page without documents (no DocID anchors)") }
        var download = ArchiveDownload(documents: [])
        var closingFields: [Bool] = []
        for (i, block) in blocks.enumerated() {
            var fields: [String: String] = [:]
            var headline = ""
            for p in block.descendants(where: { $0.name == "p" }) {
                if let label = p.elements(named: "strong").first {
                    let key = label.text.trimmingCharacters(in: .whitespacesAndNewlines).trimmingCharacters(in: CharacterSet(charactersIn: ":"))
                    let value = p.text.dropFirst(label.text.count).trimmingCharacters(in: .whitespacesAndNewlines)
                    if fields[key] == nil { fields[key] = value }
                } else if headline.isEmpty, (p.attributes["style"] ?? "").contains("bold") {
                    headline = p.text.trimmingCharacters(in: .whitespacesAndNewlines)
                }
            }
            closingFields.append(fields["Database"] != nil)
            let number = "document \(i + 1) of \(blocks.count)"
            guard let date = fields["Publication date"], let day = PublicationDate.parse(date) else {
                download.skipped.append(
                    SkippedDocument(
                        number: i + 1, line: nil,
                        reason: "\(number): no 'Publication date' field Glare can read (\(fields["Publication date"].map { "'\($0)'" } ?? "missing"))"))
                continue
            }
            let text = block.descendants { $0.name == "text" }.first?.blockText ?? ""
            let outlet = fields["Publication title"].map { $0.components(separatedBy: ";")[0].trimmingCharacters(in: .whitespaces) } ?? "unknown publication"
            download.documents.append(
                NewsDocument(
                    format: "proquest-html", database: "proquest" + (fields["Database"].map { ": \($0)" } ?? ""),
                    documentId: fields["ProQuest document ID"], outlet: outlet, day: day, headline: headline,
                    byline: fields["Author"], language: fields["Language of publication"], text: text, hasText: !text.isEmpty, line: i + 1))
        }
        // Every document closes with its 'Database' field; a last one without it (where the others
        // have it) was cut off by an interrupted download.
        if closingFields.last == false, closingFields.dropLast().allSatisfy({ $0 }) {
            throw ParseError(
                source: source,
                reason:
                    "the last document (\(blocks.count) of \(blocks.count)) stops before its closing 'Database' field: a truncated download? Download it again")
        }
        return download
    }
}
