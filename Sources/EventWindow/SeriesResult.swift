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
    public let windows: Windows
    public let persistenceRatio: Double?
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
    /// Which of the verdict's guards could not be computed.
    public let verdictNotes: [String]

    enum CodingKeys: String, CodingKey {
        case person, source, measure, resolution, group, eventDate = "event_date", windows
        case persistenceRatio = "persistence_ratio", eventStudy = "event_study", rateRatios = "rate_ratios"
        case dispersion, segmented, trendAdjusted = "trend_adjusted", welch, mannWhitney = "mann_whitney", equivalence, placebo, permutation
        case changepoints, halfLifeDays = "half_life_days", decay, verdict, verdictNotes = "verdict_notes"
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(person, forKey: .person)
        try c.encode(source, forKey: .source)
        try c.encode(measure, forKey: .measure)
        try c.encode(resolution, forKey: .resolution)
        try c.encodeIfPresent(group, forKey: .group)
        try c.encode(eventDate, forKey: .eventDate)
        try c.encode(windows, forKey: .windows)
        try c.encode(persistenceRatio, forKey: .persistenceRatio)
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
        try c.encode(verdictNotes, forKey: .verdictNotes)
    }
}
