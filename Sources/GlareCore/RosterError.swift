/// A roster file that cannot be used, with where and why.
public struct RosterError: Error, Equatable, CustomStringConvertible {
    /// The file the roster came from.
    public let file: String
    /// The 1-based line, when known.
    public let line: Int?
    /// The person's id (or position) the problem belongs to, when it belongs to one.
    public let person: String?
    /// What is wrong, in words a user can act on.
    public let reason: String

    public init(file: String, line: Int?, person: String?, reason: String) {
        self.file = file
        self.line = line
        self.person = person
        self.reason = reason.clippedForMessage
    }

    public var description: String {
        var s = file
        if let line { s += ":\(line)" }
        s += ": "
        if let person { s += "person '\(person)': " }
        return s + reason
    }
}
