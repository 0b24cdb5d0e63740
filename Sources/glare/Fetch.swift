import ArgumentParser
import Foundation
import GlareCore
import GlareFetch
import GlareKit
import Logging

struct Fetch: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fetch sources into the store (one fetch at a time per database; a second exits with 75).",
        subcommands: [GKG.self]
    )

    struct GKG: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "gkg",
            abstract: "Fetch GDELT 2.0 Global Knowledge Graph files for a date range and count the articles naming each person.",
            discussion: """
                Reads GDELT's master file list, downloads every GKG file of the range not processed before, checks \
                its size and MD5, and keeps its name index (ids, URLs, titles, names) as a snapshot. A file that \
                cannot be fetched after retries leaves its day incomplete (missing in the series, never zero) and \
                is tried again by the next run; the exit status is then 75. Series: 'gkg' (distinct articles per \
                day, with the day's articles as the total) and 'gkg/mentions'.
                """
        )

        @Option(help: ArgumentHelp("First day (UTC).", valueName: "YYYY-MM-DD"))
        var from: Day

        @Option(help: ArgumentHelp("Last day (UTC).", valueName: "YYYY-MM-DD"))
        var to: Day

        @Flag(help: "The translingual stream (machine-translated non-English news) instead of the English one.")
        var translingual = false

        @Option(help: ArgumentHelp("Where the master lists and files are.", valueName: "url"))
        var baseURL = "http://data.gdeltproject.org/gdeltv2/"

        @OptionGroup var gkg: GKGOptions
        @OptionGroup var rosterOptions: RosterOptions
        @OptionGroup var store: StoreOptions

        func validate() throws {
            guard from <= to else { throw ValidationError("--from must not be after --to") }
        }

        func run() throws {
            var complete = true
            try runReportingErrors {
                let workspace = store.workspace
                let lock = try FetchLock(database: workspace.databasePath)
                defer { lock.release() }
                let logger = store.logger("glare.fetch.gkg", unattended: true)
                let bar = ProgressBar()
                let pipeline = try GKGPipeline(roster: try rosterOptions.load(), workspace: workspace, options: gkg.options, logger: logger) {
                    bar.update(done: $0.done, total: $0.total, bytes: $0.bytes, elapsed: $0.elapsed)
                }
                var options = GKGFetcher.Options(from: from, to: to)
                options.translingual = translingual
                options.baseURL = baseURL
                let summary = try GKGFetcher(pipeline: pipeline, client: HTTPClient(logger: logger), options: options).run()
                complete = GKGOptions.report(summary)
            }
            if !complete { throw ExitCode(ExitStatus.temporaryFailure.rawValue) }
        }
    }
}
