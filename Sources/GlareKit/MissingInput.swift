import Foundation

/// A file a command reads does not exist: exit 66 (`EX_NOINPUT`), naming the file and what sets it.
public struct MissingInput: Error, Equatable, CustomStringConvertible {
    /// The path looked for.
    public let path: String
    /// What the file is: `roster`, `sources file`, `input file`.
    public let what: String
    /// How to give another one or create it.
    public let hint: String

    public init(path: String, what: String, hint: String) {
        self.path = path
        self.what = what
        self.hint = hint
    }

    /// The exit status: 66.
    var status: ExitStatus { .noInput }

    public var description: String { "no \(what) at \(path): \(hint)" }

    /// Throws unless `path` names an existing file.
    public static func check(_ path: String, what: String, hint: String) throws {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue else {
            throw MissingInput(path: path, what: what, hint: hint)
        }
    }

    /// The hint for a roster.
    public static let rosterHint =
        "give the roster with --roster FILE or GLARE_ROSTER (the default is Feeds/roster.yaml in the current folder), or start a study with 'glare init'"
    /// The hint for a sources file.
    public static let sourcesHint =
        "give the sources file with --sources FILE or GLARE_SOURCES (the default is Feeds/sources.yaml in the current folder), or start a study with 'glare init'"
}
