import ArgumentParser
import GlareCore

/// Which series and which days a command reads: the same options on every command that selects series
/// (export, series, analyze, report).
struct SeriesSelection: ParsableArguments {
    @Option(help: ArgumentHelp("Only this person (repeat for several).", valueName: "id"))
    var person: [String] = []

    @Option(help: ArgumentHelp("Only sources starting with this (repeat for several), e.g. google-trends/daily.", valueName: "prefix"))
    var source: [String] = []

    @Option(help: ArgumentHelp("Only this measure: search, news, views or share.", valueName: "measure"))
    var measure: Measure?

    @Option(help: ArgumentHelp("The first day to include (YYYY-MM-DD).", valueName: "date"))
    var from: Day?

    @Option(help: ArgumentHelp("The last day to include (YYYY-MM-DD).", valueName: "date"))
    var to: Day?

    func validate() throws {
        if let from, let to, from > to { throw ValidationError("--from \(from) is after --to \(to)") }
    }

    /// The days asked for (nil: all).
    var days: ClosedRange<Day>? {
        guard from != nil || to != nil else { return nil }
        return (from ?? Day(ordinal: Int.min / 4))...(to ?? Day(ordinal: Int.max / 4))
    }

    /// Whether any option narrowed the selection of series (not the days).
    var narrowsSeries: Bool { !person.isEmpty || !source.isEmpty }
}
