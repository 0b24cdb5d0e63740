import Foundation
public import GlareCore

/// What the battery concludes about one series, from documented rules; every verdict carries the
/// steps that led to it (`VerdictReason`).
///
/// - `insufficient-data`: the pre window has fewer observed periods than
///   `WindowedSeries.minimumBaseline` (7 days, 3 weeks, 3 three-day periods, 3 months), or the event or
///   post window has none. Nothing else makes a series insufficient: a test that cannot run is skipped
///   with its reason.
/// - A **rise** needs the event/pre rate ratio's 95% interval above 1 under both overdispersion-robust
///   models (quasi-Poisson and NB2), and must not fail a guard against a trend posing as a rise:
///   the *trend guard* (the event excess over a linear trend, `TrendAdjusted`, shown positive at
///   one-sided p < 0.025; a trend model that cannot be fitted fails the guard, unless there are five
///   observed periods or fewer, or the pre window holds fewer than 20 counts: too few to show a trend),
///   and the *placebo guard* (with at least 19 placebo dates, one-sided placebo
///   p ≤ 0.05). A one-day spike is best judged with a one- to three-day event window, where its excess
///   is not diluted by a month of ordinary days.
///   A guard that cannot be computed is skipped, and says why. Otherwise `no-rise`.
/// - A **zero baseline** (no attention in pre) is judged on counts: the exact conditional test of the
///   event window's rate against pre's (`ExactRateTest`, one-sided p < 0.05) and the placebo guard.
/// - After a rise, persistence is judged against the spike (`RemainingShare`):
///   `rose-and-persisted` when the post excess is shown positive (post/pre interval above 1 under both
///   models, and, when the series has a linear trend (slope p < 0.05), one-sided p < 0.05 for the post
///   excess over it, so a continuing trend is not taken for persistence; for a zero baseline the exact
///   test) and
///   is material: the share of the spike that remains is at least `persistenceShare` (20%), or the
///   post/pre interval lies above the equivalence margin 1.25 under both models (a big spike does not
///   hide a post level 1.8 times the baseline);
///   `rose-then-returned` when the post level is shown back to (or below) baseline: the post/pre rate
///   ratio equivalent to 1 (TOST within 0.8–1.25), or the remaining share's one-sided 95% upper bound
///   under 20% with the post level not shown above the margin (for a zero baseline, the exact
///   post/event ratio's bound). A fall below baseline is a return (its reasons say so);
///   `rose-persistence-unclear` only when neither can be shown.
public enum Verdict: String, Sendable, Codable, CaseIterable {
    case roseAndPersisted = "rose-and-persisted"
    case roseThenReturned = "rose-then-returned"
    case rosePersistenceUnclear = "rose-persistence-unclear"
    case noRise = "no-rise"
    case insufficientData = "insufficient-data"

    /// The fewest placebo dates for the placebo guard to apply.
    public static let minimumPlaceboDates = 19
    public static let placeboLevel = 0.05
    public static let level = 0.05
    /// The one-sided level of the trend guard (the two-sided 5% in the direction that matters).
    public static let trendLevel = 0.025
    /// The share of the spike's excess that divides "persisted" from "returned".
    public static let persistenceShare = 0.2

    /// What the rules read.
    public struct Evidence: Sendable {
        public var resolution: Resolution
        public var observed: (pre: Int, event: Int, post: Int)
        public var fit: RateRatios.Fit?
        public var trend: TrendAdjusted?
        public var placebo: PlaceboTest?
        public var equivalence: Equivalence?
        public var share: RemainingShare?
        public var zeroBaseline: ZeroBaseline?
        /// Observed periods in pre, event and post together.
        public var analysedPeriods: Int
    }

    /// The verdict and the steps behind it.
    public static func decide(_ e: Evidence) -> (Verdict, [VerdictReason]) {
        var reasons: [VerdictReason] = []
        let minimum = WindowedSeries.minimumBaseline(e.resolution)
        let unit = e.resolution.periodName
        let (nPre, nEvent, nPost) = e.observed
        let enough = nPre >= minimum && nEvent >= 1 && nPost >= 1
        reasons.append(
            VerdictReason(
                "data", passed: enough,
                "observed \(unit)s pre/event/post: \(nPre)/\(nEvent)/\(nPost); the verdict needs at least \(minimum)/1/1"))
        guard enough else { return (.insufficientData, reasons) }

        if let zero = e.zeroBaseline { return decideFromZero(zero, e, reasons) }
        guard let fit = e.fit else {
            reasons.append(VerdictReason("rise.models", .skipped, "the count models could not be fitted"))
            return (.insufficientData, reasons)
        }

        // Rise.
        let qp = fit.event.quasiPoisson, nb = fit.event.negbin
        let riseQP = above1(qp), riseNB = above1(nb)
        reasons.append(
            VerdictReason(
                "rise.quasi-poisson", passed: riseQP, p: qp.p,
                "event/pre rate ratio \(ratio(qp)) (quasi-Poisson) \(riseQP ? "is above 1" : "is not shown above 1")"))
        reasons.append(
            VerdictReason(
                "rise.negbin", passed: riseNB, p: nb.p,
                "event/pre rate ratio \(ratio(nb)) (NB2) \(riseNB ? "is above 1" : "is not shown above 1")"))
        var trendApplies = false
        var guardsHold = true
        if let trend = e.trend {
            trendApplies = trend.slope.p < level
            let ok = trend.event.estimate > 0 && trend.event.pGreater < trendLevel
            guardsHold = ok
            let what = trend.link == "pre-trend" ? "the event excess over the pre window's own trend, extrapolated" : "the event excess over a linear trend"
            let unit2 = " per \(unit)"
            reasons.append(
                VerdictReason(
                    "guard.trend", passed: ok, p: trend.event.pGreater,
                    "\(what) (slope \(num(trend.slope.estimate, 3))\(unit2), p = \(pv(trend.slope.p))), \(num(trend.event.estimate, 3))\(unit2), \(ok ? "is" : "is not") shown positive (one-sided p = \(pv(trend.event.pGreater)), needs < \(trendLevel))"
                ))
        } else if fit.counts[0] < TrendAdjusted.minimumPreCounts {
            reasons.append(
                VerdictReason(
                    "guard.trend", .skipped,
                    "trend guard not applied: the pre window holds \(num(fit.counts[0], 1)) in all, too little to show a trend (at least \(num(TrendAdjusted.minimumPreCounts, 0)) needed)"
                ))
        } else if e.analysedPeriods > 5 {
            guardsHold = false
            reasons.append(
                VerdictReason(
                    "guard.trend", .failed,
                    "trend guard failed: no trend model could be fitted (identity link: no solution with positive means; the pre window's own log-linear trend: no convergence), so a trend posing as a rise cannot be ruled out"
                ))
        } else {
            reasons.append(VerdictReason("guard.trend", .skipped, "trend guard not applied: \(e.analysedPeriods) observed periods are too few to fit a trend"))
        }
        guardsHold = placeboGuard(e.placebo, &reasons) && guardsHold
        guard riseQP && riseNB && guardsHold else { return (.noRise, reasons) }

        // Persistence against the spike.
        let pqp = fit.post.quasiPoisson, pnb = fit.post.negbin
        var postPositive = above1(pqp) && above1(pnb)
        var postDetail = "post/pre rate ratio \(ratio(pqp)) (quasi-Poisson), \(ratio(pnb)) (NB2)"
        if trendApplies, let trend = e.trend {
            postPositive = postPositive && trend.post.estimate > 0 && trend.post.pGreater < level
            postDetail +=
                ", and as the series has a trend (slope p = \(pv(trend.slope.p))) its excess over the trend \(num(trend.post.estimate, 3)) per \(unit) (one-sided p = \(pv(trend.post.pGreater)))"
        }
        reasons.append(
            VerdictReason(
                "persist.post-above-baseline", passed: postPositive, p: pqp.p,
                postDetail + (postPositive ? ": the post level is above the baseline" : ": the post level is not shown above the baseline")))
        guard let share = e.share else {
            reasons.append(VerdictReason("persist.share", .skipped, "the remaining share of the spike could not be computed"))
            return (.rosePersistenceUnclear, reasons)
        }
        let shareText = "\(percent(share.estimate)) of the spike's excess remains in post (90% interval \(interval(share)))"
        // Material: the post level shown above the equivalence margin under both models.
        let margin = Equivalence.bounds[1]
        let material = (pqp.ci95?[0] ?? 0) >= margin && (pnb.ci95?[0] ?? 0) >= margin
        if persisted(postAbove: postPositive, share: share.estimate, material: material) {
            reasons.append(
                VerdictReason(
                    "persist.share", .passed,
                    share.estimate >= persistenceShare
                        ? "\(shareText), at least \(percent(persistenceShare))"
                        : "\(shareText); less than \(percent(persistenceShare)), but the post level is shown more than \(num(margin, 2))× the baseline under both models"
                ))
            return (.roseAndPersisted, reasons)
        }
        let tost = e.equivalence?.rateRatio
        let equivalent = tost?.equivalent == true
        reasons.append(
            VerdictReason(
                "return.equivalence", passed: equivalent, p: tost?.p,
                tost.map {
                    "post/pre rate ratio 90% interval [\(num($0.ci90[0], 2)), \(num($0.ci90[1], 2))] \(equivalent ? "lies" : "does not lie") within \(num($0.bounds[0], 2))–\(num($0.bounds[1], 2)) (TOST p = \(pv($0.p)))"
                }
                    ?? "no equivalence test: the post/pre rate ratio has no finite interval"))
        let small = returnedBySpike(upperBound: share.upperBound, material: material)
        let bound = share.upperBound.map { percent($0) } ?? "unbounded"
        reasons.append(
            VerdictReason(
                "return.share", passed: small,
                "\(shareText); its upper bound \(bound)\(share.sparse ? " (sparse: from the count model's parametric bootstrap)" : "") \(share.upperBound.map { $0 < persistenceShare } ?? false ? "is" : "is not") under \(percent(persistenceShare))"
                    + (material ? ", but the post level is shown more than \(num(margin, 2))× the baseline: not a return" : "")))
        if let hi = pqp.ci95?[1], let hi2 = pnb.ci95?[1], hi < 1, hi2 < 1 {
            reasons.append(VerdictReason("return.below-baseline", .passed, p: pqp.p, "the post level fell below the baseline (post/pre \(ratio(pqp)))"))
        } else if fit.counts[2] == 0 {
            reasons.append(VerdictReason("return.below-baseline", .passed, "no attention at all in the post window"))
        }
        if equivalent || small { return (.roseThenReturned, reasons) }
        return (.rosePersistenceUnclear, reasons)
    }

    /// The rules for a series with no attention in pre.
    static func decideFromZero(_ zero: ZeroBaseline, _ e: Evidence, _ start: [VerdictReason]) -> (Verdict, [VerdictReason]) {
        var reasons = start
        let ev = zero.eventVsPre
        let rose = ev.pGreater < level
        reasons.append(
            VerdictReason(
                "rise.exact", passed: rose, p: ev.pGreater,
                "no attention in the pre window (\(num(ev.baselineExposure, 0)) \(zero.exposureName)): \(num(ev.count, 0)) in the event window over \(num(ev.exposure, 0)) \(zero.exposureName), exact conditional test one-sided p = \(pv(ev.pGreater))"
            ))
        reasons.append(VerdictReason("guard.trend", .skipped, "trend guard not needed: no attention before the event"))
        let guardsHold = placeboGuard(e.placebo, &reasons)
        guard rose && guardsHold else { return (.noRise, reasons) }
        let post = zero.postVsPre
        let postPositive = post.pGreater < level
        reasons.append(
            VerdictReason(
                "persist.post-above-baseline", passed: postPositive, p: post.pGreater,
                "\(num(post.count, 0)) in the post window over \(num(post.exposure, 0)) \(zero.exposureName) against none before: exact one-sided p = \(pv(post.pGreater))"
            ))
        let share = zero.postToEvent
        let estimate = share.ratio ?? .infinity
        let upper = share.ci90[1] ?? nil
        let text =
            "the post rate is \(percent(estimate)) of the event window's (90% interval \(share.ci90.map { $0.map { percent($0) } ?? "unbounded" }.joined(separator: "–")))"
        if persisted(postAbove: postPositive, share: estimate, material: false) {
            reasons.append(VerdictReason("persist.share", .passed, text + ", at least \(percent(persistenceShare))"))
            return (.roseAndPersisted, reasons)
        }
        let small = returnedBySpike(upperBound: upper, material: false)
        reasons.append(VerdictReason("return.share", passed: small, text + "; its upper bound \(small ? "is" : "is not") under \(percent(persistenceShare))"))
        return (small ? .roseThenReturned : .rosePersistenceUnclear, reasons)
    }

    /// The persistence rule: the post level shown above baseline, and materially so (at least
    /// `persistenceShare` of the spike remains, or the post level is shown above the equivalence margin).
    static func persisted(postAbove: Bool, share: Double, material: Bool) -> Bool {
        postAbove && (share >= persistenceShare || material)
    }

    /// The return rule on the spike: the share's upper bound under `persistenceShare`, unless the post level
    /// is shown above the equivalence margin.
    static func returnedBySpike(upperBound: Double?, material: Bool) -> Bool {
        (upperBound.map { $0 < persistenceShare } ?? false) && !material
    }

    static func placeboGuard(_ placebo: PlaceboTest?, _ reasons: inout [VerdictReason]) -> Bool {
        guard let placebo, placebo.dates >= minimumPlaceboDates, let p = placebo.pGreater else {
            reasons.append(
                VerdictReason(
                    "guard.placebo", .skipped,
                    "placebo guard not applied: \(placebo?.dates ?? 0) placebo date(s) fit in the series, fewer than \(minimumPlaceboDates)"))
            return true
        }
        let ok = p <= placeboLevel
        reasons.append(
            VerdictReason(
                "guard.placebo", passed: ok, p: p,
                "the event window's excess \(ok ? "beats" : "does not beat") the same windows at \(placebo.dates) placebo dates (one-sided p = \(pv(p)))"))
        return ok
    }

    static func above1(_ r: RateRatio?) -> Bool { (r?.ci95?[0] ?? 0) > 1 }

    static func ratio(_ r: RateRatio) -> String {
        guard let ci = r.ci95 else { return num(r.estimate, 2) + " (no interval)" }
        return "\(num(r.estimate, 2)) [\(num(ci[0], 2)), \(num(ci[1], 2))]"
    }

    static func interval(_ s: RemainingShare) -> String {
        guard let ci = s.ci90 else { return "unbounded" }
        return "\(percent(ci[0])) to \(percent(ci[1]))"
    }

    static func num(_ v: Double, _ digits: Int) -> String { v.isFinite ? String(format: "%.\(digits)f", v) : "∞" }
    static func pv(_ p: Double) -> String { p < 0.0001 ? "<0.0001" : String(format: "%.4f", p) }
    /// A share as a whole percentage ("4%"), never "-0%"; "∞" when not finite.
    public static func percent(_ v: Double) -> String { v.isFinite ? String(format: "%.0f%%", 100 * v).replacingOccurrences(of: "-0%", with: "0%") : "∞" }
}
