import Foundation
import GlareCore
import GlareTestSupport
import Testing

@Suite struct TrendsStitcherTests {
    let start = Day(iso: "2015-03-01")!

    /// Parses the synthetic CSV through a minimal reader (the real parser lives in GlareParsers and is tested there).
    func export(_ csv: String) -> TrendsExport {
        let lines = csv.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let header = lines[2].split(separator: ",").dropFirst().map { cell -> TrendsExport.Column in
            let parts = cell.components(separatedBy: ": (")
            return .init(term: parts[0], geo: String(parts[1].dropLast()))
        }
        let rows = lines.dropFirst(3).filter { !$0.isEmpty }.map { line -> TrendsExport.Row in
            let cells = line.split(separator: ",").map(String.init)
            let values = cells.dropFirst().map { $0 == "<1" ? TrendsExport.Value.belowOne : .value(Int($0)!) }
            return .init(period: .day(Day(iso: cells[0])!), values: values)
        }
        return TrendsExport(format: .webCSV, resolution: .day, columns: header, rows: rows)
    }

    @Test func stitchedWindowsRecoverTheKnownSeries() throws {
        // 600 days in three 270-day windows overlapping by 105 days, each scaled and rounded like Trends.
        let truth = SyntheticTrends(start: start, days: 600, terms: 2)
        let names = ["Liu Xia", "Gao Yu"]
        let windows = [(0, 270), (165, 435), (330, 600)]
        let pieces = windows.enumerated().map { i, w in
            TrendsStitcher.Piece(label: "w\(i).csv", export: export(truth.csv(from: w.0, to: w.1, names: names)))
        }
        // Every order the files may arrive in: the stitch must not depend on it.
        let orders = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]]
        var worst = 0.0
        for order in orders {
            let groups = try TrendsStitcher().stitch(order.map { pieces[$0] })
            #expect(groups.count == 1)
            let group = try #require(groups.first)
            #expect(group.joins.count == 3)
            #expect(group.joins.filter { $0.onto == nil }.map(\.label) == ["w0.csv"])
            #expect(group.joins.allSatisfy { $0.onto == nil || $0.overlapPoints >= 7 })

            for (t, name) in names.enumerated() {
                let expected = truth.truth(term: t, from: 0, to: 600)
                let got = try #require(group.series[TrendsStitcher.TermKey(.init(term: name, geo: "Worldwide"))])
                for d in 0..<600 {
                    guard case .value(let v)? = got.points[.day(start.adding(days: d))] else {
                        Issue.record("day \(d) of \(name) is not a value"); continue
                    }
                    worst = max(worst, abs(v - expected[d]))
                }
            }
            // The two terms keep their shared scale: the stitched peak is 100 and belongs to the first term.
            let peaks = names.map { name in
                group.series[TrendsStitcher.TermKey(.init(term: name, geo: "Worldwide"))]?.points.values.compactMap { $0.numeric() }.max() ?? 0
            }
            #expect(abs(peaks[0] - 100) < 1e-9 && peaks[1] < 100, "peaks \(peaks)")
        }
        // What no stitch can undo: Trends rounds each window to whole points. With the exact factors, a day
        // taken from its window's largest raw value would still be off by this much. In the window that
        // carries the stitched scale (its peak is the overall peak) that error is under 0.5 by construction.
        let peak = truth.latent.map { $0.max()! }.max()!
        var floor = 0.0
        for t in names.indices {
            let expected = truth.truth(term: t, from: 0, to: 600)
            for d in 0..<600 {
                let raw = windows.filter { $0.0 <= d && d < $0.1 }.map { w -> (value: Double, scale: Double) in
                    let windowPeak = truth.latent.map { $0[w.0..<w.1].max()! }.max()!
                    return ((truth.latent[t][d] / windowPeak * 100).rounded(), windowPeak / peak)
                }.max { $0.value < $1.value }!
                floor = max(floor, abs(raw.value * raw.scale - expected[d]))
            }
        }
        // README: "within 0.5 index points of the truth" (measured: 0.4995, equal to the rounding floor).
        #expect(worst < 0.5, "worst absolute error \(worst) index points")
        #expect(worst <= floor + 1e-9, "the joins add error: \(worst) against Trends' own rounding \(floor)")
    }

    @Test func refusesAJoinWithTooLittleOverlap() {
        let truth = SyntheticTrends(start: start, days: 400)
        let a = TrendsStitcher.Piece(label: "early.csv", export: export(truth.csv(from: 0, to: 200, names: ["Liu Xia"])))
        let b = TrendsStitcher.Piece(label: "late.csv", export: export(truth.csv(from: 196, to: 400, names: ["Liu Xia"])))
        #expect(
            throws: StitchError.insufficientOverlap(
                term: "Liu Xia", geo: "Worldwide", resolution: .day, first: "early.csv",
                second: "late.csv", usablePoints: 4, required: 7)
        ) {
            try TrendsStitcher().stitch([a, b])
        }
        let message = StitchError.insufficientOverlap(
            term: "Liu Xia", geo: "Worldwide", resolution: .day, first: "early.csv",
            second: "late.csv", usablePoints: 4, required: 7
        ).description
        #expect(
            message
                == "cannot put 'Liu Xia' (Worldwide) on one daily scale: 'early.csv' and 'late.csv' overlap in 4 period(s) with values of at least 1 in both, and a join needs 7; import an export that overlaps both, or exports with a longer overlap"
        )
        // With a lower threshold the same pair joins.
        #expect(throws: Never.self) { try TrendsStitcher(configuration: .init(minimumOverlap: 4)).stitch([a, b]) }
    }

    @Test func refusesMixedResolutions() {
        let daily = TrendsExport(
            format: .webCSV, resolution: .day, columns: [.init(term: "Gao Yu", geo: nil)],
            rows: [.init(period: .day(start), values: [.value(100)])])
        let weekly = TrendsExport(
            format: .webCSV, resolution: .week, columns: [.init(term: "Gao Yu", geo: nil)],
            rows: [.init(period: Period(resolution: .week, start: start), values: [.value(100)])])
        do {
            _ = try TrendsStitcher().stitch([.init(label: "d.csv", export: daily), .init(label: "w.csv", export: weekly)])
            Issue.record("mixed resolutions were stitched")
        } catch let e as StitchError {
            #expect(e.description == "cannot stitch daily and weekly exports together ('d.csv' is daily, 'w.csv' is weekly); stitch each resolution separately")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func unrelatedTermsStayOnTheirOwnScales() throws {
        let truth = SyntheticTrends(start: start, days: 100)
        let a = TrendsStitcher.Piece(label: "a.csv", export: export(truth.csv(from: 0, to: 100, names: ["Liu Xia"])))
        let b = TrendsStitcher.Piece(label: "b.csv", export: export(truth.csv(from: 0, to: 50, names: ["Gao Yu"])))
        let groups = try TrendsStitcher().stitch([a, b])
        #expect(groups.count == 2)
        #expect(groups.allSatisfy { $0.joins.count == 1 && $0.joins[0].onto == nil })
    }

    @Test func belowOneZeroAndPartialPeriods() throws {
        let col = [TrendsExport.Column(term: "Gao Yu", geo: "Worldwide")]
        let days = (0..<10).map { Period.day(start.adding(days: $0)) }
        let first = TrendsExport(
            format: .webCSV, resolution: .day, columns: col,
            rows: days.enumerated().map { i, p in
                .init(period: p, values: [i == 0 ? .belowOne : i == 1 ? .value(0) : .value(50 + i * 5)], isPartial: i == 9)
            })
        let groups = try TrendsStitcher().stitch([.init(label: "a", export: first)])
        let points = try #require(groups.first?.series.values.first?.points)
        // The complete peak is day 8 (90); rescaled to 100.
        #expect(points[days[8]] == .value(100))
        #expect(points[days[0]] == .belowOne(ceiling: 100.0 / 90))
        #expect(points[days[1]] == .value(0))
        #expect(points[days[9]] == nil)
        #expect(groups[0].partialPeriods.values.first == [days[9]])
    }
}
