import Foundation
import GlareCore

/// Runs the whole event-window battery over series, per series and across people.
public struct EventWindowAnalysis: Sendable {
    /// Settings for a run.
    public struct Configuration: Sendable {
        public var design: EventDesign
        /// Monte Carlo draws per permutation test.
        public var permutationDraws: Int
        /// Seed of the permutation tests; each series draws from its own stream derived from it and its key.
        public var seed: UInt64
        /// The fraction of a `<1` ceiling used as a value.
        public var belowOne: Double

        public init(design: EventDesign, permutationDraws: Int = 9_999, seed: UInt64 = 20_150_901, belowOne: Double = 0.5) {
            self.design = design
            self.permutationDraws = permutationDraws
            self.seed = seed
            self.belowOne = belowOne
        }
    }

    /// One series to analyse, with what the roster knows about its person.
    public struct Input: Sendable {
        public let series: AttentionSeries
        public let group: Person.Group?
        /// The person's own event date (e.g. the day she was featured), overriding the design's.
        public let eventDate: Day?
        /// Days to leave out (e.g. after a release).
        public let mask: [ClosedRange<Day>]

        public init(series: AttentionSeries, group: Person.Group? = nil, eventDate: Day? = nil, mask: [ClosedRange<Day>] = []) {
            self.series = series
            self.group = group
            self.eventDate = eventDate
            self.mask = mask
        }
    }

    public let configuration: Configuration

    public init(configuration: Configuration) { self.configuration = configuration }

    /// The fewest observed periods a window needs, by resolution.
    public static func minimumObserved(_ r: Resolution) -> Int {
        switch r {
        case .hour, .day: 7
        case .week: 3
        case .month: 1
        }
    }

    /// Analyses every input, then adjusts, pools and compares across people.
    public func run(_ inputs: [Input]) -> AnalysisReport {
        let results = inputs.map(analyze)
        return AnalysisReport(design: configuration.design, results: results)
    }

    /// The battery for one series.
    public func analyze(_ input: Input) -> SeriesResult {
        let design = input.eventDate.map { configuration.design.moved(to: $0) } ?? configuration.design
        let w = WindowedSeries(series: input.series, design: design, belowOne: configuration.belowOne, mask: input.mask)
        let pre = w.pre.map(\.value), event = w.event.map(\.value), post = w.post.map(\.value)
        let summaries = SeriesResult.Windows(pre: WindowSummary(pre), event: WindowSummary(event), post: WindowSummary(post))
        let minimum = Self.minimumObserved(w.resolution)
        let enough = [pre, event, post].allSatisfy { $0.count >= minimum } && Descriptive.sum(pre) > 0
        let rates = RateRatios.fit(w)
        let placebo = PlaceboTest(w)
        let equivalence = Equivalence(post: post, pre: pre, postRateRatio: rates?.post.quasiPoisson)
        var generator = SplitMix64(seed: configuration.seed ^ Self.fnv1a("\(input.series.key.person)|\(input.series.key.source)|\(input.series.key.measure.rawValue)"))
        let permEvent = PermutationTest(window: event, pre: pre, draws: configuration.permutationDraws, generator: &generator)
        let permPost = PermutationTest(window: post, pre: pre, draws: configuration.permutationDraws, generator: &generator)
        let decay = DecayFit(w)
        let trend = TrendAdjusted.fit(w)
        let key = input.series.key
        let (verdict, notes) = Verdict.decide(enoughData: enough, event: rates?.event, post: rates?.post, trend: trend,
                                              placebo: placebo, equivalence: equivalence)
        return SeriesResult(
            person: key.person, source: key.source, measure: key.measure.rawValue, resolution: w.resolution.rawValue,
            group: input.group?.rawValue, eventDate: design.eventDate.iso, windows: summaries,
            persistenceRatio: WindowSummary.persistenceRatio(pre: summaries.pre, event: summaries.event, post: summaries.post),
            eventStudy: .init(event: EventStudy(window: event, pre: pre), post: EventStudy(window: post, pre: pre)),
            rateRatios: .init(event: rates?.event, post: rates?.post),
            dispersion: rates.map(\.dispersion),
            segmented: SegmentedRegression.fit(w),
            trendAdjusted: trend,
            welch: .init(eventVsPre: WelchTest(event, pre), postVsPre: WelchTest(post, pre)),
            mannWhitney: .init(eventVsPre: MannWhitneyTest(event, pre), postVsPre: MannWhitneyTest(post, pre)),
            equivalence: equivalence, placebo: placebo,
            permutation: .init(eventVsPre: permEvent, postVsPre: permPost),
            changepoints: Changepoints.detect(w),
            halfLifeDays: decay?.halfLife,
            decay: decay.map { .init(baseline: $0.baseline, amplitude: $0.amplitude, rate: $0.rate, halfLifeDays: $0.halfLife) },
            verdict: verdict, verdictNotes: notes)
    }

    static func fnv1a(_ s: String) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in s.utf8 {
            h ^= UInt64(b)
            h = h &* 0x0000_0100_0000_01B3
        }
        return h
    }
}
