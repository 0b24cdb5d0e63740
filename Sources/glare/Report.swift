import ArgumentParser
import Foundation
import GlareCore
import GlareKit

extension ReportRequest.Format: ExpressibleByArgument {}

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the evidence report: HTML with charts, Markdown, LaTeX tables and figures, JSON, or CSV.",
        discussion: """
            Runs the event-window battery on the selected series (as 'glare analyze' does) and writes: html, one \
            self-contained file with inline SVG charts (overview, forest plot, a chart per series, methods and a \
            summary generated from the numbers); md, Markdown with its SVG charts in figures/ beside it; tex, a \
            folder of booktabs tables and TikZ figures, each \\input-able, and a report.tex; json, the report's data; \
            csv, the per-series results for R or Stata.
            """
    )

    @Option(name: .customLong("event"), help: ArgumentHelp("The event date (default: the roster's).", valueName: "date"))
    var eventDate: Day?

    @Option(help: ArgumentHelp("Only this person (repeat for several).", valueName: "id"))
    var person: [String] = []

    @Option(help: ArgumentHelp("Only sources starting with this (repeat for several).", valueName: "prefix"))
    var source: [String] = []

    @Option(help: ArgumentHelp("Read series from a 'date,count' CSV or Glare's long export instead of the store.", valueName: "file"))
    var input: String?

    @Option(help: ArgumentHelp("The pre window, A..B.", valueName: "range"))
    var pre: String?

    @Option(name: .customLong("event-window"), help: ArgumentHelp("The event window, A..B.", valueName: "range"))
    var eventWindow: String?

    @Option(help: ArgumentHelp("The post window, A..B.", valueName: "range"))
    var post: String?

    @Option(help: ArgumentHelp("A person to treat as a control (repeat).", valueName: "id"))
    var controls: [String] = []

    @Option(help: "Monte Carlo draws per permutation test.")
    var permutations = 9_999

    @Option(help: "Format: html, md, tex, json or csv.")
    var format: ReportRequest.Format = .html

    @Option(help: ArgumentHelp("Where to write (a file; a folder for tex). Default: glare-report.html and the like.", valueName: "path"))
    var out: String?

    @Option(help: ArgumentHelp("The report's title.", valueName: "text"))
    var title: String?

    @OptionGroup var rosterOptions: RosterOptions
    @OptionGroup var store: StoreOptions

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
    }

    func run() throws {
        try runReportingErrors {
            let roster = FileManager.default.fileExists(atPath: rosterOptions.rosterPath) || rosterOptions.roster != nil ? try rosterOptions.load() : nil
            let analysis = AnalysisRequest(
                input: input, people: person, sources: source, eventDate: eventDate,
                pre: try range(pre, "--pre"), event: try range(eventWindow, "--event-window"), post: try range(post, "--post"),
                controls: controls, permutations: permutations)
            let path = try ReportRequest(analysis: analysis, format: format, output: out, title: title)
                .write(roster: roster, workspace: store.workspace)
            emit("report written: \(path)\n")
        }
    }
}
