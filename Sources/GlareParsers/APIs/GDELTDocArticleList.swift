public import Foundation

/// GDELT DOC 2.0's `mode=artlist` answer: the matching articles GDELT saw, with title and source, no text.
public struct GDELTDocArticleList: APIResponse {
    public static let shapeError = "not a GDELT DOC article list"

    public static func json(in body: Data) throws -> Data { try GDELTDocBody.json(body) }

    /// One article.
    public struct Article: Decodable, Sendable {
        public let url: String?
        public let title: String?
        /// When GDELT saw it, `YYYYMMDDTHHMMSSZ`.
        public let seendate: String?
        /// The outlet's domain.
        public let domain: String?
        /// The language's English name, e.g. "English".
        public let language: String?

        enum CodingKeys: String, CodingKey { case url, title, seendate, domain, language }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            url = c.lenient(String.self, .url)
            title = c.lenient(String.self, .title)
            seendate = c.lenient(String.self, .seendate)
            domain = c.lenient(String.self, .domain)
            language = c.lenient(String.self, .language)
        }
    }

    /// The articles (empty when GDELT found none).
    public let articles: [Article]

    enum CodingKeys: String, CodingKey { case articles }

    public init(from decoder: Decoder) throws {
        articles = try decoder.container(keyedBy: CodingKeys.self).lenient([Article].self, .articles) ?? []
    }
}
