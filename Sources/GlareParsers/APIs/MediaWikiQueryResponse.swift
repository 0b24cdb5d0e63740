/// A MediaWiki `action=query` answer (`formatversion=2`) as Glare asks for it: search hits
/// (`list=search`), and pages with their redirects (`prop=redirects`) or interlanguage links (`prop=langlinks`).
public struct MediaWikiQueryResponse: APIResponse {
    public static let shapeError = "not a MediaWiki query response"

    /// A page named in a list: a search hit, a redirect.
    public struct PageReference: Decodable, Sendable {
        public let title: String?

        enum CodingKeys: String, CodingKey { case title }

        public init(from decoder: Decoder) throws {
            title = try decoder.container(keyedBy: CodingKeys.self).lenient(String.self, .title)
        }
    }

    /// The same article in another language edition.
    public struct LanguageLink: Decodable, Sendable {
        /// The edition, e.g. `zh`.
        public let lang: String?
        public let title: String?

        enum CodingKeys: String, CodingKey { case lang, title }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            lang = c.lenient(String.self, .lang)
            title = c.lenient(String.self, .title)
        }
    }

    /// A page asked for by title (after following redirects when asked to).
    public struct Page: Decodable, Sendable {
        public let title: String?
        /// The titles redirecting to the page.
        public let redirects: [PageReference]
        public let langlinks: [LanguageLink]

        enum CodingKeys: String, CodingKey { case title, redirects, langlinks }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            title = c.lenient(String.self, .title)
            redirects = c.lenient([PageReference].self, .redirects) ?? []
            langlinks = c.lenient([LanguageLink].self, .langlinks) ?? []
        }
    }

    /// The `query` object.
    public struct Query: Decodable, Sendable {
        public let search: [PageReference]
        public let pages: [Page]

        enum CodingKeys: String, CodingKey { case search, pages }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            search = c.lenient([PageReference].self, .search) ?? []
            pages = c.lenient([Page].self, .pages) ?? []
        }
    }

    /// Nil when the answer has no `query` object (an error, or nothing to say).
    public let query: Query?

    enum CodingKeys: String, CodingKey { case query }

    public init(from decoder: Decoder) throws {
        query = try decoder.container(keyedBy: CodingKeys.self).lenient(Query.self, .query)
    }
}
