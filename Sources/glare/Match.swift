import ArgumentParser
import Foundation
import GlareCore
import GlareKit

struct Match: GlareCommand {
    static let configuration = CommandConfiguration(
        commandName: "match",
        abstract: "Find roster people in documents (JSON Lines in, JSON Lines out), to check the matcher on your own samples.",
        discussion: """
            Each input line is {"id": ..., "text": ..., "title": ...}; each output line is \
            {"id": ..., "people": [{"person": ..., "mentions": ..., "evidence": [...]}]}, where evidence gives the \
            alias, the matched text, the field, UTF-8 byte offsets and the rule that admitted the mention \
            (alias, or context with the context term). Reads standard input when no file is given. Lines that \
            cannot be read are reported on standard error and skipped; the exit status is then 65.
            """
    )

    @Argument(help: ArgumentHelp("JSON Lines files (default: standard input).", valueName: "file"))
    var files: [String] = []

    @Option(help: ArgumentHelp("Words either side of an ambiguous name within which a context term counts.", valueName: "n"))
    var contextWords = 40

    @Option(help: ArgumentHelp("Threads matching at once (default: one per core).", valueName: "n"))
    var jobs: Int?

    @OptionGroup var rosterOptions: RosterOptions

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    func execute() throws -> ExitStatus {
        try requireInputs(files)
        var errors: [String] = []
        let matcher = PersonMatcher(roster: try rosterOptions.load(), configuration: .init(contextWords: contextWords))
        let output = BufferedOutput()
        var summary = MatchRun.Summary()
        let runner = jobs.map { MatchRun(matcher: matcher, jobs: $0) } ?? MatchRun(matcher: matcher)
        if files.isEmpty {
            runner.run(.standardInput, source: "<stdin>", summary: &summary, write: output.write)
        }
        for file in files {
            guard let handle = FileHandle(forReadingAtPath: file) else {
                throw ImportError.unreadable(path: file, reason: "no such file or not readable")
            }
            runner.run(handle, source: file, summary: &summary, write: output.write)
        }
        output.flush()
        errors = summary.errors.map { "\($0)" }
        for e in errors { Terminal.error(e) }
        return errors.isEmpty ? .ok : .dataError
    }
}

/// Standard output in 1 MB writes.
final class BufferedOutput {
    private var pending = Data()

    func write(_ data: [UInt8]) {
        pending.append(contentsOf: data)
        if pending.count >= 1 << 20 { flush() }
    }

    func flush() {
        FileHandle.standardOutput.write(pending)
        pending.removeAll(keepingCapacity: true)
    }
}
