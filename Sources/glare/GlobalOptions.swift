public import ArgumentParser
import Foundation
public import GlareCore
import GlareKit
import GlareStore
import Logging

/// Options every command that touches the store or the roster accepts.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The SQLite database file (default: $GLARE_DB, else ./glare.sqlite).", valueName: "path"))
    var db: String?

    @Option(name: .long, help: ArgumentHelp("The snapshot folder (default: '<db name>-snapshots' beside the database).", valueName: "dir"))
    var snapshots: String?

    @Flag(name: .shortAndLong, help: "Log each step to standard error.")
    var verbose = false

    var workspace: Workspace { Workspace(databasePath: db, snapshotDirectory: snapshots) }

    /// A logger at `notice`, or `info` with --verbose. An `unattended` command (a fetch) also logs at
    /// `info` when standard error is not a terminal, so a cron log has one line per file.
    func logger(_ label: String, unattended: Bool = false) -> Logger {
        var logger = Logger(label: label)
        logger.logLevel = verbose || (unattended && isatty(STDERR_FILENO) != 1) ? .info : .notice
        return logger
    }
}

struct RosterOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The roster file (default: $GLARE_ROSTER, else ./roster.yaml, else Feeds/roster.yaml).", valueName: "file"))
    var roster: String?

    var rosterPath: String {
        roster ?? ProcessInfo.processInfo.environment["GLARE_ROSTER"].flatMap { $0.isEmpty ? nil : $0 } ?? StudyFiles.defaultPath("roster.yaml")
    }

    func load() throws -> Roster {
        try MissingInput.check(rosterPath, what: "roster", hint: MissingInput.rosterHint)
        return try Roster.load(contentsOf: URL(fileURLWithPath: rosterPath))
    }

    /// The roster if its file exists (commands that only read series work without one).
    func loadIfPresent() throws -> Roster? {
        roster != nil || FileManager.default.fileExists(atPath: rosterPath) ? try load() : nil
    }

    /// Warns on standard error when series were derived under another roster than the loaded one.
    func warnIfStale(_ series: [StoredSeries]) throws {
        guard let roster = try loadIfPresent(), let warning = RosterFingerprint.warning(for: series, roster: roster) else { return }
        Terminal.warning(warning)
    }
}

/// Whether partly covered periods are read as values.
struct CoverageOptions: ParsableArguments {
    @Flag(
        help:
            "Read partly covered periods (a GDELT day with some of its 96 files, a day a feed covered in part) as values; they stay marked by their coverage. Off by default: such a period is missing."
    )
    var allowPartialDays = false
}

/// A subcommand that does work: it parses its options, calls one library entry point in `execute`, prints
/// the result and returns its exit status. Every error takes one path: printed once as `glare: error: …`
/// and mapped to its sysexits status by `ExitStatus.of` (the one place statuses come from).
protocol GlareCommand: ParsableCommand {
    /// Runs the command; returns `.ok`, or the status of a partial failure (one damaged file among several).
    func execute() throws -> ExitStatus
}

extension GlareCommand {
    func run() throws {
        let status: ExitStatus
        do {
            status = try execute()
        } catch let error as ExitCode {
            throw error
        } catch {
            Terminal.error("\(error)")
            throw ExitCode(ExitStatus.of(error).rawValue)
        }
        if status != .ok { throw ExitCode(status.rawValue) }
    }
}

/// What the command line writes to standard error: errors and warnings, one line each.
enum Terminal {
    static func error(_ message: String) { FileHandle.standardError.write(Data("glare: error: \(message.clippedForMessage.printable)\n".utf8)) }
    static func warning(_ message: String) { FileHandle.standardError.write(Data("glare: warning: \(message.clippedForMessage.printable)\n".utf8)) }
}

/// Refuses (exit 66, before anything is opened or created) when a named input file or folder does not exist.
func requireInputs(_ paths: [String], what: String = "input file") throws {
    for path in paths where !FileManager.default.fileExists(atPath: path) {
        throw MissingInput(path: path, what: what, hint: "check the path (relative paths start from the current folder)")
    }
}

/// Writes to standard output.
func emit(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
}

extension Day: ExpressibleByArgument {
    public init?(argument: String) { self.init(iso: argument) }
}
