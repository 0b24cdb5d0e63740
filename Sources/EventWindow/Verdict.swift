/// What the battery concludes about one series, from documented rules.
///
/// - `insufficient-data`: a window has fewer than `minimumObserved` observed periods, or pre has no attention.
/// - A **rise** needs the event/pre rate ratio's 95% interval above 1 under both overdispersion-robust
///   models (quasi-Poisson and NB2), and must pass the guards against a trend posing as a rise that can
///   be computed: a positive event excess over a linear trend (`TrendAdjusted`, p < 0.05) and, when at
///   least 19 placebo dates exist, a one-sided placebo p of at most 0.05. A guard that cannot be
///   computed is named in `notes`. Otherwise `no-rise`.
/// - After a rise: `rose-and-persisted` when the post/pre interval is above 1 under both models and the
///   post excess over the trend is positive (p < 0.05); `rose-then-returned` when the post/pre rate
///   ratio is shown equivalent to 1 (TOST within 0.8–1.25); `rose-persistence-unclear` otherwise.
public enum Verdict: String, Sendable, Codable, CaseIterable {
    case roseAndPersisted = "rose-and-persisted"
    case roseThenReturned = "rose-then-returned"
    case rosePersistenceUnclear = "rose-persistence-unclear"
    case noRise = "no-rise"
    case insufficientData = "insufficient-data"

    /// The fewest placebo dates for the placebo guard to apply.
    public static let minimumPlaceboDates = 19
    public static let placeboLevel = 0.05

    static func above1(_ r: RateRatio?) -> Bool { (r?.ci95?[0] ?? 0) > 1 }

    public static let level = 0.05

    static func positive(_ e: TrendAdjusted.Excess?) -> Bool { (e?.estimate ?? 0) > 0 && (e?.p ?? 1) < level }

    /// The verdict, and notes on guards that could not be computed.
    public static func decide(enoughData: Bool, event: RateRatios?, post: RateRatios?, trend: TrendAdjusted?,
                              placebo: PlaceboTest?, equivalence: Equivalence?) -> (Verdict, [String]) {
        guard enoughData, let event, let post else { return (.insufficientData, []) }
        var notes: [String] = []
        var rose = above1(event.quasiPoisson) && above1(event.negbin)
        if let trend {
            rose = rose && positive(trend.event)
        } else {
            notes.append("trend guard not computed: the identity-link trend model has no solution with positive means")
        }
        if let placebo, placebo.dates >= minimumPlaceboDates, let p = placebo.pGreater {
            rose = rose && p <= placeboLevel
        } else {
            notes.append("placebo guard not applied: fewer than \(minimumPlaceboDates) placebo dates fit in the series")
        }
        guard rose else { return (.noRise, notes) }
        if above1(post.quasiPoisson) && above1(post.negbin) && (trend == nil || positive(trend?.post)) {
            return (.roseAndPersisted, notes)
        }
        if equivalence?.rateRatio?.equivalent == true { return (.roseThenReturned, notes) }
        return (.rosePersistenceUnclear, notes)
    }
}
