import EventWindow
import Foundation
import GlareCore

/// The report as Markdown for a wiki or repository, with its charts as SVG files (drawn by cairo) beside it.
public enum MarkdownReport {
    /// The Markdown text and the chart files (relative path → SVG) it refers to.
    public static func render(_ data: ReportData, figures: String = "figures") throws -> (markdown: String, files: [String: String]) {
        var files: [String: String] = [:]
        func svg(_ chart: Chart) throws -> String { String(decoding: try ChartRenderer.render(chart, as: .svg), as: UTF8.self) }
        var m = "# \(escape(data.title))\n\n## Summary\n\n" + ReportText.summary(data).map(escape).joined(separator: "\n\n") + "\n\n"
        files["\(figures)/overview.svg"] = try svg(Charts.roster(data))
        files["\(figures)/rate-ratios.svg"] = try svg(Charts.forest(data))
        files["\(figures)/coverage.svg"] = try svg(Charts.coverage(data))
        m +=
            "## Overview\n\n![Every series on days from its person's event date; windows shaded, event marked, missing periods as a grey strip](\(figures)/overview.svg)\n\n"
        m += "![Coverage of each source](\(figures)/coverage.svg)\n\n"
        m += "## Rate ratios\n\n![Forest plot of rate ratios with 95% intervals](\(figures)/rate-ratios.svg)\n\n"
        m += table(ReportTables.resultHeader, ReportTables.results(data)) + "\n### Pooled\n\n" + table(ReportTables.pooledHeader, ReportTables.pooled(data))
        for g in data.analysis.groups {
            m += "\n### The group answer: \(g.group) · \(g.measure): `\(g.verdict.rawValue)`\n\n" + g.reasons.map { "- \(escape($0.line))\n" }.joined()
        }
        for study in data.analysis.eventStudies {
            let file = "\(figures)/event-study-\(study.measure).svg"
            files[file] = try svg(Charts.eventStudy(study))
            m += "\n## Event study (\(study.measure))\n\n![Featured against control people by week from each one's own date, 95% intervals](\(file))\n"
        }
        m += "\n## Per series\n"
        for (i, e) in data.entries.enumerated() {
            let r = e.result
            let file = "\(figures)/series-\(i + 1).svg"
            files[file] = try svg(Charts.series(e, data: data))
            m += "\n### \(escape(e.name)): `\(r.verdict.rawValue)`\n\n![\(escape(e.name)), \(escape(r.source))](\(file))\n\n"
            m += "- Source `\(r.source.replacingOccurrences(of: "`", with: "'"))`, event \(r.eventDate)\(e.released.map { ", released \($0.iso)" } ?? "")\n"
            m +=
                "- Event / pre \(ReportText.ratio(r.rateRatios.event?.quasiPoisson)); post / pre \(ReportText.ratio(r.rateRatios.post?.quasiPoisson)); placebo p \(ReportText.p(r.placebo?.pGreater)); half-life \(ReportText.fixed(r.halfLifeDays, 1)) days\n"
            m += "- Remaining share of the spike \(ReportText.share(r.remainingShare))\n"
            m += "- Why `\(r.verdict.rawValue)`:\n" + r.reasons.map { "  - \(escape($0.line))\n" }.joined()
            m += "\nAudit:\n\n```sh\n" + ReportText.auditCommands(e).joined(separator: "\n") + "\n```\n"
        }
        m += "\n## Methods\n\n" + ReportText.methods(data).map(escape).joined(separator: "\n\n") + "\n"
        if let p = data.provenance { m += "\n## Provenance\n\n" + p.lines.map { "- `\($0.replacingOccurrences(of: "`", with: "'"))`\n" }.joined() }
        return (m, files)
    }

    /// Text from the data (titles, roster names, sources, database fields) made inert in Markdown: HTML
    /// special characters as entities (no `<script>` or `<img onerror>` passes through to a renderer that
    /// allows HTML), and a bracket that would close a link escaped (no `[x](javascript:…)`; intervals such
    /// as `[1.30, 2.79]` stay as written).
    static func escape(_ s: String) -> String {
        var out = ""
        var previous: Character?
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "(" where previous == "]":
                out.removeLast()
                out += "\\]("
            default: out.append(c)
            }
            previous = c
        }
        return out
    }

    static func table(_ header: [String], _ rows: [[String]]) -> String {
        func cell(_ s: String) -> String { escape(s).replacingOccurrences(of: "|", with: "\\|") }
        var t = "| " + header.map(cell).joined(separator: " | ") + " |\n|" + header.map { _ in " --- |" }.joined() + "\n"
        for row in rows { t += "| " + row.map(cell).joined(separator: " | ") + " |\n" }
        return t
    }
}
