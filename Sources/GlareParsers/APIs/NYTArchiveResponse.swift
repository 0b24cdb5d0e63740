/// The New York Times Archive API's answer for one month (`/svc/archive/v1/YYYY/M.json`): every
/// article's metadata in `response.docs`, without full text.
public struct NYTArchiveResponse: APIResponse {
    public static let shapeError = "not an Archive API response (no response.docs)"

    /// One article's metadata.
    public struct Article: Decodable, Sendable {
        /// `_id`.
        public let id: String?
        /// `web_url`.
        public let webURL: String?
        /// `pub_date`, ISO 8601.
        public let publicationDate: String?
        /// `headline.main`.
        public let headline: String?
        public let abstract: String?
        /// `lead_paragraph`.
        public let leadParagraph: String?
        /// `byline.original`, e.g. "By Jane Doe".
        public let byline: String?

        enum CodingKeys: String, CodingKey {
            case id = "_id", webURL = "web_url", publicationDate = "pub_date", headline, abstract, leadParagraph = "lead_paragraph", byline
        }
        enum HeadlineKeys: String, CodingKey { case main }
        enum BylineKeys: String, CodingKey { case original }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            id = c.lenient(String.self, .id)
            webURL = c.lenient(String.self, .webURL)
            publicationDate = c.lenient(String.self, .publicationDate)
            headline = (try? c.nestedContainer(keyedBy: HeadlineKeys.self, forKey: .headline))?.lenient(String.self, .main)
            abstract = c.lenient(String.self, .abstract)
            leadParagraph = c.lenient(String.self, .leadParagraph)
            byline = (try? c.nestedContainer(keyedBy: BylineKeys.self, forKey: .byline))?.lenient(String.self, .original)
        }

        /// The text Glare matches besides the headline: the abstract and the lead paragraph, each once,
        /// separated by a blank line.
        public var text: String {
            var unique: [String] = []
            for t in [abstract, leadParagraph].compactMap({ $0 }) where !t.isEmpty && !unique.contains(t) { unique.append(t) }
            return unique.joined(separator: "\n\n")
        }
    }

    public let docs: [Article]

    enum CodingKeys: String, CodingKey { case response }
    enum ResponseKeys: String, CodingKey { case docs }

    public init(from decoder: Decoder) throws {
        let response = try decoder.container(keyedBy: CodingKeys.self).nestedContainer(keyedBy: ResponseKeys.self, forKey: .response)
        docs = try response.decode([Article].self, forKey: .docs)
    }
}
