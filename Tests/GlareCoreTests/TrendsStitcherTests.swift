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
        let groups = try TrendsStitcher().stitch(pieces.shuffled())
        #expect(groups.count == 1)
        let group = groups[0]
        #expect(group.joins.count == 3)
        #expect(group.joins.filter { $0.onto == nil }.map(\.label) == ["w0.csv"])
        #expect(group.joins.allSatisfy { $0.onto == nil || $0.overlapPoints >= 7 })

        for (t, name) in names.enumerated() {
            let expected = truth.truth(term: t, from: 0, to: 600)
            let got = try #require(group.series[TrendsStitcher.TermKey(.init(term: name, geo: "Worldwide"))])
            var worst = 0.0
            for d in 0..<600 {
                guard case .value(let v)? = got.points[.day(start.adding(days: d))] else {
                    Issue.record("day \(d) of \(name) is not a value"); continue
                }
                worst = max(worst, abs(v - expected[d]))
            }
            // Rounding to whole points in each window bounds what any stitch can recover.
            #expect(worst < 1.0, "\(name): worst absolute error \(worst) index points")
        }
        // The two terms keep their shared scale: the stitched peak is 100 and belongs to the first term.
        let peak = group.series.values.flatMap { $0.points.values }.compactMap { $0.numeric() }.max()
        #expect(abs((peak ?? 0) - 100) < 1e-9)
    }

    @Test func refusesAJoinWithTooLittleOverlap() {
        let truth = SyntheticTrends(start: start, days: 400)
        let a = TrendsStitcher.Piece(label: "early.csv", export: export(truth.csv(from: 0, to: 200, names: ["Liu Xia"])))
        let b = TrendsStitcher.Piece(label: "late.csv", export: export(truth.csv(from: 196, to: 400, names: ["Liu Xia"])))
        #expect(throws: StitchError.insufficientOverlap(term: "Liu Xia", geo: "Worldwide", resolution: .day, first: "early.csv",
                                                        second: "late.csv", usablePoints: 4, required: 7)) {
            try TrendsStitcher().stitch([a, b])
        }
        let message = StitchError.insufficientOverlap(term: "Liu Xia", geo: "Worldwide", resolution: .day, first: "early.csv",
                                                      second: "late.csv", usablePoints: 4, required: 7).description
        #expect(message == "cannot put 'Liu Xia' (Worldwide) on one daily scale: 'early.csv' and 'late.csv' overlap in 4 period(s) with values of at least 1 in both, and a join needs 7; import an export that overlaps both, or exports with a longer overlap")
        // With a lower threshold the same pair joins.
        #expect(throws: Never.self) { try TrendsStitcher(configuration: .init(minimumOverlap: 4)).stitch([a, b]) }
    }

    @Test func refusesMixedResolutions() {
        let daily = TrendsExport(format: .webCSV, resolution: .day, columns: [.init(term: "Gao Yu", geo: nil)],
                                 rows: [.init(period: .day(start), values: [.value(100)])])
        let weekly = TrendsExport(format: .webCSV, resolution: .week, columns: [.init(term: "Gao Yu", geo: nil)],
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
        let first = TrendsExport(format: .webCSV, resolution: .day, columns: col, rows: days.enumerated().map { i, p in
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
