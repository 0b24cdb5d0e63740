public import Foundation
import GlareCore

/// Factiva XML exports: `article` elements with `headline`, `byline`, `publicationDate/date`
/// (`YYYY-MM-DD`), `sourceName`, `baseLanguage`, `leadParagraph`, `tailParagraphs/paragraph` and a
/// `reference` that carries the accession number (`distdoc:archive/ArchiveDoc::Article/<AN>`). Read
/// with libxml2 under Glare's safe options. An article without a date Glare can read is skipped and named.
public enum FactivaXMLParser {
    public static func recognises(_ head: String) -> Bool {
        head.contains("<article") && (head.contains("leadParagraph") || head.contains("tailParagraphs") || head.contains("ArchiveDoc"))
    }

    public static func parse(_ data: Data, source: String) throws -> ArchiveDownload {
        let root = try XMLTree.parse(data, source: source)
        let articles = root.name == "article" ? [root] : root.descendants { $0.name == "article" && !$0.elements(named: "headline").isEmpty }
        guard !articles.isEmpty else { throw ParseError(source: source, reason: "a Factiva XML file without articles") }
        var download = ArchiveDownload(documents: [])
        for (i, a) in articles.enumerated() {
            func field(_ name: String) -> String? {
                a.elements(named: name).first.map { $0.text.split(whereSeparator: \.isWhitespace).joined(separator: " ") }.flatMap { $0.isEmpty ? nil : $0 }
            }
            let dateText = a.elements(named: "publicationDate").first.flatMap { $0.elements(named: "date").first?.text ?? $0.text } ?? ""
            guard let day = PublicationDate.parse(dateText) else {
                download.skipped.append(
                    SkippedDocument(
                        number: i + 1, line: nil,
                        reason:
                            "article \(i + 1) of \(articles.count): no publicationDate Glare can read ('\(dateText.trimmingCharacters(in: .whitespacesAndNewlines))')"
                    ))
                continue
            }
            let paragraphs = (a.elements(named: "leadParagraph") + a.elements(named: "tailParagraphs").flatMap { $0.elements(named: "paragraph") })
                .map { $0.text.split(whereSeparator: \.isWhitespace).joined(separator: " ") }.filter { !$0.isEmpty }
            let reference = field("reference").map { $0.components(separatedBy: "/").last ?? $0 }
            let text = paragraphs.joined(separator: "\n\n")
            download.documents.append(
                NewsDocument(
                    format: "factiva-xml", database: "factiva", documentId: reference, outlet: field("sourceName") ?? "unknown source",
                    day: day, headline: field("headline") ?? "", byline: field("byline"), language: field("baseLanguage"),
                    text: text, hasText: !text.isEmpty, line: i + 1))
        }
        return download
    }
}
