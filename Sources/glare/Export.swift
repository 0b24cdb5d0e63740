public import ArgumentParser
import GlareCore
import GlareKit

extension Measure: ExpressibleByArgument {}
extension SeriesQuery.Format: ExpressibleByArgument {}

struct Export: GlareCommand {
    static let configuration = CommandConfiguration(
        abstract: "Export attention series as CSV or JSON for R, Stata or pandas.",
        discussion: """
            Long CSV (the default) has the columns date,person,source,measure,value,total,coverage,se: date is the \
            period's first day, an empty value means the period was not covered (never zero), total is the \
            denominator where the source has one, coverage how much of the period the source covered where it \
            records it (a partly covered period is missing unless --allow-partial-days), se the standard error of the \
            value where known (Trends periods covered by several exports or repeated samples). Google Trends' '<1' is written as --below-one times its ceiling (0.5 on an \
            export's own scale). --wide writes one column per person and source.
            """
    )

    @Option(help: ArgumentHelp("Only this person (repeat for several).", valueName: "id"))
    var person: [String] = []

    @Option(help: ArgumentHelp("Only this measure: search, news, views or share.", valueName: "measure"))
    var measure: Measure?

    @Option(help: ArgumentHelp("Only sources starting with this (repeat for several), e.g. google-trends/daily.", valueName: "prefix"))
    var source: [String] = []

    @Option(help: ArgumentHelp("The first day to include (YYYY-MM-DD).", valueName: "date"))
    var from: Day?

    @Option(help: ArgumentHelp("The last day to include (YYYY-MM-DD).", valueName: "date"))
    var to: Day?

    @Flag(help: "One column per person and source instead of the long form.")
    var wide = false

    @Option(help: "Output format: csv or json.")
    var format: SeriesQuery.Format = .csv

    @Option(name: .customLong("below-one"), help: ArgumentHelp("The fraction of the ceiling written for Trends' '<1'.", valueName: "value"))
    var belowOne = 0.5

    @Option(help: ArgumentHelp("Write to this file instead of standard output (written whole or not at all).", valueName: "file"))
    var out: String?

    @OptionGroup var coverage: CoverageOptions
    @OptionGroup var rosterOptions: RosterOptions
    @OptionGroup var store: StoreOptions

    func validate() throws {
        if let from, let to, from > to { throw ValidationError("--from \(from) is after --to \(to)") }
        if wide && format == .json { throw ValidationError("--wide applies to CSV only") }
        guard belowOne >= 0, belowOne <= 1 else { throw ValidationError("--below-one must be between 0 and 1") }
    }

    func execute() throws -> ExitStatus {

        let db = try store.workspace.openDatabase()
        let query = SeriesQuery(
            people: person, measure: measure, sources: source,
            days: (from ?? Day(ordinal: Int.min / 4))...(to ?? Day(ordinal: Int.max / 4)),
            wide: wide, format: format, belowOne: belowOne, partialPeriods: coverage.allowPartialDays)
        try rosterOptions.warnIfStale(try query.series(in: db))
        let text = try query.render(from: db)
        if let out { try OutputFile.write(text, to: out) } else { emit(text) }
        return .ok
    }
}
