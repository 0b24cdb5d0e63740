/// One way of writing a person's name.
public struct Alias: Hashable, Sendable {
    /// The name as written (any script).
    public let text: String
    /// A BCP 47 language tag, when the roster gives one (`zh-Hans`, `az`, `ar`).
    public let language: String?
    /// False for spellings the roster's authors did not find in a cited source.
    public let verified: Bool
    /// Whether a match needs a context term nearby; nil lets the matcher decide (it does when the person
    /// is ambiguous, or the alias is a single word in a script written with spaces, such as a surname alone).
    public let needsContext: Bool?

    public init(text: String, language: String? = nil, verified: Bool = true, needsContext: Bool? = nil) {
        self.text = text
        self.language = language
        self.verified = verified
        self.needsContext = needsContext
    }

    /// The folded form used for comparison (see `NameFolding`).
    public var folded: String { NameFolding.fold(text) }
}
