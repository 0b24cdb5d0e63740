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

    @OptionGroup var analysis: AnalysisOptions

    @Option(help: "Output format: json or text.")
    var format: AnalysisFormat = .text

    @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var out: String?

    @OptionGroup var store: StoreOptions

    enum AnalysisFormat: String, ExpressibleByArgument { case json, text }

    func run() throws {
        try runReportingErrors {
            let report = try analysis.request().run(roster: try analysis.roster(), workspace: store.workspace)
            let text = format == .json ? try report.json() : AnalysisTable.text(report)
            if let out { try OutputFile.write(text, to: out) } else { emit(text) }
        }
    }
}
