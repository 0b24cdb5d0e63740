public import ArgumentParser
import GlareCore
import GlareKit
import GlareReport

extension Measure: ExpressibleByArgument {}
extension SeriesQuery.Format: ExpressibleByArgument {}

struct Export: GlareCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export attention series as CSV or JSON for R, Stata or pandas.",
        discussion: """
            Long CSV (the default) has the columns date,person,source,measure,resolution,state,value,total,coverage,se: \
            date is the period's start in ISO 8601 (2021-06-02T14:00Z for an hour, the first day for days, weeks \
            and months; resolution says which), state is value, below-one (Google Trends' '<1', written as \
            --below-one times its ceiling, 0.5 on an export's own scale), partial (the source covered part of the \
            period; its value is empty unless --allow-partial-days) or missing (not covered: the value is empty, \
            never zero); total is the denominator where the source has one, coverage how much of the period the \
            source covered where it records it, se the standard error of the value where known (Trends periods \
            covered by several exports or repeated samples). Trends values carry 4 significant digits, counts are \
            integers. --wide writes one column per person and source. pandas: \
            pd.read_csv(f, parse_dates=["date"], comment="#").
            """
    )

    @OptionGroup var selection: SeriesSelection

    @Flag(help: "One column per person and source instead of the long form.")
    var wide = false

    @Option(help: "Output format: csv or json.")
    var format: SeriesQuery.Format = .csv

    @Option(name: .customLong("below-one"), help: ArgumentHelp("The fraction of the ceiling written for Trends' '<1'.", valueName: "value"))
    var belowOne = 0.5

    @Option(help: ArgumentHelp("Write to this file instead of standard output (written whole or not at all).", valueName: "file"))
    var out: String?

    @Flag(
        help:
            "Write the provenance (Glare's version, the command line, the roster, the input snapshots) as '#' comment lines before the CSV header; JSON always carries it."
    )
    var provenance = false

    @OptionGroup var coverage: CoverageOptions
    @OptionGroup var rosterOptions: RosterOptions
    @OptionGroup var store: StoreOptions

    func validate() throws {
        if wide && format == .json { throw ValidationError("--wide applies to CSV only") }
        guard belowOne >= 0, belowOne <= 1 else { throw ValidationError("--below-one must be between 0 and 1") }
    }

    func execute() throws -> ExitStatus {

        let roster = try rosterOptions.loadIfPresent()
        let db = try store.workspace.openExistingDatabase()
        var query = SeriesQuery(
            people: selection.person, measure: selection.measure, sources: selection.source, days: selection.days,
            wide: wide, format: format, belowOne: belowOne, partialPeriods: coverage.allowPartialDays)
        query.commandLine = Provenance.commandLine(CommandLine.arguments)
        query.roster = roster
        query.provenanceInCSV = provenance
        let selected = try query.series(in: db)
        try rosterOptions.warnIfStale(selected)
        let text = try query.render(selected, from: db)
        if let out { try OutputFile.write(text, to: out) } else { emit(text) }
        return .ok
    }
}
