import ArgumentParser
import GlareCore
import GlareKit
import GlareStore

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import files into the store.",
        subcommands: [Trends.self]
    )

    struct Trends: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import Google Trends exports (multiTimeline.csv files, or Trends API JSON).",
            discussion: """
                Every column's term is matched to a roster person by alias ('Liu Xia: (Worldwide)' -> liu-xia). \
                Exports of the same term, region and resolution are stitched onto one scale over their overlapping \
                periods; import the pieces of a long daily series together or in any order, as long as each overlaps \
                another. All files are imported in one transaction: on any error nothing is stored. A file imported \
                before is skipped.
                """
        )

        @Argument(help: ArgumentHelp("Export files, or folders of them.", valueName: "file"))
        var files: [String]

        @Option(help: ArgumentHelp("The roster person a single-term file is about (overrides alias matching).", valueName: "id"))
        var person: String?

        @Option(name: .customLong("term"), help: ArgumentHelp("A term of an API JSON response, in column order (repeat for each).", valueName: "term"))
        var terms: [String] = []

        @Option(help: ArgumentHelp("The region of an API JSON response (CSV exports name theirs).", valueName: "name"))
        var geo: String?

        @Flag(help: "Keep terms that are not on the roster as series of their own, named by a slug of the term.")
        var allowUnknownTerms = false

        @Option(help: ArgumentHelp("The fewest overlapping periods (values of at least 1 in both) a stitch join may use.", valueName: "n"))
        var minOverlap = 7

        @OptionGroup var rosterOptions: RosterOptions
        @OptionGroup var store: StoreOptions

        func validate() throws {
            guard minOverlap >= 1 else { throw ValidationError("--min-overlap must be at least 1") }
        }

        func run() throws {
            try runReportingErrors {
                let roster = try rosterOptions.load()
                let importer = TrendsImporter(roster: roster, rosterName: rosterOptions.rosterPath, workspace: store.workspace,
                                              logger: store.logger("glare.import.trends"))
                let report = try importer.importFiles(files, options: .init(
                    person: person, terms: terms, geo: geo, allowUnknownTerms: allowUnknownTerms,
                    stitching: .init(minimumOverlap: minOverlap)))
                emit(ImportSummary.text(report))
            }
        }
    }
}
