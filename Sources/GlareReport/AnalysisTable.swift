import EventWindow
import Foundation

/// The compact table `glare analyze --format text` prints: one line per series, then pooled results.
public enum AnalysisTable {
    public static func text(_ report: AnalysisReport) -> String {
        var lines: [String] = []
        let d = report.design
        lines.append("event \(d.eventDate); pre \(d.pre[0])..\(d.pre[1]), event \(d.event[0])..\(d.event[1]), post \(d.post[0])..\(d.post[1])")
        lines.append("rate ratios are quasi-Poisson, window/pre, with 95% intervals; placebo p is one-sided")
        lines.append("")
        let header = ["person", "source", "days pre/evt/post", "mean pre/evt/post", "event/pre", "post/pre", "placebo p", "half-life", "verdict"]
        var rows: [[String]] = [header]
        for r in report.results {
            let w = r.windows
            rows.append([
                r.person, r.source,
                "\(w.pre.nDays)/\(w.event.nDays)/\(w.post.nDays)",
                [w.pre.mean, w.event.mean, w.post.mean].map { fixed($0, 2) }.joined(separator: "/"),
                ratio(r.rateRatios.event?.quasiPoisson), ratio(r.rateRatios.post?.quasiPoisson),
                r.placebo?.pGreater.map { fixed($0, 3) } ?? "-",
                r.halfLifeDays.map { fixed($0, 1) + "d" } ?? "-",
                r.verdict.rawValue,
            ])
        }
        let widths = (0..<header.count).map { c in rows.map { $0[c].count }.max() ?? 0 }
        for row in rows {
            lines.append(row.enumerated().map { c, cell in cell.padding(toLength: widths[c], withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces))
        }
        for window in ["event", "post"] {
            guard let pooled = report.pooled[window], pooled.all != nil else { continue }
            lines.append("")
            lines.append("pooled \(window)/pre (random effects, DerSimonian–Laird):")
            for (name, p) in [("featured", pooled.featured), ("control", pooled.control), ("all", pooled.all)] {
                guard let p else { continue }
                lines.append("  \(name) (\(p.people)): \(ratio(p.random)), tau² \(fixed(p.tau2, 4))")
            }
        }
        for did in report.did {
            lines.append("difference in differences, \(did.window): featured/control \(ratio(did.ratio)), p \(did.ratio.p.map { fixed($0, 4) } ?? "-")")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func ratio(_ r: RateRatio?) -> String {
        guard let r else { return "-" }
        guard let ci = r.ci95 else { return fixed(r.estimate, 2) }
        return "\(fixed(r.estimate, 2)) [\(fixed(ci[0], 2)), \(fixed(ci[1], 2))]"
    }

    static func fixed(_ v: Double, _ digits: Int) -> String {
        v.isFinite ? String(format: "%.\(digits)f", v) : "-"
    }
}
