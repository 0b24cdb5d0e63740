public import EventWindow
import Foundation
import GlareCore

/// The words and numbers every report format shares: number formats, the plain-language summary and
/// the methods, all generated from the results and settings (nothing is written that they do not say).
public enum ReportText {
    /// A number with fixed decimals ("-" when not finite).
    public static func fixed(_ v: Double?, _ digits: Int = 2) -> String {
        guard let v, v.isFinite else { return "–" }
        return String(format: "%.\(digits)f", v)
    }

    /// A p-value: three decimals, or "<0.001".
    public static func p(_ v: Double?) -> String {
        guard let v, v.isFinite else { return "–" }
        return v < 0.001 ? "<0.001" : String(format: "%.3f", v)
    }

    /// A rate ratio and its interval: "2.95 (2.37–3.68)".
    public static func ratio(_ r: RateRatio?) -> String {
        guard let r else { return "–" }
        guard let ci = r.ci95 else { return fixed(r.estimate) }
        return "\(fixed(r.estimate)) (\(fixed(ci[0]))–\(fixed(ci[1])))"
    }

    /// The remaining share of the spike and its 90% interval: "4% (−3%–11%)", or "–" without a spike.
    public static func share(_ s: RemainingShare?) -> String {
        guard let s else { return "–" }
        let pc = Verdict.percent
        guard let ci = s.ci90 else { return pc(s.estimate) + " (interval unbounded)" }
        return "\(pc(s.estimate)) (\(pc(ci[0]))–\(pc(ci[1])))"
    }

    /// Every number text the results can produce, for checking that a report shows nothing else.
    public static func admissibleNumbers(_ data: ReportData) -> Set<String> {
        var out: Set<String> = []
        func add(_ v: Double?) {
            guard let v else { return }
            for d in 0...3 { out.insert(fixed(v, d)) }
            out.insert(p(v))
        }
        func add(_ r: RateRatio?) {
            guard let r else { return }
            add(r.estimate)
            add(r.p)
            r.ci95?.forEach { add($0) }
        }
        for e in data.entries {
            let r = e.result
            for w in [r.windows.pre, r.windows.event, r.windows.post] {
                add(w.mean); add(w.sum); add(w.sd); add(w.median); add(Double(w.nPeriods)); add(Double(w.nZero))
            }
            add(r.persistenceRatio)
            if let share = r.remainingShare {
                ([share.estimate] + (share.ci90 ?? [])).forEach {
                    add(100 * $0); add(abs(100 * $0))
                }
            }
            for rr in [r.rateRatios.event, r.rateRatios.post] {
                add(rr?.poisson); add(rr?.quasiPoisson); add(rr?.negbin); add(rr?.poissonDOW)
            }
            add(r.placebo?.pGreater); add(r.placebo.map { Double($0.dates) })
            add(r.halfLifeDays)
            add(r.equivalence.rateRatio?.p)
            add(Double(e.series.observedCount)); add(Double(e.series.periods.count))
            add(Double(e.series.periods.count - e.series.observedCount))
        }
        for (_, pooled) in data.analysis.pooled {
            for p in [pooled.featured, pooled.control, pooled.all] {
                add(p?.random); add(p?.fixed); add(p?.tau2); add(p.map { Double($0.people) })
            }
        }
        for d in data.analysis.did { add(d.ratio) }
        for panel in data.analysis.panels { add(panel.event); add(panel.post); add(Double(panel.people)) }
        for g in data.analysis.groups {
            add(Double(g.people.count)); add(g.event?.random); add(g.post?.random)
            ([g.remainingShare].compactMap { $0 } + (g.remainingShareCI90 ?? [])).forEach {
                add(100 * $0); add(abs(100 * $0))
            }
        }
        add(Double(data.permutationDraws)); add(Double(data.seed))
        for v in [0.8, 1.25, 0.05, 7, 40, 19, 95, 20, 2, 3, 8, 1, 0] { add(v) }
        add(Double(data.entries.count))
        for v in verdictCounts(data).values { add(Double(v)) }
        for w in [data.design.pre, data.design.event, data.design.post] { add(Double(w.count)) }
        return out
    }

    static func verdictCounts(_ data: ReportData) -> [Verdict: Int] {
        Dictionary(grouping: data.entries, by: \.result.verdict).mapValues(\.count)
    }

    /// The plain-language summary: what the pooled estimates and the verdicts say, and no more.
    public static func summary(_ data: ReportData) -> [String] {
        let d = data.design
        var out: [String] = []
        let counts = verdictCounts(data)
        let n = data.entries.count
        let rose = (counts[.roseAndPersisted] ?? 0) + (counts[.roseThenReturned] ?? 0) + (counts[.rosePersistenceUnclear] ?? 0)
        for g in data.analysis.groups { out.append("The group answer, " + g.line + ".") }
        out.append(
            "This report covers \(n) series around \(d.eventDate.iso). In \(rose) of \(n) the tests show a rise at the event; "
                + "in \(counts[.roseAndPersisted] ?? 0) attention was still above its pre-event level in the post window, "
                + "in \(counts[.roseThenReturned] ?? 0) it returned to baseline (shown by an equivalence test or by the small share of the spike left), "
                + "and in \(counts[.rosePersistenceUnclear] ?? 0) the data cannot tell. "
                + "\(counts[.noRise] ?? 0) showed no rise and \(counts[.insufficientData] ?? 0) had too little data.")
        for (window, label) in [("event", "the event window"), ("post", "the post window")] {
            guard let p = data.analysis.pooled[window] else { continue }
            for (group, name) in [(p.featured, "featured people"), (p.control, "control people"), (p.all, "all series")] {
                guard let g = group, let ci = g.random.ci95 else { continue }
                let direction = ci[0] > 1 ? "higher than" : (ci[1] < 1 ? "lower than" : "not distinguishable from")
                out.append(
                    "Pooled over \(g.people) \(name), attention in \(label) was \(fixed(g.random.estimate)) times the pre-event level "
                        + "(random-effects rate ratio, 95% interval \(fixed(ci[0]))–\(fixed(ci[1]))): \(direction) before the event.")
                if group != nil { break }
            }
        }
        for did in data.analysis.did {
            guard let ci = did.ratio.ci95 else { continue }
            let verdict =
                ci[0] > 1
                ? "larger for featured people than for controls"
                : (ci[1] < 1 ? "smaller for featured people than for controls" : "not distinguishable between featured people and controls")
            out.append(
                "Against controls (difference in differences, \(did.window) window): the change was \(verdict), ratio \(fixed(did.ratio.estimate)) (95% interval \(fixed(ci[0]))–\(fixed(ci[1])))."
            )
        }
        return out
    }

    /// The methods, generated from the settings actually used.
    public static func methods(_ data: ReportData) -> [String] {
        let d = data.design
        let pre = d.days(d.pre), event = d.days(d.event), post = d.days(d.post)
        let sources = Set(data.entries.map { $0.series.key.source }).sorted()
        var out = [
            "Windows (inclusive): pre \(pre.lowerBound.iso) to \(pre.upperBound.iso) (\(d.pre.count) days), event \(event.lowerBound.iso) to \(event.upperBound.iso) (\(d.event.count) days), post \(post.lowerBound.iso) to \(post.upperBound.iso) (\(d.post.count) days), around the event on \(d.eventDate.iso). The \(d.gap) day(s) before the event window are left out of the baseline (\(d.baselineDays.map { "\($0.lowerBound.iso) to \($0.upperBound.iso)" } ?? "none")), so a run-up does not inflate it.",
            EventDesign.periodRule,
            "Only observed periods enter the statistics: a day a source did not cover is missing, not zero. Sources: \(sources.joined(separator: ", ")).",
            "Rate ratios of each window against pre come from Poisson, quasi-Poisson (Pearson dispersion), negative binomial (NB2, dispersion by profile likelihood) and day-of-week Poisson models, with 95% Wald intervals on the log scale. The tables show the quasi-Poisson estimates. A rise needs the event/pre interval above 1 under quasi-Poisson and NB2; with no attention before the event, the exact conditional test of the two windows' counts instead.",
            "Guards against a trend posing as a rise: the event excess over a linear trend (identity-link Poisson, one-sided p < 0.025), and placebo dates (the same statistic at every period whose windows fit in the series without touching the event window; applied when at least 19 exist).",
            "Persistence is judged against the spike: the share of the event window's excess over the baseline that remains in the post window, with Fieller's 90% interval (for sparse series, a parametric bootstrap of the same count model). Attention persisted when the post excess is shown positive and at least 20% of the spike remains, or the post level is shown above 1.25 times the baseline; it returned when the post/pre rate ratio is shown equivalent to 1 (two one-sided tests, 0.8–1.25) or the share's upper bound is under 20%. A verdict is never read off a non-significant difference, and every verdict lists the tests behind it.",
            "Permutation tests use \(data.permutationDraws) draws with seed \(data.seed). Changepoints: exact optimal partitioning of 2√(y+3/8), penalty 2 ln n, segments of at least 7 periods. Half-life: Poisson fit of b + A·e^(−kd) after the event, b fixed at the pre mean.",
            "Pooled estimates: DerSimonian–Laird random effects over the quasi-Poisson log rate ratios, each person once per measure; difference in differences as the ratio of the featured and control pooled ratios, and as a Poisson panel model with series and window effects and errors clustered by person. Every statistic is checked against statsmodels and scipy (scripts/reference).",
        ]
        var gaps: [String] = []
        for e in data.entries {
            let missing = e.series.periods.count - e.series.observedCount
            if missing > 0 { gaps.append("\(e.name) (\(e.series.key.source)): \(missing) of \(e.series.periods.count) periods not covered") }
        }
        out.append(gaps.isEmpty ? "Coverage: every period of every series was observed." : "Coverage gaps: " + gaps.joined(separator: "; ") + ".")
        let own = data.entries.filter { $0.result.eventDate != d.eventDate.iso }.map { "\($0.name) \($0.result.eventDate)" }
        out.append(
            own.isEmpty
                ? "Event date: \(d.eventDate.iso) for every series."
                : "Event dates: \(d.eventDate.iso), except these series on their own date: " + own.joined(separator: ", ") + ".")
        for note in data.analysis.notes { out.append(note.hasPrefix("warning: ") ? "Note: " + note.dropFirst(9) : note) }
        return out
    }

    /// The commands that audit a person's peak periods.
    public static func auditCommands(_ e: ReportData.Entry, top: Int = 3) -> [String] {
        let s = e.series
        let peaks = s.periods.indices.compactMap { i -> (Period, Double)? in
            s.observations[i].numeric().map { (s.periods[i], $0) }
        }.sorted { $0.1 > $1.1 }.prefix(top)
        return peaks.map { p, _ in
            s.key.measure == .news
                ? "glare explain \(s.key.person) \(p.label) --source \(s.key.source)"
                : "glare export --person \(s.key.person) --source \(s.key.source) --from \(p.start.iso) --to \(p.lastDay.iso)"
        }
    }
}
