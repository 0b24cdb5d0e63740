import Foundation
import GlareCore
import Testing

/// Repeated Trends samples and overlapping exports, simulated with known truth: Google serves each
/// request from a random sample, so two downloads of the same request differ. Stitching must average
/// them without bias; taking the largest value (the rule before) inflates low values.
@Suite struct TrendsSamplingTests {
    /// A seeded generator of uniform and normal draws.
    struct Draws {
        var g: SplitMix64
        mutating func uniform() -> Double { Double(g.next() >> 11) / Double(1 << 53) }
        mutating func normal() -> Double {
            let u1 = max(uniform(), 1e-300), u2 = uniform()
            return (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
        }
    }

    /// The true interest: a low plateau with a spike and a slow decay, 120 days.
    static let truth: [Double] = (0..<120).map { t in
        let spike = t >= 40 ? 60 * exp(-Double(t - 40) / 12) : 0
        return 8 + 4 * sin(Double(t) / 9) + spike
    }

    /// One download: the truth seen through a random sample (relative noise larger where interest is
    /// low, as with a sampled count), scaled to its own peak of 100 and rounded to whole points.
    static func sample(_ d: inout Draws, days: Range<Int>) -> TrendsExport {
        let seen = days.map { t in max(0, truth[t] * (1 + d.normal() * 0.6 / truth[t].squareRoot())) }
        let peak = seen.max()!
        let start = Day(iso: "2015-09-01")!
        let rows = zip(days, seen).map { t, v in
            TrendsExport.Row(period: .day(start.adding(days: t)), values: [.value(Int((100 * v / peak).rounded()))])
        }
        return TrendsExport(format: .webCSV, resolution: .day, columns: [.init(term: "liu xia", geo: "Worldwide")], rows: rows)
    }

    /// The shape of a series: each day's share of the days' total (the common scale is arbitrary).
    static func shape(_ values: [Double]) -> [Double] {
        let total = values.reduce(0, +)
        return values.map { $0 / total }
    }

    /// Mean relative error of the stitched shape on the low days (truth below its median), per replicate.
    static func lowDayBias(_ stitched: [Double]) -> Double {
        let s = shape(stitched), t = shape(truth)
        let median = truth.sorted()[truth.count / 2]
        let low = truth.indices.filter { truth[$0] < median }
        return low.map { (s[$0] - t[$0]) / t[$0] }.reduce(0, +) / Double(low.count)
    }

    @Test func threeSamplesOfOneRequestAverageWithoutBias() throws {
        var d = Draws(g: SplitMix64(seed: 20_150_901))
        var meanRule: [Double] = [], maxRule: [Double] = []
        var seCoverage = 0, seChecked = 0
        for _ in 0..<200 {
            let samples = (0..<3).map { _ in Self.sample(&d, days: 0..<120) }
            let pieces = samples.enumerated().map { TrendsStitcher.Piece(label: "sample \($0.offset)", export: $0.element) }
            let group = try #require(try TrendsStitcher().stitch(pieces).first)
            let key = TrendsStitcher.TermKey(samples[0].columns[0])
            let points = group.series[key]!.points
            let stitched = samples[0].rows.map { points[$0.period]?.numeric() ?? .nan }
            meanRule.append(Self.lowDayBias(stitched))
            // The largest of the three on each day, the rule stitching used before.
            maxRule.append(
                Self.lowDayBias(
                    samples[0].rows.indices.map { i in
                        samples.map { s -> Double in if case .value(let v) = s.rows[i].values[0] { Double(v) } else { 0 } }.max()!
                    }))
            // The standard error is the between-sample one: compare with the three values' spread.
            let errors = group.standardErrors[key]!
            let factors = samples.indices.map { k in group.joins.first { $0.label == "sample \(k)" }!.factor }
            for (i, row) in samples[0].rows.enumerated().prefix(5) {
                let values = samples.indices.map { k -> Double in
                    if case .value(let v) = samples[k].rows[i].values[0] { Double(v) * factors[k] } else { 0 }
                }
                let m = values.reduce(0, +) / 3
                let expected = (values.map { ($0 - m) * ($0 - m) }.reduce(0, +) / 2 / 3).squareRoot()
                seChecked += 1
                if abs((errors[row.period] ?? -1) - expected) < 1e-9 * max(1, expected) { seCoverage += 1 }
            }
        }
        func summary(_ x: [Double]) -> (mean: Double, se: Double) {
            let m = x.reduce(0, +) / Double(x.count)
            let v = x.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(x.count - 1)
            return (m, (v / Double(x.count)).squareRoot())
        }
        let mean = summary(meanRule), max = summary(maxRule)
        print("TrendsSampling: low-day relative bias, weighted mean \(mean.mean) ± \(mean.se), largest value \(max.mean) ± \(max.se)")
        // Averaging: no bias beyond Monte Carlo error (and under 0.5% of a low day in any case).
        #expect(abs(mean.mean) < 3 * mean.se + 0.005, "mean rule: \(mean)")
        // The largest value inflates low days by several percent: the check can tell.
        #expect(max.mean > 0.02 && max.mean > 10 * max.se, "max rule: \(max)")
        #expect(seCoverage == seChecked, "\(seCoverage) of \(seChecked) standard errors match the samples' spread")
    }

    @Test func overlappingWindowsStitchWithoutBias() throws {
        var d = Draws(g: SplitMix64(seed: 7))
        var bias: [Double] = []
        for _ in 0..<200 {
            let windows = [Self.sample(&d, days: 0..<70), Self.sample(&d, days: 30..<100), Self.sample(&d, days: 60..<120)]
            let pieces = windows.enumerated().map { TrendsStitcher.Piece(label: "window \($0.offset)", export: $0.element) }
            let group = try #require(try TrendsStitcher().stitch(pieces).first)
            let points = group.series[TrendsStitcher.TermKey(windows[0].columns[0])]!.points
            let start = Day(iso: "2015-09-01")!
            bias.append(Self.lowDayBias((0..<120).map { points[.day(start.adding(days: $0))]?.numeric() ?? .nan }))
        }
        let m = bias.reduce(0, +) / Double(bias.count)
        let se = (bias.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(bias.count - 1) / Double(bias.count)).squareRoot()
        #expect(abs(m) < 3 * se + 0.01, "bias \(m) ± \(se)")
    }
}
