import ArgumentParser
import Foundation
import GlareCore
import GlareKit
import GlareReport

struct Analyze: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Test whether attention rose at an event and whether it persisted (the event-window battery).",
        discussion: """
            Windows are inclusive; by default pre = E-92..E-1, event = E..E+29, post = E+30..E+212 around the \
            event date E (--event, else the roster's). Missing days are left out of every statistic; zero days \
            count. Results per series: window summaries, event study, rate ratios (Poisson, quasi-Poisson, NB2, \
            day-of-week), segmented regression with Newey-West errors, a trend-adjusted excess, Welch and \
            Mann-Whitney tests, equivalence (TOST) for a return to baseline, placebo dates, permutation tests, \
            changepoints, the decay half-life and a verdict; across people: Holm and Benjamini-Hochberg \
            adjustments, pooled estimates, and difference in differences against controls.
            """
    )

    @Option(help: ArgumentHelp("Read series from a 'date,count' CSV or Glare's long export instead of the store.", valueName: "file"))
    var input: String?

    @Option(help: ArgumentHelp("Only this person (repeat for several).", valueName: "id"))
    var person: [String] = []

    @Option(help: ArgumentHelp("Only sources starting with this (repeat for several).", valueName: "prefix"))
    var source: [String] = []

    @Option(help: ArgumentHelp("Only this measure: search or news.", valueName: "measure"))
    var measure: Measure?

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

    @Flag(help: "Use each person's featured_on date from the roster as her event date.")
    var featuredDates = false

    @Flag(help: "Leave out each person's days from her release on.")
    var maskAfterRelease = false

    @Option(help: "Monte Carlo draws per permutation test.")
    var permutations = 9_999

    @Option(help: "Seed for the permutation tests.")
    var seed: UInt64 = 20_150_901

    @Option(help: "Output format: json or text.")
    var format: AnalysisFormat = .text

    @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var out: String?

    @OptionGroup var rosterOptions: RosterOptions
    @OptionGroup var store: StoreOptions

    enum AnalysisFormat: String, ExpressibleByArgument { case json, text }

    func range(_ text: String?, _ name: String) throws -> ClosedRange<Day>? {
        guard let text else { return nil }
        guard let r = Day.range(text) else { throw ValidationError("\(name) must be YYYY-MM-DD..YYYY-MM-DD with the first day not after the second") }
        return r
    }

    func validate() throws {
        _ = try range(pre, "--pre")
        _ = try range(eventWindow, "--event-window")
        _ = try range(post, "--post")
        guard permutations >= 1 else { throw ValidationError("--permutations must be at least 1") }
        if input != nil && (!person.isEmpty || !source.isEmpty) { throw ValidationError("--input cannot be combined with --person or --source") }
    }

    func run() throws {
        try runReportingErrors {
            let rosterPath = rosterOptions.rosterPath
            let roster = FileManager.default.fileExists(atPath: rosterPath) || rosterOptions.roster != nil ? try rosterOptions.load() : nil
            let request = AnalysisRequest(
                input: input, people: person, sources: source, measure: measure, eventDate: eventDate,
                pre: try range(pre, "--pre"), event: try range(eventWindow, "--event-window"), post: try range(post, "--post"),
                controls: controls, featuredDates: featuredDates, maskAfterRelease: maskAfterRelease,
                permutations: permutations, seed: seed)
            let report = try request.run(roster: roster, workspace: store.workspace)
            let text = format == .json ? try report.json() : AnalysisTable.text(report)
            if let out { try OutputFile.write(text, to: out) } else { emit(text) }
        }
    }
}
