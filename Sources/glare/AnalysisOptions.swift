public import ArgumentParser
import EventWindow
import Foundation
import GlareCore
import GlareKit

/// The selection of series and the event-window design, shared by `glare analyze` and `glare report`.
struct AnalysisOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Read series from a CSV of counts per period instead of the store (any tidy table: 'date,count', 'date,name,count,total', Media Cloud and R exports, Glare's long export).",
            valueName: "file"))
    var input: String?

    @OptionGroup var columns: CountsColumnOptions

    @OptionGroup var selection: SeriesSelection

    @Option(name: .customLong("event"), help: ArgumentHelp("The event date (default: the roster's).", valueName: "date"))
    var eventDate: Day?

    @Option(help: ArgumentHelp("The pre window, A..B.", valueName: "range"))
    var pre: String?

    @Option(name: .customLong("event-window"), help: ArgumentHelp("The event window, A..B.", valueName: "range"))
    var eventWindow: String?

    @Option(help: ArgumentHelp("The post window, A..B.", valueName: "range"))
    var post: String?

    @Option(help: ArgumentHelp("A person to treat as a control (repeat); the roster's control group always is.", valueName: "id"))
    var controls: [String] = []

    @Option(
        help: ArgumentHelp(
            "Each featured person on her own date: 'confirmed' (the roster's featured_on) or 'inferred' (else her campaign day as a working day from the event date, marked as an inference).",
            valueName: "confirmed|inferred"))
    var featuredDates: FeaturedDates?

    @Flag(help: "Leave out each person's days from her release on.")
    var maskAfterRelease = false

    @Option(help: ArgumentHelp("Days just before the event window left out of the baseline, so a run-up does not inflate it.", valueName: "days"))
    var gap = EventDesign.defaultGap

    @Flag(help: "Read counts against each period's total (the denominator) where a series has totals.")
    var perTotal = false

    @Option(help: "Monte Carlo draws per permutation test.")
    var permutations = 9_999

    @Option(help: "Seed for the permutation tests.")
    var seed: UInt64 = 20_150_901

    @OptionGroup var coverage: CoverageOptions
    @OptionGroup var rosterOptions: RosterOptions

    static func range(_ text: String?, _ name: String) throws -> ClosedRange<Day>? {
        guard let text else { return nil }
        guard let r = Day.range(text) else { throw ValidationError("\(name) must be YYYY-MM-DD..YYYY-MM-DD with the first day not after the second") }
        return r
    }

    func validate() throws {
        _ = try request()
        guard permutations >= 1 else { throw ValidationError("--permutations must be at least 1") }
        if input != nil && selection.narrowsSeries { throw ValidationError("--input cannot be combined with --person or --source") }
        if input == nil && columns.given {
            throw ValidationError("--date-column, --count-column, --group-column, --total-column, --resolution and --preset read an --input file")
        }
        guard (0...EventDesign.maximumGap).contains(gap) else { throw ValidationError("--gap must be 0 to \(EventDesign.maximumGap) days") }
    }

    /// The analysis these options ask for.
    func request() throws -> AnalysisRequest {
        var request = AnalysisRequest(
            input: input, people: selection.person, sources: selection.source, measure: selection.measure, eventDate: eventDate,
            pre: try Self.range(pre, "--pre"), event: try Self.range(eventWindow, "--event-window"), post: try Self.range(post, "--post"),
            controls: controls, featuredDates: featuredDates, maskAfterRelease: maskAfterRelease,
            permutations: permutations, seed: seed, inputOptions: columns.options, gap: gap, perTotal: perTotal)
        request.partialPeriods = coverage.allowPartialDays
        request.days = selection.days
        return request
    }

    /// The roster when there is one (the default file may be absent when `--input` is used).
    func roster() throws -> Roster? {
        if let input { try requireInputs([input]) }
        return try rosterOptions.loadIfPresent()
    }
}

extension FeaturedDates: ExpressibleByArgument {}
