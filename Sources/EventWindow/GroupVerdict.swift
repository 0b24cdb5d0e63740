import Foundation

/// The answer for a group of people (featured, control, everyone) on one measure: did attention to
/// them rise at the event, and did it persist? The same rules as a person's verdict, on pooled estimates.
///
/// - People, not series: a person with several series of one measure (several Trends terms, several
///   archive databases) counts once, her log rate ratios combined by inverse-variance weights (fixed
///   effect); people without a rate ratio (no attention before, too little data) are left out and named.
/// - Pooled event/pre and post/pre: DerSimonian–Laird random effects over the people's quasi-Poisson log
///   rate ratios.
/// - The share of the spike that remains: S = (RR_post − 1)/(RR_event − 1) on the pooled ratios, with
///   Fieller's 90% interval from their standard errors (the covariance of the two pooled ratios, which
///   share the pre window, is taken as 0).
/// - Rise: the pooled event/pre interval above 1. Persisted: the pooled post/pre interval above 1 and
///   material (S ≥ 20%, or the post/pre interval above 1.25). Returned: the pooled post/pre 90% interval
///   within 0.8–1.25, or S's upper bound under 20% without the post level shown above 1.25. Otherwise
///   unclear; fewer than two people with a rate ratio is insufficient.
public struct GroupVerdict: Sendable, Codable {
    public let group: String
    public let measure: String
    /// People whose series enter the pooled estimates.
    public let people: [String]
    /// The series (sources) that stand for each person.
    public let series: [String: [String]]
    /// People of the group left out, with why.
    public let leftOut: [String: String]
    public let event: PooledEstimate?
    public let post: PooledEstimate?
    public let remainingShare: Double?
    public let remainingShareCI90: [Double]?
    public let verdict: Verdict
    public let reasons: [VerdictReason]

    enum CodingKeys: String, CodingKey {
        case group, measure, people, series, leftOut = "left_out", event, post, remainingShare = "remaining_share"
        case remainingShareCI90 = "remaining_share_ci90", verdict, reasons = "verdict_reasons"
    }

    /// One log rate ratio per person: her series' combined by inverse variance.
    static func perPerson(_ results: [SeriesResult], window: (SeriesResult) -> RateRatio?) -> [String: (Double, Double)] {
        var byPerson: [String: [(Double, Double)]] = [:]
        for r in results {
            guard let rr = window(r), let se = rr.standardError, rr.logEstimate.isFinite else { continue }
            byPerson[r.person, default: []].append((rr.logEstimate, se))
        }
        return byPerson.mapValues { list in
            let w = list.map { 1 / ($0.1 * $0.1) }
            let sw = w.reduce(0, +)
            return (zip(w, list).reduce(0.0) { $0 + $1.0 * $1.1.0 } / sw, (1 / sw).squareRoot())
        }
    }

    public init(group: String, measure: String, results: [SeriesResult]) {
        self.group = group
        self.measure = measure
        let event = Self.perPerson(results) { $0.rateRatios.event?.quasiPoisson }
        let post = Self.perPerson(results) { $0.rateRatios.post?.quasiPoisson }
        let both = Set(event.keys).intersection(post.keys).sorted()
        people = both
        var bySource: [String: [String]] = [:]
        for r in results where both.contains(r.person) { bySource[r.person, default: []].append(r.source) }
        series = bySource.mapValues { $0.sorted() }
        var out: [String: String] = [:]
        for r in results where !both.contains(r.person) && out[r.person] == nil {
            out[r.person] = r.zeroBaseline != nil ? "no attention before the event: no rate ratio" : "no finite rate ratio (\(r.verdict.rawValue))"
        }
        leftOut = out
        let pooledEvent = PooledEstimate(logEstimates: both.map { event[$0]!.0 }, standardErrors: both.map { event[$0]!.1 })
        let pooledPost = PooledEstimate(logEstimates: both.map { post[$0]!.0 }, standardErrors: both.map { post[$0]!.1 })
        self.event = pooledEvent
        self.post = pooledPost
        var reasons: [VerdictReason] = []
        let enough = both.count >= 2
        reasons.append(
            VerdictReason(
                "data", passed: enough,
                "\(both.count) \(both.count == 1 ? "person" : "people") with rate ratios\(out.isEmpty ? "" : ", \(out.count) left out"); the group verdict needs at least 2"
            ))
        guard enough, let e = pooledEvent?.random, let p = pooledPost?.random, let se = e.standardError, let sp = p.standardError else {
            remainingShare = nil
            remainingShareCI90 = nil
            verdict = .insufficientData
            self.reasons = reasons
            return
        }
        let rose = Verdict.above1(e)
        reasons.append(
            VerdictReason(
                "rise.pooled", passed: rose, p: e.p,
                "pooled event/pre \(Verdict.ratio(e)) (random effects, τ² \(Verdict.num(pooledEvent!.tau2, 3))) \(rose ? "is" : "is not shown") above 1"))
        guard rose else {
            remainingShare = nil
            remainingShareCI90 = nil
            verdict = .noRise
            self.reasons = reasons
            return
        }
        let a = p.estimate - 1, b = e.estimate - 1
        let share = a / b
        let ci = RemainingShare.fieller(a: a, b: b, va: pow(p.estimate * sp, 2), vb: pow(e.estimate * se, 2), cab: 0)
        remainingShare = share
        remainingShareCI90 = ci
        let postAbove = Verdict.above1(p)
        let material = (p.ci95?[0] ?? 0) >= Equivalence.bounds[1]
        let shareText =
            "\(Verdict.percent(share)) of the spike remains (90% interval \(ci.map { "\(Verdict.percent($0[0])) to \(Verdict.percent($0[1]))" } ?? "unbounded"))"
        reasons.append(
            VerdictReason(
                "persist.post-above-baseline", passed: postAbove, p: p.p, "pooled post/pre \(Verdict.ratio(p)) \(postAbove ? "is" : "is not shown") above 1"))
        if Verdict.persisted(postAbove: postAbove, share: share, material: material) {
            reasons.append(
                VerdictReason(
                    "persist.share", .passed,
                    share >= Verdict.persistenceShare ? "\(shareText), at least 20%" : "\(shareText); the post level is shown above 1.25 times the baseline"))
            verdict = .roseAndPersisted
            self.reasons = reasons
            return
        }
        let q = Distributions.normalQuantile(0.95)
        let lo = exp(p.logEstimate - q * sp), hi = exp(p.logEstimate + q * sp)
        let equivalent = lo > Equivalence.bounds[0] && hi < Equivalence.bounds[1]
        reasons.append(
            VerdictReason(
                "return.equivalence", passed: equivalent,
                "pooled post/pre 90% interval [\(Verdict.num(lo, 2)), \(Verdict.num(hi, 2))] \(equivalent ? "lies" : "does not lie") within 0.80–1.25"))
        let small = Verdict.returnedBySpike(upperBound: ci?[1], material: material)
        reasons.append(VerdictReason("return.share", passed: small, "\(shareText); its upper bound \(small ? "is" : "is not") under 20%"))
        verdict = equivalent || small ? .roseThenReturned : .rosePersistenceUnclear
        self.reasons = reasons
    }

    /// One line: "featured (news, 17 people): rose-then-returned — pooled event/pre 2.10 [1.50, 2.94], …".
    public var line: String {
        var text = "\(group) (\(measure), \(people.count) \(people.count == 1 ? "person" : "people")): \(verdict.rawValue)"
        if let e = event?.random { text += " — pooled event/pre \(Verdict.ratio(e))" }
        if let p = post?.random { text += ", post/pre \(Verdict.ratio(p))" }
        if let s = remainingShare {
            text +=
                ", \(Verdict.percent(s)) of the spike remains"
                + (remainingShareCI90.map { " [\(Verdict.percent($0[0])), \(Verdict.percent($0[1]))]" } ?? " [unbounded]")
        }
        return text
    }
}
