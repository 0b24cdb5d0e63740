public import ArgumentParser
import GlareKit
import GlareReport

extension FigureFormat: ExpressibleByArgument {}

struct Figures: GlareCommand {
    static let configuration = CommandConfiguration(
        commandName: "figures",
        abstract: "Write the evidence's figures as files for a journal: SVG, PDF and PNG at 300 dpi.",
        discussion: """
            Runs the event-window battery on the selected series (the selection options of 'glare report') and \
            writes into --out: roster (each series on days from its person's own event date, windows shaded, \
            missing periods marked), rate-ratios (forest plot with the pooled group rows), event-study-MEASURE \
            (leads and lags, when there are featured and control people) and coverage (a strip per source), each \
            as .svg, .pdf (fonts embedded) and .png (300 dpi), at journal widths (3.5 in one column, 7.1 in two), \
            with figures.json listing captions and sizes. The HTML report embeds the same drawings.
            """
    )

    @OptionGroup var analysis: AnalysisOptions

    @Option(help: ArgumentHelp("The folder to write the figures to.", valueName: "dir"))
    var out: String

    @Option(name: .customLong("format"), help: ArgumentHelp("Only this format: svg, pdf or png (repeat for several; default all three).", valueName: "format"))
    var formats: [FigureFormat] = []

    @Option(help: ArgumentHelp("The title recorded in figures.json.", valueName: "text"))
    var title: String?

    @OptionGroup var store: StoreOptions

    func execute() throws -> ExitStatus {
        var report = ReportRequest(analysis: try analysis.request(), title: title)
        report.commandLine = Provenance.commandLine(CommandLine.arguments)
        let request = FiguresRequest(report: report, output: out, formats: formats.isEmpty ? FigureFormat.allCases : formats)
        let written = try request.write(roster: try analysis.roster(), workspace: store.workspace)
        emit("figures written: \(written.count) files in \(out)\n")
        return .ok
    }
}
