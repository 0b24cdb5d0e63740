public import Foundation
import GlareCore

/// Factiva HTML exports: one `div.article` per document, a table of two-letter field codes (HD headline,
/// BY byline, PD date, SN source, LA language, LP lead, TD text, AN accession number, …), dates and word
/// counts in the export's interface language. An article without a date Glare can read is skipped and named.
public enum FactivaParser {
    public static func recognises(_ head: String) -> Bool {
        head.contains("Factiva") && (head.contains("frArticle") || head.contains("class=\"article") || head.contains("<b>HD</b>"))
    }

    public static func parse(_ data: Data, source: String) throws -> ArchiveDownload {
        let root = try XMLTree.parseHTML(data, source: source)
        let articles = root.descendants { $0.name == "div" && $0.hasClass("article") }
        guard !articles.isEmpty else { throw ParseError(source: source, reason: "a Factiva page without articles (no div.article)") }
        var download = ArchiveDownload(documents: [])
        for (i, article) in articles.enumerated() {
            var fields: [String: String] = [:]
            for row in article.descendants(where: { $0.name == "tr" }) {
                let cells = row.elements(named: "td")
                guard cells.count >= 2, cells[0].hasClass("index") else { continue }
                let code = cells[0].text.trimmingCharacters(in: .whitespacesAndNewlines.union(CharacterSet(charactersIn: "\u{A0}")))
                fields[code] = cells[1].blockText
            }
            let number = "article \(i + 1) of \(articles.count)"
            guard let pd = fields["PD"], let day = PublicationDate.parse(pd) else {
                download.skipped.append(
                    SkippedDocument(number: i + 1, line: nil, reason: "\(number): no publication date (PD) Glare can read (\(fields["PD"] ?? "missing"))"))
                continue
            }
            let text = [fields["LP"], fields["TD"]].compactMap { $0 }.joined(separator: "\n\n")
            let id = fields["AN"].map { $0.replacingOccurrences(of: "Document ", with: "").trimmingCharacters(in: .whitespaces) }
            download.documents.append(
                NewsDocument(
                    format: "factiva-html", database: "factiva", documentId: id, outlet: fields["SN"] ?? "unknown source",
                    day: day, headline: fields["HD"] ?? "", byline: fields["BY"], language: fields["LA"],
                    text: text, hasText: !text.isEmpty, line: i + 1))
        }
        return download
    }
}
