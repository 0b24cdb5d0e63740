import ArgumentParser
import Foundation
import GlareCore
import Logging

/// The `glare` command: a thin layer over GlareKit.
@main
struct Glare: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "glare",
        abstract: "Measure media attention: daily attention series per person, and whether attention rose and persisted around an event.",
        discussion: """
            Data lives in one SQLite file (--db, or GLARE_DB; default ./glare.sqlite) with the imported and \
            fetched bytes kept as snapshots in a folder beside it. The roster of people and their aliases \
            is a YAML file (--roster, or GLARE_ROSTER; default ./roster.yaml, else Feeds/roster.yaml). \
            'glare init DIR' starts a study of one's own: a roster template, a sources file and next steps. \
            Commands that only read (series, export, analyze, report, explain, status) never create a store.

            Exit statuses follow sysexits: 0 ok, 64 usage, 65 bad input data, 66 no input (a missing file or \
            store), 69 source unavailable, 70 internal error, 73 cannot create an output, 74 I/O error, 75 \
            temporary failure.
            """,
        version: GlareVersion.current,
        subcommands: [
            Init.self, Fetch.self, Status.self, Import.self, Rebuild.self, WikipediaCommand.self, Export.self, SeriesList.self, Analyze.self, Report.self,
            Figures.self, Explore.self, BundleCommand.self, Verify.self, Explain.self, Forget.self, Match.self, RosterCommand.self, Vacuum.self,
            GKGCommand.self, Completions.self,
        ]
    )

    /// Only the executable configures logging: one line per event on standard error. A file-size limit
    /// (`ulimit -f`) must not kill an import mid-write with SIGXFSZ and no word: ignored, the write fails,
    /// the transaction rolls back and the error is reported (exit 74).
    static func main() {
        signal(SIGXFSZ, SIG_IGN)
        LoggingSystem.bootstrap(StreamLogHandler.standardError)
        Self.main(nil)
    }
}
