import Foundation
public import GlareCore

/// Where an output came from: Glare's version, the command line that made it, the roster's fingerprint
/// and the input snapshots (SHA-256 of the bytes imported or fetched, or of an `--input` file). Reports
/// (HTML, Markdown, LaTeX, JSON) always carry it; exports carry it in JSON, and in CSV as `#` comment
/// lines only when asked (`--provenance`), so a plain CSV stays plain. Figures and bundles take the same type.
public struct Provenance: Sendable, Equatable, Codable {
    /// One input: its SHA-256 and the name it was imported under.
    public struct Input: Sendable, Equatable, Codable, Hashable {
        public let sha256: String
        public let name: String

        public init(sha256: String, name: String) {
            self.sha256 = sha256
            self.name = name
        }
    }

    /// Glare's version (`GlareVersion.current`).
    public var version: String
    /// The command line, quoted for a POSIX shell.
    public var commandLine: String
    /// The roster's fingerprint (nil when no roster was read).
    public var rosterHash: String?
    /// The inputs, in the order they were stored.
    public var inputs: [Input]

    public init(version: String = GlareVersion.current, commandLine: String, rosterHash: String?, inputs: [Input]) {
        self.version = version
        self.commandLine = commandLine
        self.rosterHash = rosterHash
        self.inputs = inputs
    }

    enum CodingKeys: String, CodingKey {
        case version = "glare_version", commandLine = "command_line", rosterHash = "roster_hash", inputs
    }

    /// `arguments` (argv) as one shell line, the program named `glare`.
    public static func commandLine(_ arguments: [String]) -> String {
        (["glare"] + arguments.dropFirst()).map(quoted).joined(separator: " ")
    }

    /// A word quoted for a POSIX shell when it needs it.
    static func quoted(_ word: String) -> String {
        let plain =
            !word.isEmpty
            && word.unicodeScalars.allSatisfy { c in
                (c.properties.isAlphabetic && c.isASCII) || ("0"..."9").contains(Character(c)) || "-_./:=@%+,".unicodeScalars.contains(c)
            }
        return plain ? word : "'" + word.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
    }

    /// The provenance as text lines (a CSV's `#` comments, a LaTeX file's `%` comments, a report's footer).
    public var lines: [String] {
        var out = ["made by Glare \(version): \(commandLine)", "roster: \(rosterHash ?? "none read")"]
        if inputs.isEmpty { out.append("inputs: none") }
        for i in inputs { out.append("input: sha256 \(i.sha256) \(i.name)") }
        return out
    }
}
