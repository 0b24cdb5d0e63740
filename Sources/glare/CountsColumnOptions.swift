public import ArgumentParser
public import GlareCore
import GlareParsers

/// How to read a CSV of counts: `glare analyze --input` and `glare import counts`.
struct CountsColumnOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The column of dates (default: one named date, day, week, month, period, time …).", valueName: "name"))
    var dateColumn: String?

    @Option(help: ArgumentHelp("The column of counts (default: one named count, value, stories, sentences … or the only numeric column).", valueName: "name"))
    var countColumn: String?

    @Option(help: ArgumentHelp("A column whose values name the series, e.g. a person (repeat to combine columns).", valueName: "name"))
    var groupColumn: [String] = []

    @Option(
        help: ArgumentHelp(
            "The column of totals, the denominator of each count (default: one named total or total_count); naming it analyses counts against it.",
            valueName: "name"))
    var totalColumn: String?

    @Option(help: ArgumentHelp("The periods' length when the dates cannot show it: day, week, month, N-day or N-month.", valueName: "resolution"))
    var resolution: Resolution?

    @Option(
        help: ArgumentHelp(
            "A known export, read by its layout (the options above still win): mediacloud (date, count or stories or sentences, total_count as the total), gdelt-tv (the Television Explorer's CSV: one series per station column, values percent of airtime: a share, not counts), gdelt-doc (the DOC API's timeline CSV: Article Count against Total Monitored Articles, or Volume Intensity: a share).",
            valueName: "mediacloud|gdelt-tv|gdelt-doc"))
    var preset: CountsPreset?

    var given: Bool { dateColumn != nil || countColumn != nil || !groupColumn.isEmpty || totalColumn != nil || resolution != nil || preset != nil }

    var options: CountsCSVParser.Options {
        .init(
            dateColumn: dateColumn, countColumn: countColumn, groupColumns: groupColumn, totalColumn: totalColumn, resolution: resolution,
            preset: preset)
    }
}

extension CountsPreset: ExpressibleByArgument {}

extension Resolution: ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument) }
}
