import EventWindow
import GlareCore
import Testing

@Suite struct BatteryTests {
    let e = Day(iso: "2015-09-01")!

    // Reference values from scipy.stats (norm.cdf, norm.ppf, t.sf).
    @Test func distributionFunctions() {
        #expect(abs(Distributions.normalCDF(1.96) - 0.9750021048517795) < 1e-15)
        #expect(abs(Distributions.normalQuantile(0.975) - 1.959963984540054) < 1e-13)
        #expect(abs(Distributions.normalQuantile(1e-10) - -6.361340902404056) < 1e-11)
        #expect(abs(Distributions.studentSF(2.0, df: 10) - 0.03669401738537018) < 1e-14)
        #expect(abs(Distributions.studentSF(2.5, df: 7.3) - 0.019825117332800214) < 1e-13)
        #expect(abs(Distributions.studentSF(-1.0, df: 3) - 0.8044988905221148) < 1e-13)
    }

    func series(_ values: [Double?], start: Int = -92) -> AttentionSeries {
        var points: [Period: Observation] = [:]
        for (i, v) in values.enumerated() { points[.day(e.adding(days: start + i))] = v.map(Observation.value) ?? .missing }
        return AttentionSeries(key: SeriesKey(person: "p", source: "s", measure: .news), resolution: .day, points: points)
    }

    func analyze(_ s: AttentionSeries, draws: Int = 99) -> SeriesResult {
        EventWindowAnalysis(configuration: .init(design: EventDesign(eventDate: e, gap: 0), permutationDraws: draws)).analyze(.init(series: s))
    }

    @Test func negativeBinomialAlphaIsExactlyZeroAtThePoissonBoundary() {
        // Constant counts: no overdispersion at all.
        let r = analyze(series(Array(repeating: 4, count: 92) + Array(repeating: 6, count: 213)))
        #expect(r.rateRatios.event?.negbin.alpha == 0)
        #expect(r.rateRatios.event?.negbin.standardError == r.rateRatios.event?.poisson.standardError)
        #expect(r.rateRatios.event?.negbin.ci95 != nil)
    }

    @Test func missingIsNotZero() {
        // The same counts, with the pre window's zero days either observed as 0 or not covered.
        let base: [Double?] = (0..<305).map { i in i < 92 ? (i % 2 == 0 ? 0 : 4) : 6 }
        let gappy: [Double?] = (0..<305).map { i in i < 92 ? (i % 2 == 0 ? nil : 4) : 6 }
        let zeros = analyze(series(base)), missing = analyze(series(gappy))
        #expect(zeros.windows.pre.nPeriods == 92 && zeros.windows.pre.nZero == 46 && zeros.windows.pre.mean == 2)
        #expect(missing.windows.pre.nPeriods == 46 && missing.windows.pre.nZero == 0 && missing.windows.pre.mean == 4)
        #expect(abs(zeros.rateRatios.event!.poisson.estimate - 3) < 1e-12)
        #expect(abs(missing.rateRatios.event!.poisson.estimate - 1.5) < 1e-12)
    }

    @Test func tooLittleDataIsSaidSo() {
        let r = analyze(series([1, 2, 3, nil, nil, 5, 6, 7, 8, 9, 10], start: -3))
        #expect(r.verdict == .insufficientData)
        #expect(r.windows.pre.nPeriods == 3)
    }

    @Test func weeklySeriesStayWeekly() {
        var points: [Period: Observation] = [:]
        var d = Day(iso: "2015-05-31")!  // a Sunday
        var i = 0
        while d < Day(iso: "2016-04-03")! {
            points[Period(resolution: .week, start: d)] = .value(d < e ? 10 : (d < e.adding(days: 30) ? 40 : 11))
            d = d.adding(days: 7)
            i += 1
        }
        let s = AttentionSeries(key: SeriesKey(person: "p", source: "s", measure: .search), resolution: .week, points: points)
        let r = analyze(s)
        #expect(r.resolution == "week")
        #expect(r.windows.pre.nPeriods == 13)
        // The week holding the event (Sunday 2015-08-30) through the one holding E+29 (2015-09-27).
        #expect(r.windows.event.nPeriods == 5)
        #expect(r.periods.event?.first == "2015-08-30" && r.periods.event?.last == "2015-10-03")
        #expect(r.periods.pre?.first == "2015-05-31" && r.periods.pre?.last == "2015-08-29")
        #expect(r.rateRatios.event?.poissonDOW == nil)
    }

    @Test func permutationIsReproducibleFromItsSeed() {
        let s = series((0..<305).map { Double(($0 * 7919) % 13) })
        let a = analyze(s, draws: 999), b = analyze(s, draws: 999)
        #expect(a.permutation.eventVsPre != nil)
        #expect(a.permutation.eventVsPre == b.permutation.eventVsPre)
        let other = EventWindowAnalysis(configuration: .init(design: EventDesign(eventDate: e, gap: 0), permutationDraws: 999, seed: 1)).analyze(
            .init(series: s))
        #expect(other.permutation.eventVsPre?.statistic == a.permutation.eventVsPre?.statistic)
    }

    @Test func changepointsOnAStep() {
        let values = Array(repeating: 2.0, count: 40) + Array(repeating: 30.0, count: 40)
        #expect(Changepoints.locate(values) == [40])
        #expect(Changepoints.locate(Array(repeating: 5.0, count: 80)).isEmpty)
        #expect(Changepoints.locate([1, 2, 3]).isEmpty)
    }
}
