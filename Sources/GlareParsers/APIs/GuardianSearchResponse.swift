/// One page of the Guardian Open Platform's `/search` answer: `response` with its `status`, the number
/// of `pages`, and the `results` with the fields asked for (`show-fields=bodyText,byline`).
public struct GuardianSearchResponse: APIResponse {
    public static let shapeError = "not a Guardian API response (JSON with 'response')"

    /// One article found.
    public struct Result: Decodable, Sendable {
        public let id: String?
        public let webUrl: String?
        /// ISO 8601 with time and zone.
        public let webPublicationDate: String?
        public let webTitle: String?
        public let bodyText: String?
        public let byline: String?

        enum CodingKeys: String, CodingKey { case id, webUrl, webPublicationDate, webTitle, fields }
        enum FieldKeys: String, CodingKey { case bodyText, byline }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            id = c.lenient(String.self, .id)
            webUrl = c.lenient(String.self, .webUrl)
            webPublicationDate = c.lenient(String.self, .webPublicationDate)
            webTitle = c.lenient(String.self, .webTitle)
            let fields = try? c.nestedContainer(keyedBy: FieldKeys.self, forKey: .fields)
            bodyText = fields?.lenient(String.self, .bodyText)
            byline = fields?.lenient(String.self, .byline)
        }
    }

    /// `ok`, or `error` with a `message`.
    public let status: String?
    public let message: String?
    /// The number of pages the query has (1 when not given).
    public let pages: Int
    public let results: [Result]

    enum CodingKeys: String, CodingKey { case response }
    enum ResponseKeys: String, CodingKey { case status, message, pages, results }

    public init(from decoder: Decoder) throws {
        let response = try decoder.container(keyedBy: CodingKeys.self).nestedContainer(keyedBy: ResponseKeys.self, forKey: .response)
        status = response.lenient(String.self, .status)
        message = response.lenient(String.self, .message)
        pages = response.lenient(Int.self, .pages) ?? 1
        results = response.lenient([Result].self, .results) ?? []
    }
}
