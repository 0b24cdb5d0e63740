import GlareCore

/// The battery's results for one series (one person, source and measure).
public struct SeriesResult: Sendable, Codable {
    /// Results for the event and post windows, each against pre.
    public struct Pair<T: Sendable & Codable>: Sendable, Codable {
        public let event: T?
        public let post: T?
    }

    /// Results of a window-versus-pre comparison, named as the JSON names them.
    public struct Versus<T: Sendable & Codable>: Sendable, Codable {
        public let eventVsPre: T?
        public let postVsPre: T?
        enum CodingKeys: String, CodingKey { case eventVsPre = "event_vs_pre", postVsPre = "post_vs_pre" }
    }

    public struct Windows: Sendable, Codable {
        public let pre: WindowSummary
        public let event: WindowSummary
        public let post: WindowSummary
    }

    /// The periods each window took (`EventDesign.periodRule`): first and last day covered, and how many periods.
    public struct WindowPeriods: Sendable, Codable {
        public let first: String
        public let last: String
        public let periods: Int
    }

    public struct Periods: Sendable, Codable {
        public let pre: WindowPeriods?
        public let event: WindowPeriods?
        public let post: WindowPeriods?
    }

    public struct Decay: Sendable, Codable {
        public let baseline: Double
        public let amplitude: Double
        public let rate: Double
        public let halfLifeDays: Double
        enum CodingKeys: String, CodingKey { case baseline, amplitude, rate, halfLifeDays = "half_life_days" }
    }

    public let person: String
    public let source: String
    public let measure: String
    public let resolution: String
    public let group: String?
    public let eventDate: String
    /// The windows as the series' periods took them.
    public let periods: Periods
    /// Whether counts were read against the period's total (rates per unit of total; levels per 1,000).
    public let perTotal: Bool
    public let windows: Windows
    public let persistenceRatio: Double?
    /// The share of the spike's excess that remains in post, with its interval.
    public let remainingShare: RemainingShare?
    /// The exact tests used when pre has no attention.
    public let zeroBaseline: ZeroBaseline?
    public let eventStudy: Pair<EventStudy>
    public let rateRatios: Pair<RateRatios>
    /// Pearson dispersion φ of the Poisson model (quasi-Poisson scale).
    public let dispersion: Double?
    public let segmented: SegmentedRegression?
    public let trendAdjusted: TrendAdjusted?
    public let welch: Versus<WelchTest>
    public let mannWhitney: Versus<MannWhitneyTest>
    public let equivalence: Equivalence
    public let placebo: PlaceboTest?
    public let permutation: Versus<PermutationTest>
    public let changepoints: [String]
    public let halfLifeDays: Double?
    public let decay: Decay?
    public let verdict: Verdict
    /// The steps behind the verdict: each test and guard, passed, failed or skipped, with its p-value.
    public let reasons: [VerdictReason]
    /// Tests of the battery that could not run, each with why.
    public let skipped: [String: String]

    enum CodingKeys: String, CodingKey {
        case person, source, measure, resolution, group, eventDate = "event_date", periods, perTotal = "per_total", windows
        case persistenceRatio = "persistence_ratio", remainingShare = "remaining_share", zeroBaseline = "zero_baseline"
        case eventStudy = "event_study", rateRatios = "rate_ratios"
        case dispersion, segmented, trendAdjusted = "trend_adjusted", welch, mannWhitney = "mann_whitney", equivalence, placebo, permutation
        case changepoints, halfLifeDays = "half_life_days", decay, verdict, reasons = "verdict_reasons", skipped = "tests_skipped"
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(person, forKey: .person)
        try c.encode(source, forKey: .source)
        try c.encode(measure, forKey: .measure)
        try c.encode(resolution, forKey: .resolution)
        try c.encodeIfPresent(group, forKey: .group)
        try c.encode(eventDate, forKey: .eventDate)
        try c.encode(periods, forKey: .periods)
        try c.encode(perTotal, forKey: .perTotal)
        try c.encode(windows, forKey: .windows)
        try c.encode(persistenceRatio, forKey: .persistenceRatio)
        try c.encode(remainingShare, forKey: .remainingShare)
        try c.encode(zeroBaseline, forKey: .zeroBaseline)
        try c.encode(eventStudy, forKey: .eventStudy)
        try c.encode(rateRatios, forKey: .rateRatios)
        try c.encode(dispersion, forKey: .dispersion)
        try c.encode(segmented, forKey: .segmented)
        try c.encode(trendAdjusted, forKey: .trendAdjusted)
        try c.encode(welch, forKey: .welch)
        try c.encode(mannWhitney, forKey: .mannWhitney)
        try c.encode(equivalence, forKey: .equivalence)
        try c.encode(placebo, forKey: .placebo)
        try c.encode(permutation, forKey: .permutation)
        try c.encode(changepoints, forKey: .changepoints)
        try c.encode(halfLifeDays, forKey: .halfLifeDays)
        try c.encode(decay, forKey: .decay)
        try c.encode(verdict, forKey: .verdict)
        try c.encode(reasons, forKey: .reasons)
        try c.encode(skipped, forKey: .skipped)
    }
}
