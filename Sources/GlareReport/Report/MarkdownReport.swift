import EventWindow
import Foundation
import GlareCore

/// The report as Markdown for a wiki or repository, with its charts as SVG files beside it.
public enum MarkdownReport {
    /// The Markdown text and the chart files (relative path → SVG) it refers to.
    public static func render(_ data: ReportData, figures: String = "figures") -> (markdown: String, files: [String: String]) {
        var files: [String: String] = [:]
        var m = "# \(data.title)\n\n## Summary\n\n" + ReportText.summary(data).joined(separator: "\n\n") + "\n\n"
        files["\(figures)/overview.svg"] = Charts.overview(data).svg()
        files["\(figures)/rate-ratios.svg"] = Charts.forest(data).svg()
        m += "## Overview\n\n![Every series on one time axis; windows shaded, event marked, missing periods as grey ticks](\(figures)/overview.svg)\n\n"
        m += "## Rate ratios\n\n![Forest plot of rate ratios with 95% intervals](\(figures)/rate-ratios.svg)\n\n"
        m += table(ReportTables.resultHeader, ReportTables.results(data)) + "\n### Pooled\n\n" + table(ReportTables.pooledHeader, ReportTables.pooled(data))
        for g in data.analysis.groups {
            m += "\n### The group answer: \(g.group) · \(g.measure): `\(g.verdict.rawValue)`\n\n" + g.reasons.map { "- \($0.line)\n" }.joined()
        }
        for study in data.analysis.eventStudies {
            let file = "\(figures)/event-study-\(study.measure).svg"
            files[file] = Charts.eventStudy(study).svg()
            m += "\n## Event study (\(study.measure))\n\n![Featured against control people by week from each one's own date, 95% intervals](\(file))\n"
        }
        m += "\n## Per series\n"
        for (i, e) in data.entries.enumerated() {
            let r = e.result
            let file = "\(figures)/series-\(i + 1).svg"
            files[file] = Charts.series(e, data: data).svg()
            m += "\n### \(e.name): `\(r.verdict.rawValue)`\n\n![\(e.name), \(r.source)](\(file))\n\n"
            m += "- Source `\(r.source)`, event \(r.eventDate)\(e.released.map { ", released \($0.iso)" } ?? "")\n"
            m +=
                "- Event / pre \(ReportText.ratio(r.rateRatios.event?.quasiPoisson)); post / pre \(ReportText.ratio(r.rateRatios.post?.quasiPoisson)); placebo p \(ReportText.p(r.placebo?.pGreater)); half-life \(ReportText.fixed(r.halfLifeDays, 1)) days\n"
            m += "- Remaining share of the spike \(ReportText.share(r.remainingShare))\n"
            m += "- Why `\(r.verdict.rawValue)`:\n" + r.reasons.map { "  - \($0.line)\n" }.joined()
            m += "\nAudit:\n\n```sh\n" + ReportText.auditCommands(e).joined(separator: "\n") + "\n```\n"
        }
        m += "\n## Methods\n\n" + ReportText.methods(data).joined(separator: "\n\n") + "\n"
        return (m, files)
    }

    static func table(_ header: [String], _ rows: [[String]]) -> String {
        func cell(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|") }
        var t = "| " + header.map(cell).joined(separator: " | ") + " |\n|" + header.map { _ in " --- |" }.joined() + "\n"
        for row in rows { t += "| " + row.map(cell).joined(separator: " | ") + " |\n" }
        return t
    }
}
