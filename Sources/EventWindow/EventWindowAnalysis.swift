import Foundation
public import GlareCore

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
        /// Read each count against its period's total (the denominator) where the series has totals.
        public var perTotal: Bool
        /// Compute only what the verdict reads (for simulation studies): the other tests are skipped.
        public var verdictOnly: Bool

        public init(
            design: EventDesign, permutationDraws: Int = 9_999, seed: UInt64 = 20_150_901, belowOne: Double = 0.5,
            perTotal: Bool = false, verdictOnly: Bool = false
        ) {
            self.verdictOnly = verdictOnly
            self.design = design
            self.permutationDraws = permutationDraws
            self.seed = seed
            self.belowOne = belowOne
            self.perTotal = perTotal
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

    /// Analyses every input, then adjusts, pools and compares across people.
    public func run(_ inputs: [Input]) -> AnalysisReport {
        let windows = inputs.map(windowed)
        let results = zip(inputs, windows).map { analyze($0, windows: $1) }
        var panels: [PanelDifferenceInDifferences] = []
        var studies: [AlignedEventStudy] = []
        for measure in Set(inputs.map(\.series.key.measure.rawValue)).sorted() {
            let units = zip(inputs, windows).filter { $0.0.series.key.measure.rawValue == measure && $0.0.group != nil }.map { input, w in
                PanelDifferenceInDifferences.Unit(person: input.series.key.person, featured: input.group == .featured, windows: w)
            }
            if let panel = PanelDifferenceInDifferences(measure: measure, units: units) { panels.append(panel) }
            if let study = AlignedEventStudy(measure: measure, units: units) { studies.append(study) }
        }
        return AnalysisReport(design: configuration.design, results: results, panels: panels, eventStudies: studies)
    }

    /// An input cut into its windows (its own event date, mask and denominators).
    func windowed(_ input: Input) -> WindowedSeries {
        let design = input.eventDate.map { configuration.design.moved(to: $0) } ?? configuration.design
        let hasTotals = input.series.totals.contains { $0 != nil }
        return WindowedSeries(
            series: input.series, design: design, belowOne: configuration.belowOne, mask: input.mask,
            perTotal: configuration.perTotal && hasTotals)
    }

    /// The battery for one series.
    public func analyze(_ input: Input) -> SeriesResult { analyze(input, windows: windowed(input)) }

    /// The battery for one series already cut into its windows.
    func analyze(_ input: Input, windows w: WindowedSeries) -> SeriesResult {
        let design = w.design
        var skipped: [String: String] = [:]
        if configuration.perTotal && !input.series.totals.contains(where: { $0 != nil }) {
            skipped["per_total"] = "the series has no totals: counts are analysed as they are"
        }
        if w.withoutTotal > 0 { skipped["periods_without_total"] = "\(w.withoutTotal) observed period(s) have no positive total and are left out" }
        let pre = w.pre.map(\.level), event = w.event.map(\.level), post = w.post.map(\.level)
        let summaries = SeriesResult.Windows(pre: WindowSummary(pre), event: WindowSummary(event), post: WindowSummary(post))
        let key = input.series.key
        var generator = SplitMix64(seed: configuration.seed ^ Self.fnv1a("\(key.person)|\(key.source)|\(key.measure.rawValue)"))
        let fit = RateRatios.fit(w)
        let placebo = PlaceboTest(w)
        let equivalence = Equivalence(post: post, pre: pre, postRateRatio: fit?.post.quasiPoisson)
        let permEvent = PermutationTest(window: event, pre: pre, draws: configuration.permutationDraws, generator: &generator)
        let permPost = PermutationTest(window: post, pre: pre, draws: configuration.permutationDraws, generator: &generator)
        let full = !configuration.verdictOnly
        let decay = full ? DecayFit(w) : nil
        let trend = TrendAdjusted.fit(w)
        let segmented = full ? SegmentedRegression.fit(w) : nil
        let share = fit.flatMap { RemainingShare(fit: $0, windows: w, generator: &generator) }
        let zero = ZeroBaseline(w)
        let (verdict, reasons) = Verdict.decide(
            .init(
                resolution: w.resolution, observed: (w.pre.count, w.event.count, w.post.count), fit: fit, trend: trend,
                placebo: placebo, equivalence: equivalence, share: share, zeroBaseline: zero, analysedPeriods: w.analysed.count))

        let empty = [("pre", pre), ("event", event), ("post", post)].filter { $0.1.isEmpty }.map(\.0)
        let emptyText = empty.isEmpty ? nil : "no observed period in " + empty.joined(separator: ", ")
        if !full { skipped["battery"] = "only the verdict's tests were run" }
        if fit == nil { skipped["rate_ratios"] = emptyText ?? "no attention in the pre window (see zero_baseline)" }
        if share == nil, fit != nil { skipped["remaining_share"] = "the event window's rate is not above the pre window's: there is no spike to share" }
        let welchEvent = WelchTest(event, pre), welchPost = WelchTest(post, pre)
        if welchEvent == nil || welchPost == nil { skipped["welch"] = "needs at least 2 observed periods and some variation in each window" }
        if equivalence.rateRatio == nil { skipped["equivalence.rate_ratio"] = "the post/pre rate ratio has no finite standard error" }
        if placebo == nil { skipped["placebo"] = emptyText ?? "no placebo date fits in the series" }
        if permEvent == nil || permPost == nil { skipped["permutation"] = emptyText ?? "no values" }
        if segmented == nil { skipped["segmented"] = "needs more than 5 observed periods and a design with a period on each side of the event" }
        if trend == nil {
            skipped["trend_adjusted"] =
                w.analysed.count > 5
                ? "no trend model could be fitted (identity link: no solution with positive means; the pre window's own trend: too few counts or no convergence)"
                : "too few observed periods"
        }
        if decay == nil { skipped["decay"] = "no excess to decay, fewer than 3 periods from the event period on, or the decay rate is not identified" }
        if w.analysed.count < 2 * Changepoints.minimumSegment { skipped["changepoints"] = "needs at least \(2 * Changepoints.minimumSegment) observed periods" }
        if w.resolution != .day { skipped["poisson_dow"] = "day-of-week terms need a daily series" }

        func periods(_ r: ClosedRange<Int>?, _ points: [WindowedSeries.Point]) -> SeriesResult.WindowPeriods? {
            guard let r, let windows = w.windows else { return nil }
            let days = windows.days(r)
            return .init(first: days.lowerBound.iso, last: days.upperBound.iso, periods: r.count)
        }
        return SeriesResult(
            person: key.person, source: key.source, measure: key.measure.rawValue, resolution: w.resolution.rawValue,
            group: input.group?.rawValue, eventDate: design.eventDate.iso,
            periods: .init(pre: periods(w.windows?.pre, w.pre), event: periods(w.windows?.event, w.event), post: periods(w.windows?.post, w.post)),
            perTotal: w.perTotal, windows: summaries,
            persistenceRatio: WindowSummary.persistenceRatio(pre: summaries.pre, event: summaries.event, post: summaries.post),
            remainingShare: share, zeroBaseline: zero,
            eventStudy: .init(event: EventStudy(window: event, pre: pre), post: EventStudy(window: post, pre: pre)),
            rateRatios: .init(event: fit?.event, post: fit?.post),
            dispersion: fit?.dispersion,
            segmented: segmented,
            trendAdjusted: trend,
            welch: .init(eventVsPre: welchEvent, postVsPre: welchPost),
            mannWhitney: .init(eventVsPre: MannWhitneyTest(event, pre), postVsPre: MannWhitneyTest(post, pre)),
            equivalence: equivalence, placebo: placebo,
            permutation: .init(eventVsPre: permEvent, postVsPre: permPost),
            changepoints: full ? Changepoints.detect(w) : [],
            halfLifeDays: decay?.halfLife,
            decay: decay.map { .init(baseline: $0.baseline, amplitude: $0.amplitude, rate: $0.rate, halfLifeDays: $0.halfLife) },
            verdict: verdict, reasons: reasons, skipped: skipped)
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
