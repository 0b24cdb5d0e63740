/// One admitted mention of a person in a document, with the evidence an analyst needs to audit it.
public struct Mention: Sendable, Equatable, Codable {
    /// Why a mention was admitted.
    public enum Rule: String, Sendable, Codable {
        /// An alias that stands on its own.
        case alias
        /// An alias that needs a context term, and had one nearby.
        case context
    }

    /// The roster alias that matched (as the roster writes it).
    public let alias: String
    /// The text as the document writes it.
    public let matched: String
    /// `title` or `text`.
    public let field: String
    /// UTF-8 byte offsets of the mention in that field, end exclusive.
    public let start: Int
    public let end: Int
    public let rule: Rule
    /// The context term that admitted it, for `context`.
    public let context: String?
}

/// The people a document mentions.
public struct DocumentMatch: Sendable, Equatable, Codable {
    /// One person's mentions.
    public struct Person: Sendable, Equatable, Codable {
        public let person: String
        public let mentions: Int
        public let evidence: [Mention]
    }

    public let people: [Person]

    /// The ids of the people mentioned.
    public var ids: [String] { people.map(\.person) }
}
