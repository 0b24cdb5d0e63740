import EventWindow
import GlareCore

/// The report's tables as rows of cells, shared by the HTML, Markdown and LaTeX renderers.
public enum ReportTables {
    public static let resultHeader = [
        "Person", "Source", "Group", "Observed pre/event/post", "Mean pre/event/post",
        "Event / pre", "Post / pre", "Placebo p", "Half-life (days)", "Verdict",
    ]

    /// One row per analysed series.
    public static func results(_ data: ReportData) -> [[String]] {
        data.entries.map { e in
            let r = e.result, w = r.windows
            return [
                e.name, r.source, r.group ?? "–",
                "\(w.pre.nPeriods)/\(w.event.nPeriods)/\(w.post.nPeriods)",
                [w.pre.mean, w.event.mean, w.post.mean].map { ReportText.fixed($0) }.joined(separator: "/"),
                ReportText.ratio(r.rateRatios.event?.quasiPoisson), ReportText.ratio(r.rateRatios.post?.quasiPoisson),
                ReportText.p(r.placebo?.pGreater), ReportText.fixed(r.halfLifeDays, 1), r.verdict.rawValue,
            ]
        }
    }

    public static let pooledHeader = ["Group", "Window", "People", "Rate ratio (random effects)", "Fixed effect", "τ²"]

    /// Pooled estimates per group and window, then the difference in differences.
    public static func pooled(_ data: ReportData) -> [[String]] {
        var rows: [[String]] = []
        for window in ["event", "post"] {
            guard let p = data.analysis.pooled[window] else { continue }
            for (name, estimate) in [("featured", p.featured), ("control", p.control), ("all", p.all)] {
                guard let g = estimate else { continue }
                rows.append([name, "\(window) / pre", "\(g.people)", ReportText.ratio(g.random), ReportText.ratio(g.fixed), ReportText.fixed(g.tau2, 3)])
            }
        }
        for d in data.analysis.did {
            rows.append(["featured vs control (DiD)", "\(d.window) / pre", "–", ReportText.ratio(d.ratio), "–", "–"])
        }
        for panel in data.analysis.panels {
            for (window, r) in [("event", panel.event), ("post", panel.post)] {
                rows.append(["featured vs control (Poisson panel DiD, \(panel.measure))", "\(window) / pre", "\(panel.people)", ReportText.ratio(r), "–", "–"])
            }
        }
        return rows
    }
}
