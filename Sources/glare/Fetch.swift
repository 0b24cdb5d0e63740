import ArgumentParser
import Foundation
import GlareCore
import GlareFetch
import GlareKit
import Logging

struct Fetch: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Fetch sources into the store (one fetch at a time per database; a second exits with 75).",
        subcommands: [Sources.self, GKG.self],
        defaultSubcommand: Sources.self
    )

    /// The HTTP client's settings for a fetch: Wikimedia and GDELT ask for a User-Agent that says who to contact
    /// (`GLARE_CONTACT`).
    static func http(_ environment: [String: String]) -> HTTPClient.Configuration {
        var http = HTTPClient.Configuration()
        if let contact = environment["GLARE_CONTACT"], !contact.isEmpty {
            http.userAgent = "Glare/\(GlareVersion.current) (media attention research; contact: \(contact))"
        }
        return http
    }

    struct Sources: GlareCommand {
        static let configuration = CommandConfiguration(
            commandName: "sources",
            abstract: "Fetch the sources of the sources file (the default: 'glare fetch' alone runs this).",
            discussion: """
                Each source's responses are kept as snapshots before the transaction that records their documents, \
                so a run killed at any point and run again counts nothing twice and loses nothing. Feeds are asked \
                conditionally (ETag, If-Modified-Since); date-ranged APIs resume from their cursor, or fetch \
                --from/--to. API keys come from the environment or a credentials file only its owner can read \
                (--credentials, $GLARE_CREDENTIALS, ~/.config/glare/credentials). Exit status: 0 every source \
                fine, 75 only transient failures (cron may retry), 69 a source unavailable, 75 at once when \
                another fetch holds the database. Sources are fetched several at once (--connections), at most \
                --per-host at a time from one feed host; each API is asked one request at a time, at its pace.
                """
        )

        @Argument(help: ArgumentHelp("Only these sources (ids from the sources file).", valueName: "id"))
        var ids: [String] = []

        @Option(help: ArgumentHelp(StudyFiles.sourcesHelp, valueName: "file"))
        var sources: String?

        @Option(help: ArgumentHelp("Backfill date-ranged APIs from this day.", valueName: "YYYY-MM-DD"))
        var from: Day?

        @Option(help: ArgumentHelp("Backfill date-ranged APIs up to this day.", valueName: "YYYY-MM-DD"))
        var to: Day?

        @Option(help: ArgumentHelp("The credentials file (NAME=value lines, mode 600).", valueName: "file"))
        var credentials: String?

        @Option(help: ArgumentHelp("Most requests in flight at once.", valueName: "n"))
        var connections = 8

        @Option(help: ArgumentHelp("Most requests in flight at once to one feed host (each API: one at a time).", valueName: "n"))
        var perHost = 1

        @OptionGroup var rosterOptions: RosterOptions
        @OptionGroup var store: StoreOptions

        func validate() throws {
            guard connections >= 1, perHost >= 1 else { throw ValidationError("--connections and --per-host must be at least 1") }
        }

        func execute() throws -> ExitStatus {
            MallocTuning.apply()
            let environment = ProcessInfo.processInfo.environment
            let path = StudyFiles.sourcesPath(sources)
            try MissingInput.check(path, what: "sources file", hint: MissingInput.sourcesHint)
            let all = try SourceList.load(contentsOf: URL(fileURLWithPath: path))
            for id in ids where !all.contains(where: { $0.id == id }) { throw FetchRunError.unknownSource(id, file: path) }
            let chosen = ids.isEmpty ? all.filter(\.enabled) : all.filter { ids.contains($0.id) }
            let workspace = store.workspace
            let lock = try FetchLock(database: workspace.databasePath)
            defer { lock.release() }
            // libcurl loaded while the roster, the credentials and the store are read; whatever ends the command
            // waits for it first (after the lock: a fetch that finds another running exits at once).
            HTTPClient.prepare()
            defer { HTTPClient.finishPreparing() }
            let logger = store.logger("glare.fetch", unattended: true)
            let credentialsFile =
                credentials ?? environment["GLARE_CREDENTIALS"]
                ?? (environment["HOME"].map { $0 + "/.config/glare/credentials" })
            var run = FetchRun(
                roster: try rosterOptions.load(), workspace: workspace, client: HTTPClient(configuration: Fetch.http(environment), logger: logger),
                credentials: try Credentials(file: credentialsFile), logger: logger)
            run.connections = connections
            run.connectionsPerHost = perHost
            let bar = ProgressBar()
            run.progress = { bar.update(done: $0, total: $1, bytes: 0, unit: "sources") }
            let results = try run.run(chosen, from: from, to: to)
            for r in results {
                switch r.outcome {
                case .failed: Terminal.error("\(r.source): \(r.error ?? "failed")")
                case .notModified: emit("\(r.source): not modified\n")
                case .fetched:
                    emit(
                        "\(r.source): \(r.documents) items, \(r.added) new\(r.truncated.isEmpty ? "" : " (the feed was truncated; its complete items were kept)")\n"
                    )
                }
                for n in r.notes { emit("  \(n)\n") }
            }
            return FetchRun.status(results)
        }
    }

    struct GKG: GlareCommand {
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

        func execute() throws -> ExitStatus {
            var complete = true
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
            // Every file comes from one host: a backfill waits an outage out file by file (each with its retries) rather
            // than failing the rest of its range at the first three files that found the host unreachable.
            var http = Fetch.http(ProcessInfo.processInfo.environment)
            http.originFailureLimit = 0
            let summary = try GKGFetcher(pipeline: pipeline, client: HTTPClient(configuration: http, logger: logger), options: options).run()
            complete = GKGOptions.report(summary)
            return complete ? .ok : .temporaryFailure
        }
    }
}
