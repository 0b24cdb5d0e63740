import EventWindow
public import Foundation
public import GlareCore
public import GlareReport

/// `glare report`: runs the battery on the selected series and writes the evidence report.
public struct ReportRequest: Sendable {
    /// Report formats.
    public enum Format: String, Sendable, CaseIterable {
        case html, md, tex, json, csv

        /// Where the report goes when `--out` is not given.
        public var defaultOutput: String {
            switch self {
            case .html: "glare-report.html"
            case .md: "glare-report/report.md"
            case .tex: "glare-report-tex"
            case .json: "glare-report.json"
            case .csv: "glare-results.csv"
            }
        }
    }

    public var analysis: AnalysisRequest
    public var format: Format
    public var output: String?
    public var title: String?
    /// The command line written into the report's provenance (nil: no provenance).
    public var commandLine: String?
    /// Whether a CSV report carries the provenance as `#` comment lines (the other formats always do).
    public var provenanceInCSV = false
    /// LaTeX: the results table's caption (else one written from the design).
    public var caption: String?
    /// LaTeX: the prefix of every label (`tab:LABEL-results`, `fig:LABEL-roster`, …).
    public var label: String

    public init(
        analysis: AnalysisRequest, format: Format = .html, output: String? = nil, title: String? = nil, caption: String? = nil, label: String = "glare"
    ) {
        self.analysis = analysis
        self.format = format
        self.output = output
        self.title = title
        self.caption = caption
        self.label = label
    }

    /// Builds the report's data (the battery included).
    public func data(roster: Roster?, workspace: Workspace) throws -> ReportData {
        let (configuration, inputs, notes) = try analysis.prepare(roster: roster, workspace: workspace)
        var report = EventWindowAnalysis(configuration: configuration).run(inputs)
        report.notes = notes + AnalysisRequest.shareWarnings(report)
        let entries = zip(inputs, report.results).map { input, result in
            let person = roster?[input.series.key.person]
            return ReportData.Entry(
                series: input.series, result: result, name: person?.name ?? input.series.key.person,
                released: person?.released?.exactDay)
        }
        let date = configuration.design.eventDate
        let label = roster?.eventDate == date ? roster?.eventLabel : nil
        let event = label.map { "\($0), \(date.iso)" } ?? date.iso
        var data = ReportData(
            title: title ?? "Attention around the event: \(event)", design: configuration.design,
            permutationDraws: configuration.permutationDraws, seed: configuration.seed, entries: entries, analysis: report)
        if let commandLine, format != .csv || provenanceInCSV {
            if let input = analysis.input {
                data.provenance = try Provenance.of(commandLine: commandLine, roster: roster, inputFile: input)
            } else {
                data.provenance = try Provenance.of(
                    commandLine: commandLine, roster: roster, sources: inputs.map(\.series.key.source), in: try workspace.openExistingDatabase())
            }
        }
        return data
    }

    /// Renders `data` into files: relative path → contents, under the output location.
    public func files(_ data: ReportData) throws -> [String: Data] {
        switch format {
        case .html: return ["": Data(try HTMLReport.render(data).utf8)]
        case .json: return ["": Data(try ReportJSON.render(data).utf8)]
        case .csv: return ["": Data(ResultsCSV.render(data).utf8)]
        case .tex: return try LaTeXReport.render(data, caption: caption, label: label)
        case .md:
            let (markdown, figures) = try MarkdownReport.render(data)
            var out = figures.mapValues { Data($0.utf8) }
            out[""] = Data(markdown.utf8)
            return out
        }
    }

    /// Writes the report and returns the main file's path. Each file is written whole or not at all.
    @discardableResult
    public func write(roster: Roster?, workspace: Workspace) throws -> String {
        let path = output ?? format.defaultOutput
        let rendered = try files(try data(roster: roster, workspace: workspace))
        let base = URL(fileURLWithPath: path)
        for (relative, text) in rendered.sorted(by: { $0.key < $1.key }) {
            let target: URL
            switch (format, relative) {
            case (.tex, _): target = base.appendingPathComponent(relative)
            case (_, ""): target = base
            default: target = base.deletingLastPathComponent().appendingPathComponent(relative)
            }
            try OutputFile.write(text, to: target.path)
        }
        return format == .tex ? base.appendingPathComponent("report.tex").path : path
    }
}
