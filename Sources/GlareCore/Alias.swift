/// One way of writing a person's name.
public struct Alias: Hashable, Sendable {
    /// The name as written (any script).
    public let text: String
    /// A BCP 47 language tag, when the roster gives one (`zh-Hans`, `az`, `ar`).
    public let language: String?
    /// False for spellings the roster's authors did not find in a cited source.
    public let verified: Bool

    public init(text: String, language: String? = nil, verified: Bool = true) {
        self.text = text
        self.language = language
        self.verified = verified
    }

    /// The folded form used for comparison (see `NameFolding`).
    public var folded: String { NameFolding.fold(text) }
}
