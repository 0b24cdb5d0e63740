import ArgumentParser
import Foundation
import GlareCore
import GlareKit

/// Options of every command that processes GDELT GKG files.
struct GKGOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Files processed at once (default: one per core).", valueName: "n"))
    var jobs: Int?

    @Flag(help: "Keep the raw GDELT files as snapshots too (large; by default only each file's name index is kept).")
    var keepRaw = false

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    var options: GKGPipeline.Options {
        var o = GKGPipeline.Options()
        if let jobs { o.jobs = jobs }
        o.keepRaw = keepRaw
        return o
    }

    /// Prints a run's summary and returns whether every file was processed or skipped.
    static func report(_ summary: GKGPipeline.Summary) -> Bool {
        for f in summary.files where f.outcome == .failed {
            Terminal.error("\(f.name): \(f.error ?? "failed")")
        }
        for f in summary.files where f.outcome == .processed && f.skippedRows > 0 {
            emit("\(f.name): \(f.skippedRows) of \(f.rows) rows skipped (\(f.problems ?? ""))\n")
        }
        let count = { (o: GKGPipeline.FileReport.Outcome) in summary.files.filter { $0.outcome == o }.count }
        emit(
            "GKG files: \(count(.processed)) processed, \(count(.skipped)) already processed, \(count(.failed)) failed, \(count(.absent)) not published by GDELT\n"
        )
        emit(
            "rows: \(summary.files.map(\.rows).reduce(0, +)), skipped rows: \(summary.files.map(\.skippedRows).reduce(0, +)), matched records: \(summary.files.map(\.matches).reduce(0, +))\n"
        )
        for (stream, days) in summary.incompleteDays.sorted(by: { $0.key < $1.key }) {
            emit(
                "\(stream): \(days.count) day(s) incomplete, missing in the series: \(days.prefix(10).map(\.iso).joined(separator: ", "))\(days.count > 10 ? ", …" : "")\n"
            )
        }
        return summary.failed == 0
    }
}
