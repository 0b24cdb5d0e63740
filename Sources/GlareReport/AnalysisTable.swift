public import EventWindow
import Foundation

/// The compact text `glare analyze --format text` prints: the design and how windows were laid on
/// periods, one line per series, pooled results, then the reasons behind each verdict.
public enum AnalysisTable {
    public static func text(_ report: AnalysisReport) -> String {
        var lines: [String] = []
        let d = report.design
        lines.append(
            "event \(d.eventDate); pre \(d.pre[0])..\(d.pre[1]), event \(d.event[0])..\(d.event[1]), post \(d.post[0])..\(d.post[1]); gap \(d.gap) day(s): baseline \(d.baseline.count == 2 ? "\(d.baseline[0])..\(d.baseline[1])" : "none")"
        )
        lines.append(contentsOf: wrap(d.periodRule, width: 100))
        for note in report.notes { lines.append(contentsOf: wrap(note, width: 100)) }
        if !report.groups.isEmpty {
            lines.append("")
            lines.append("the group answer (people pooled by random effects; each person once per measure):")
            for g in report.groups { lines.append("  " + g.line) }
            lines.append("")
        }
        lines.append(
            "rates are per period (the series' own); rate ratios quasi-Poisson, window/pre, with 95% intervals; placebo p one-sided; share = part of the spike's excess left in post, with 90% interval"
        )
        lines.append("")
        let header = [
            "person", "source", "periods", "observed pre/evt/post", "mean pre/evt/post", "event/pre", "post/pre", "share", "placebo p", "half-life", "verdict",
        ]
        var rows: [[String]] = [header]
        for r in report.results {
            let w = r.windows
            rows.append([
                r.person, r.source, r.resolution,
                "\(w.pre.nPeriods)/\(w.event.nPeriods)/\(w.post.nPeriods)",
                [w.pre.mean, w.event.mean, w.post.mean].map { fixed($0, 2) }.joined(separator: "/"),
                ratio(r.rateRatios.event?.quasiPoisson), ratio(r.rateRatios.post?.quasiPoisson),
                share(r.remainingShare),
                r.placebo?.pGreater.map { fixed($0, 3) } ?? "-",
                r.halfLifeDays.map { fixed($0, 1) + "d" } ?? "-",
                r.verdict.rawValue,
            ])
        }
        let widths = (0..<header.count).map { c in rows.map { $0[c].count }.max() ?? 0 }
        for row in rows {
            lines.append(
                row.enumerated().map { c, cell in cell.padding(toLength: widths[c], withPad: " ", startingAt: 0) }
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
        for panel in report.panels {
            lines.append(
                "difference in differences, Poisson panel (\(panel.measure): \(panel.series) series of \(panel.people) people, series and window effects, errors clustered by person): event \(ratio(panel.event)), p \(panel.event.p.map { fixed($0, 4) } ?? "-"); post \(ratio(panel.post)), p \(panel.post.p.map { fixed($0, 4) } ?? "-")"
            )
        }
        for study in report.eventStudies {
            lines.append(
                "event study (\(study.measure), \(study.people) people, each on her own date; featured/control by week against week -1, 95% intervals):")
            for w in study.leads + study.lags { lines.append("  week \(w.week): \(ratio(w.ratio))") }
            lines.append(
                "  pre-trend check: \(study.leadsCoverOne ? "every lead's interval covers 1" : "a lead's interval excludes 1")\(study.largestLeadZ.map { " (largest |z| \(fixed($0, 2)))" } ?? "")"
            )
        }
        lines.append("")
        lines.append("why each verdict (✓ passed, ✗ failed, – skipped):")
        for g in report.groups {
            lines.append(
                "group \(g.group) · \(g.measure): \(g.verdict.rawValue)\(g.leftOut.isEmpty ? "" : " (left out: " + g.leftOut.keys.sorted().joined(separator: ", ") + ")")"
            )
            for reason in g.reasons { lines.append("  " + reason.line) }
        }
        for r in report.results {
            lines.append("\(r.person) · \(r.source): \(r.verdict.rawValue)")
            lines.append("  windows (observed/\(r.resolution)s): " + periods(r))
            for reason in r.reasons { lines.append("  " + reason.line) }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// "2017-07-02..2017-09-16 (11) / 2017-09-17..2017-09-30 (2) / …": each window's periods.
    static func periods(_ r: SeriesResult) -> String {
        func one(_ w: SeriesResult.WindowPeriods?, observed: Int) -> String {
            guard let w else { return "none" }
            return "\(w.first)..\(w.last) (\(observed)/\(w.periods))"
        }
        let o = r.windows
        return "pre " + one(r.periods.pre, observed: o.pre.nPeriods) + ", event " + one(r.periods.event, observed: o.event.nPeriods)
            + ", post " + one(r.periods.post, observed: o.post.nPeriods)
    }

    static func share(_ s: RemainingShare?) -> String {
        guard let s else { return "-" }
        let pc = Verdict.percent
        guard let ci = s.ci90 else { return pc(s.estimate) + " [unbounded]" }
        return "\(pc(s.estimate)) [\(pc(ci[0])), \(pc(ci[1]))]"
    }

    static func wrap(_ text: String, width: Int) -> [String] {
        var out: [String] = [], line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty && line.count + 1 + word.count > width {
                out.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { out.append(line) }
        return out
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
