import GlareCore

/// Input that a parser cannot read, with the file, the line (when there is one) and what was wrong.
public struct ParseError: Error, Equatable, CustomStringConvertible {
    /// The file or URL the bytes came from.
    public let source: String
    /// The 1-based line, when the problem is on one.
    public let line: Int?
    /// What is wrong, in words a user can act on; input it quotes is clipped (`clippedForMessage`).
    public let reason: String

    public init(source: String, line: Int? = nil, reason: String) {
        self.source = source
        self.line = line
        self.reason = reason.clippedForMessage
    }

    public var description: String {
        if let line { return "\(source):\(line): \(reason)" }
        return "\(source): \(reason)"
    }
}
