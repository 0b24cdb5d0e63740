import EventWindow
import GlareCore

/// One self-contained HTML file: inline SVG (drawn by cairo, as the figure files) and CSS, no scripts,
/// opens offline and prints cleanly.
public enum HTMLReport {
    static let style = """
        body{font-family:Georgia,"Times New Roman",serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#111;line-height:1.45}
        h1,h2,h3{font-family:Helvetica,Arial,sans-serif;line-height:1.2}
        table{border-collapse:collapse;font-size:.85rem;margin:1rem 0;width:100%}
        th,td{border-bottom:1px solid #ccc;padding:.3rem .4rem;text-align:left;vertical-align:top}
        th{border-bottom:2px solid #111;font-family:Helvetica,Arial,sans-serif}
        td.num,span.num{font-variant-numeric:tabular-nums}
        figure{margin:1rem 0}figure svg{width:100%;height:auto}
        figcaption{font-size:.85rem;color:#333}
        .verdict{font-family:Helvetica,Arial,sans-serif;font-size:.8rem;padding:.05rem .35rem;border:1px solid #111;border-radius:.2rem;white-space:nowrap}
        .rose-and-persisted{background:#E69F00}.rose-then-returned{background:#56B4E9}.rose-persistence-unclear{background:#F0E442}
        .no-rise{background:#fff}.insufficient-data{background:#eee;border-style:dashed}
        code{font-size:.85rem;background:#f4f4f4;padding:.05rem .25rem}
        pre{overflow-x:auto;white-space:pre-wrap;word-break:break-all}
        section.person{page-break-inside:avoid;border-top:1px solid #ccc;margin-top:1.5rem}
        @media print{body{max-width:none;margin:0}a{color:#000}}
        """

    /// The report page; the figures are the same cairo SVGs `glare figures` writes.
    public static func render(_ data: ReportData) throws -> String {
        var counter = 0
        func svg(_ chart: Chart) throws -> String {
            counter += 1
            return try ChartRenderer.inlineSVG(chart, idPrefix: "f\(counter)-")
        }
        let figures = JournalFigures.all(data)
        func figure(_ f: Figure) throws -> String { "<figure>\n" + (try svg(f.chart)) + "<figcaption>\(esc(f.caption))</figcaption>\n</figure>\n" }
        var h =
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        h += "<title>\(esc(data.title))</title>\n<style>\n\(style)\n</style>\n</head>\n<body>\n"
        h += "<h1>\(esc(data.title))</h1>\n"
        h += "<section id=\"summary\">\n<h2>Summary</h2>\n" + ReportText.summary(data).map { "<p>\(esc($0))</p>\n" }.joined() + "</section>\n"
        for f in figures where f.name == "roster" { h += "<section id=\"overview\">\n<h2>Overview</h2>\n" + (try figure(f)) + "</section>\n" }
        h += "<section id=\"rate-ratios\">\n<h2>Rate ratios</h2>\n"
        for f in figures where f.name == "rate-ratios" { h += try figure(f) }
        h += table(ReportTables.resultHeader, ReportTables.results(data), verdictColumn: 9)
        h += "<h3>Pooled</h3>\n" + table(ReportTables.pooledHeader, ReportTables.pooled(data), verdictColumn: nil) + "</section>\n"
        if !data.analysis.groups.isEmpty {
            h += "<section id=\"groups\">\n<h2>The group answer</h2>\n"
            for g in data.analysis.groups {
                h +=
                    "<h3>\(esc(g.group)) · \(esc(g.measure)) <span class=\"verdict \(g.verdict.rawValue)\">\(g.verdict.rawValue)</span></h3>\n<ul class=\"reasons\">\n"
                h += g.reasons.map { "<li class=\"\($0.status.rawValue)\">\(esc($0.line))</li>\n" }.joined() + "</ul>\n"
            }
            h += "</section>\n"
        }
        for study in data.analysis.eventStudies {
            h += "<section id=\"event-study-\(esc(study.measure))\">\n<h2>Event study (\(esc(study.measure)))</h2>\n"
            for f in figures where f.name == "event-study-\(study.measure)" { h += try figure(f) }
            h += "</section>\n"
        }
        for f in figures where f.name == "coverage" { h += "<section id=\"coverage\">\n<h2>Coverage</h2>\n" + (try figure(f)) + "</section>\n" }
        h += "<section id=\"people\">\n<h2>Per series</h2>\n"
        for (i, e) in data.entries.enumerated() {
            let r = e.result
            h +=
                "<section class=\"person\" id=\"series-\(i + 1)\">\n<h3>\(esc(e.name)) <span class=\"verdict \(r.verdict.rawValue)\">\(r.verdict.rawValue)</span></h3>\n"
            h += "<p>Source <code>\(esc(r.source))</code>, measure \(esc(r.measure)), \(r.resolution) series, event \(r.eventDate)"
            h += e.released.map { ", released \($0.iso)" } ?? ""
            h += ".</p>\n<figure>\n" + (try svg(Charts.series(e, data: data))) + "</figure>\n"
            if e.series.totals.contains(where: { $0 != nil }) {
                h += "<figure>\n" + (try svg(Charts.series(e, data: data, share: true))) + "</figure>\n"
            }
            let w = r.windows
            h += "<ul>\n"
            h +=
                "<li>Mean per period: pre <span class=\"num\">\(ReportText.fixed(w.pre.mean))</span>, event <span class=\"num\">\(ReportText.fixed(w.event.mean))</span>, post <span class=\"num\">\(ReportText.fixed(w.post.mean))</span> (observed periods <span class=\"num\">\(w.pre.nPeriods)</span>, <span class=\"num\">\(w.event.nPeriods)</span>, <span class=\"num\">\(w.post.nPeriods)</span>).</li>\n"
            h +=
                "<li>Event / pre: <span class=\"num\">\(ReportText.ratio(r.rateRatios.event?.quasiPoisson))</span> quasi-Poisson, <span class=\"num\">\(ReportText.ratio(r.rateRatios.event?.negbin))</span> negative binomial.</li>\n"
            h +=
                "<li>Post / pre: <span class=\"num\">\(ReportText.ratio(r.rateRatios.post?.quasiPoisson))</span> quasi-Poisson; equivalence to 1 (0.8–1.25): p <span class=\"num\">\(ReportText.p(r.equivalence.rateRatio?.p))</span>.</li>\n"
            h +=
                "<li>Placebo p (one-sided, <span class=\"num\">\(r.placebo?.dates ?? 0)</span> dates): <span class=\"num\">\(ReportText.p(r.placebo?.pGreater))</span>; half-life: <span class=\"num\">\(ReportText.fixed(r.halfLifeDays, 1))</span> days.</li>\n"
            h += "<li>Remaining share of the spike: <span class=\"num\">\(ReportText.share(r.remainingShare))</span>.</li>\n"
            h +=
                "<li>Why \(r.verdict.rawValue):<ul class=\"reasons\">\n"
                + r.reasons.map { "<li class=\"\($0.status.rawValue)\">\(esc($0.line))</li>\n" }.joined() + "</ul></li>\n"
            h +=
                "</ul>\n<p>Audit the peak periods:</p>\n<pre><code>" + ReportText.auditCommands(e).map(esc).joined(separator: "\n")
                + "</code></pre>\n</section>\n"
        }
        h += "</section>\n<section id=\"methods\">\n<h2>Methods</h2>\n" + ReportText.methods(data).map { "<p>\(esc($0))</p>\n" }.joined() + "</section>\n"
        if let p = data.provenance {
            h +=
                "<footer id=\"provenance\">\n<h2>Provenance</h2>\n<ul>\n" + p.lines.map { "<li><code>\(esc($0))</code></li>\n" }.joined() + "</ul>\n</footer>\n"
        }
        h += "</body>\n</html>\n"
        return h
    }

    static func table(_ header: [String], _ rows: [[String]], verdictColumn: Int?) -> String {
        var t = "<table>\n<thead><tr>" + header.map { "<th>\(esc($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for row in rows {
            t +=
                "<tr>"
                + row.enumerated().map { i, cell in
                    if i == verdictColumn { return "<td><span class=\"verdict \(cell)\">\(esc(cell))</span></td>" }
                    let numeric = cell.first.map { $0.isNumber || $0 == "<" || $0 == "–" } ?? false
                    return numeric && i > 2 ? "<td class=\"num\"><span class=\"num\">\(esc(cell))</span></td>" : "<td>\(esc(cell))</td>"
                }.joined() + "</tr>\n"
        }
        return t + "</tbody>\n</table>\n"
    }

    static func esc(_ s: String) -> String { Chart.escapeXML(s) }
}
