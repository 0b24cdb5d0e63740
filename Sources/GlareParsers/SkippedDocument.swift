/// A document of an archive download that could not be read and was left out while the rest of the file
/// was read: an entry the archive blocked (LexisNexis prints the outlet's name where the date belongs and
/// no body), a date Glare cannot read, a truncated last document.
public struct SkippedDocument: Sendable, Equatable, CustomStringConvertible {
    /// The document's number in the download, as the archive numbers it (1-based).
    public let number: Int
    /// The 1-based line of the file where the document starts or where reading it failed; nil where the
    /// format has no lines to point at (Factiva, ProQuest).
    public let line: Int?
    /// What could not be read, naming the document as the archive does (`document 3 of 10: …`).
    public let reason: String

    public init(number: Int, line: Int?, reason: String) {
        self.number = number
        self.line = line
        self.reason = reason
    }

    /// The error that refuses the whole file (`--strict`), as a document that cannot be read did before skipping.
    public func error(source: String) -> ParseError { ParseError(source: source, line: line, reason: reason) }

    public var description: String { line.map { "line \($0): \(reason)" } ?? reason }
}
