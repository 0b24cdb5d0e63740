public import ArgumentParser
import Foundation
import GlareCore
import GlareKit
import GlareReport

extension ReportRequest.Format: ExpressibleByArgument {}

struct Report: GlareCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the evidence report: HTML with charts, Markdown, LaTeX tables and figures, JSON, or CSV.",
        discussion: """
            Runs the event-window battery on the selected series (as 'glare analyze' does) and writes: html, one \
            self-contained file with inline SVG charts (overview, forest plot, a chart per series, methods and a \
            summary generated from the numbers); md, Markdown with its SVG charts in figures/ beside it; tex, a \
            folder of booktabs tables and PDF figures, each \\input-able, and a report.tex that compiles with pdflatex \
            or lualatex (--caption, --label); json, the report's data; csv, the per-series results for R or Stata.
            """
    )

    @OptionGroup var analysis: AnalysisOptions

    @Option(help: "Format: html, md, tex, json or csv.")
    var format: ReportRequest.Format = .html

    @Option(help: ArgumentHelp("Where to write (a file; a folder for tex). Default: glare-report.html and the like.", valueName: "path"))
    var out: String?

    @Option(help: ArgumentHelp("The report's title.", valueName: "text"))
    var title: String?

    @Flag(
        help:
            "With --format csv: write the provenance (version, command line, roster, inputs) as '#' comment lines before the header; the other formats always carry it."
    )
    var provenance = false

    @Option(help: ArgumentHelp("tex: the results table's caption (default: one written from the design).", valueName: "text"))
    var caption: String?

    @Option(help: ArgumentHelp("tex: the prefix of every label (tab:LABEL-results, fig:LABEL-roster, ...).", valueName: "prefix"))
    var label: String = "glare"

    @OptionGroup var store: StoreOptions

    func validate() throws {
        guard label.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-:.".contains($0)) }), !label.isEmpty else {
            throw ValidationError("--label takes letters, digits, '-', ':' and '.' only (it becomes part of \\label{...})")
        }
    }

    func execute() throws -> ExitStatus {
        var request = ReportRequest(analysis: try analysis.request(), format: format, output: out, title: title, caption: caption, label: label)
        request.commandLine = Provenance.commandLine(CommandLine.arguments)
        request.provenanceInCSV = provenance
        let path = try request.write(roster: try analysis.roster(), workspace: store.workspace)
        emit("report written: \(path)\n")
        return .ok
    }
}
