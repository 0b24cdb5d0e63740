import Crypto

/// One news item from an archive export or a feed: where and when it appeared, and its text.
public struct NewsDocument: Sendable, Equatable {
    /// The export format it came from (`lexisnexis-text`, `nexis-uni-docx`, `lexisnexis-html`, `factiva-html`, `proquest-html`).
    public var format: String
    /// The database or archive the counts are attributed to (`lexisnexis`, `factiva`, `proquest: U.S. Major Dailies`).
    public var database: String
    /// The archive's own id when the export carries one, else a hash of outlet, date, headline and text.
    public var documentId: String
    public var outlet: String
    /// The publication day as printed (the outlet's calendar day; no time-zone guessing).
    public var day: Day
    public var headline: String
    public var byline: String?
    public var language: String?
    public var text: String
    /// False when the export withheld the body (e.g. replaced by a copyright notice): kept, flagged, never counted as a non-mention.
    public var hasText: Bool
    /// The line (or position) in the file where the document starts, for messages.
    public var line: Int

    public init(
        format: String, database: String, documentId: String?, outlet: String, day: Day, headline: String,
        byline: String? = nil, language: String? = nil, text: String, hasText: Bool = true, line: Int
    ) {
        self.format = format
        self.database = database
        self.outlet = outlet
        self.day = day
        self.headline = headline
        self.byline = byline
        self.language = language
        self.text = text
        self.hasText = hasText
        self.line = line
        self.documentId =
            documentId ?? "sha256:"
            + String(SHA256.hash(data: Array("\(outlet)\u{1F}\(day.iso)\u{1F}\(headline)\u{1F}\(text.prefix(2000))".utf8)).hex.prefix(32))
    }
}
