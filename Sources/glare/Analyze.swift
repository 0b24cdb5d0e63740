import ArgumentParser
import EventWindow
import Foundation
import GlareCore
import GlareKit
import GlareReport

struct Analyze: GlareCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Test whether attention rose at an event and whether it persisted (the event-window battery).",
        discussion: """
            Windows are inclusive; by default pre = E-92..E-1, event = E..E+29, post = E+30..E+212 around the \
            event date E (--event, else the roster's), with the --gap days before the event (default 3) left out \
            of the baseline. Windows are laid on each series' own periods (days, N-day buckets, weeks, months) \
            without splitting one: the period holding the event date is in the event window. Missing periods \
            are left out of every statistic; zeros count. --input reads any tidy CSV of counts per period \
            (columns found by name or given with --date-column, --count-column, --group-column, --total-column). \
            Results per series: window summaries, event study, rate ratios (Poisson, quasi-Poisson, NB2, \
            day-of-week; against totals with --per-total), segmented regression with Newey-West errors, a \
            trend-adjusted excess, Welch and Mann-Whitney tests, equivalence (TOST), the share of the spike that \
            remains in post, exact tests for a zero baseline, placebo dates, permutation tests, changepoints, \
            the decay half-life, and a verdict with the reasons behind it; across people: Holm and \
            Benjamini-Hochberg adjustments, pooled estimates, and difference in differences against controls.
            """
    )

    @OptionGroup var analysis: AnalysisOptions

    @Option(help: "Output format: json or text.")
    var format: AnalysisFormat = .text

    @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var out: String?

    @OptionGroup var store: StoreOptions

    enum AnalysisFormat: String, ExpressibleByArgument { case json, text }

    func execute() throws -> ExitStatus {

        let roster = try analysis.roster()
        let request = try analysis.request()
        let report = try request.run(roster: roster, workspace: store.workspace)
        for note in report.notes where note.hasPrefix("warning: ") { Terminal.warning(String(note.dropFirst("warning: ".count))) }
        let line = Provenance.commandLine(CommandLine.arguments)
        let provenance =
            try request.input.map { try Provenance.of(commandLine: line, roster: roster, inputFile: $0) }
            ?? Provenance.of(commandLine: line, roster: roster, sources: report.results.map(\.source), in: try store.workspace.openExistingDatabase())
        let text =
            format == .json
            ? try AnalysisJSON.render(report, provenance: provenance)
            : AnalysisTable.text(report) + "\nprovenance:\n" + provenance.lines.map { "  \($0)\n" }.joined()
        if let out { try OutputFile.write(text, to: out) } else { emit(text) }
        return .ok
    }
}
