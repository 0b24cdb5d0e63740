import EventWindow
import GlareCore
import Testing

/// The verdict on the series analysts bring: any resolution, short windows, sparse and zero baselines,
/// and a reason for every verdict.
@Suite struct VerdictTests {
    let e = Day(iso: "2015-09-01")!  // a Tuesday

    func daily(_ value: (Int) -> Double?, from: Int = -242, to: Int = 212) -> AttentionSeries {
        var points: [Period: Observation] = [:]
        for d in from...to { points[.day(e.adding(days: d))] = value(d).map(Observation.value) ?? .missing }
        return AttentionSeries(key: SeriesKey(person: "p", source: "s", measure: .news), resolution: .day, points: points)
    }

    func analyze(_ s: AttentionSeries, _ design: EventDesign? = nil) -> SeriesResult {
        EventWindowAnalysis(configuration: .init(design: design ?? EventDesign(eventDate: e), permutationDraws: 99)).analyze(.init(series: s))
    }

    /// Deterministic noise around a mean (a fixed pattern, so the tests need no random numbers).
    func wobble(_ d: Int, _ mean: Double) -> Double { max(0, (mean + [0, 1, -1, 2, -2, 1, 0][((d % 7) + 7) % 7] * mean.squareRoot() / 2).rounded()) }

    @Test func everyVerdictCarriesItsReasons() {
        for s in [daily { self.wobble($0, 5) }, daily { self.wobble($0, $0 >= 0 && $0 < 10 ? 40 : 5) }, daily { _ in 0 }] {
            let r = analyze(s)
            #expect(r.reasons.count >= 3, "\(r.verdict): \(r.reasons)")
            #expect(r.reasons.first?.step == "data")
            #expect(r.reasons.allSatisfy { !$0.detail.isEmpty })
        }
    }

    @Test func aSpikeThatFallsBackToZeroReturned() {
        // The demo's shape: almost nothing before, a spike at the event, nothing afterwards.
        let r = analyze(
            daily { d in d < 0 ? (d % 40 == 0 ? 1 : 0) : d < 11 ? Double(20 - d) : 0 },
            EventDesign(eventDate: e, pre: -92...(-1), event: 0...10, post: 11...50))
        #expect(r.verdict == .roseThenReturned, "\(r.reasons.map(\.line))")
        #expect(r.reasons.contains { $0.step == "return.share" && $0.status == .passed })
    }

    @Test func aOneDaySpikeWithAOneDayEventWindowIsARise() {
        let s = daily { d in d == 0 ? 30 : self.wobble(d, 3) }
        let r = analyze(s, EventDesign(eventDate: e, pre: -92...(-1), event: 0...0, post: 1...212))
        #expect(r.verdict == .roseThenReturned, "\(r.reasons.map(\.line))")
        #expect(r.windows.event.nPeriods == 1)
        // Three days: still judged, not insufficient.
        let three = analyze(s, EventDesign(eventDate: e, pre: -92...(-1), event: 0...2, post: 3...212))
        #expect(three.verdict != .insufficientData)
    }

    @Test func aZeroBaselineIsJudgedOnCounts() {
        let r = analyze(daily { d in d < 0 ? 0 : d < 14 ? 2 : (d % 60 == 0 ? 1 : 0) })
        #expect(r.zeroBaseline != nil)
        #expect(r.rateRatios.event == nil)
        #expect(r.verdict == .roseThenReturned, "\(r.reasons.map(\.line))")
        #expect(r.reasons.contains { $0.step == "rise.exact" && $0.status == .passed })
        // Nothing at all: no rise, and said so.
        let none = analyze(daily { _ in 0 })
        #expect(none.verdict == .noRise)
        #expect(none.reasons.contains { $0.step == "rise.exact" && $0.status == .failed })
    }

    @Test func theWeekHoldingTheEventBelongsToTheEventWindow() {
        // Weeks from Sunday; the spike of 100 is in the week of Sunday 2015-08-30, which holds the event.
        var points: [Period: Observation] = [:]
        var d = Day(iso: "2014-12-28")!
        var i = 0
        while d < Day(iso: "2016-04-03")! {
            let spike = d == Day(iso: "2015-08-30")!
            points[Period(resolution: .week, start: d)] = .value(spike ? 100 : [9, 11, 10, 12, 8, 10][i % 6])
            d = d.adding(days: 7)
            i += 1
        }
        let s = AttentionSeries(key: SeriesKey(person: "p", source: "s", measure: .search), resolution: .week, points: points)
        let r = analyze(s)
        #expect(r.periods.event?.first == "2015-08-30")
        #expect(r.windows.pre.mean < 11)
        #expect(r.verdict == .roseThenReturned, "\(r.reasons.map(\.line))")
        // A spike gone within its week: at weekly resolution the decay rate is not identified (the fit sits at
        // the edge of its range), so no half-life is claimed. (When one is, it is ln 2 / k with k > 0.)
        #expect(r.halfLifeDays == nil, "\(String(describing: r.halfLifeDays))")
    }

    @Test func theGapKeepsARunUpOutOfTheBaseline() {
        // Attention builds in the three days before the event.
        let s = daily { d in d >= -3 && d < 0 ? 50 : self.wobble(d, 5) }
        let withGap = analyze(s)
        let without = analyze(s, EventDesign(eventDate: e, gap: 0))
        #expect(withGap.periods.pre?.last == "2015-08-28")
        #expect(without.periods.pre?.last == "2015-08-31")
        #expect(withGap.windows.pre.mean < without.windows.pre.mean)
    }

    @Test func monthlySeriesUseMonthsAndHalfLivesInDays() throws {
        var points: [Period: Observation] = [:]
        for (k, v) in [3.0, 4, 2, 5, 3, 4, 3, 4, 40, 9, 4, 3, 4, 3, 5, 3].enumerated() {
            points[Period(resolution: .month, start: Day(iso: "2015-01-01")!.adding(months: k))] = .value(v)
        }
        let s = AttentionSeries(key: SeriesKey(person: "p", source: "s", measure: .search), resolution: .month, points: points)
        let r = analyze(s, EventDesign(eventDate: Day(iso: "2015-09-15")!))
        #expect(r.resolution == "month")
        #expect(r.periods.event?.first == "2015-09-01")
        #expect(r.windows.pre.nPeriods == 3)
        #expect(r.verdict == .roseThenReturned, "\(r.reasons.map(\.line))")
        #expect(r.reasons.first?.detail.contains("months") == true)
        // The excess over the pre mean (11/3) falls from 36.3 in September to 5.3 in October, 30.44 days
        // later: ln 2 / (ln(36.3 / 5.3) / 30.44) ≈ 11 days (about 0.36 if it were counted in months).
        let halfLife = try #require(r.halfLifeDays)
        #expect(halfLife > 8 && halfLife < 14, "\(halfLife)")
    }

    @Test func aLevelFarAboveBaselineAfterAHugeSpikePersisted() {
        // 60% above the baseline for months, though only about a tenth of the spike remains.
        let r = analyze(daily { d in d < 0 ? self.wobble(d, 10) : d < 30 ? self.wobble(d, 150) : self.wobble(d, 16) })
        #expect(r.verdict == .roseAndPersisted, "\(r.reasons.map(\.line))")
        #expect(r.remainingShare.map { $0.estimate < 0.2 } == true)
    }

    @Test func countsAgainstTheirTotals() {
        // Counts that only follow the day's volume: no rise as a share, a rise as raw counts.
        var points: [Period: Observation] = [:], totals: [Period: Double] = [:]
        for d in -242...212 {
            let total = d >= 0 && d < 30 ? 2000.0 : 1000
            points[.day(e.adding(days: d))] = .value(total / 100 + Double([0, 1, -1, 2, -2, 1, 0][((d % 7) + 7) % 7]))
            totals[.day(e.adding(days: d))] = total
        }
        let s = AttentionSeries(key: SeriesKey(person: "p", source: "s", measure: .news), resolution: .day, points: points, totals: totals)
        let raw = EventWindowAnalysis(configuration: .init(design: EventDesign(eventDate: e), permutationDraws: 99)).analyze(.init(series: s))
        let share = EventWindowAnalysis(configuration: .init(design: EventDesign(eventDate: e), permutationDraws: 99, perTotal: true)).analyze(.init(series: s))
        #expect(raw.verdict != .noRise)
        #expect(share.perTotal)
        #expect(share.verdict == .noRise, "\(share.reasons.map(\.line))")
        #expect(abs(share.rateRatios.event!.poisson.estimate - 1) < 0.05)
    }
}

extension VerdictTests {
    @Test func jsonNeverHoldsNonNumbersInNumericFields() throws {
        // A series whose event and post windows are empty: means and dispersions are not finite.
        let s = daily({ d in d < 0 ? 3 : nil }, from: -100, to: 100)
        let report = EventWindowAnalysis(configuration: .init(design: EventDesign(eventDate: e), permutationDraws: 9)).run([.init(series: s)])
        let json = try report.json()
        #expect(!json.contains("NaN") && !json.contains("Infinity") && !json.contains("not-finite"))
        #expect(report.results[0].verdict == .insufficientData)
        #expect(json.contains("\"mean\" : null"))
    }
}

extension VerdictTests {
    @Test func aSeriesGrowingFromZeroIsNotARise() {
        // Weekly counts rising steadily from zero, no event: the identity-link trend model has no solution
        // with positive means, so the pre window's own trend is extrapolated, and the event is not above it.
        var points: [Period: Observation] = [:]
        let start = Day(iso: "2015-05-31")!  // a Sunday; the event week is index 13
        for i in 0..<44 { points[Period(resolution: .week, start: start.adding(days: 7 * i))] = .value(max(0, 2 * Double(i - 2))) }
        let s = AttentionSeries(key: SeriesKey(person: "p", source: "s", measure: .news), resolution: .week, points: points)
        let r = analyze(s)
        #expect((r.rateRatios.event?.quasiPoisson.ci95?[0] ?? 0) > 1)  // the windows alone would call it a rise
        #expect(r.trendAdjusted?.link == "pre-trend")
        #expect(r.verdict == .noRise, "\(r.reasons.map(\.line))")
        #expect(r.reasons.contains { $0.step == "guard.trend" && $0.status == .failed })
    }
}
