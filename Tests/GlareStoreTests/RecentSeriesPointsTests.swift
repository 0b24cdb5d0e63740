import Foundation
import GRDB
import GlareCore
import GlareStore
import GlareTestSupport
import Testing

/// Points written day by day (`replaceSeriesPoints`) are kept apart, by period, and stand in for the stored
/// points of the same series and period until they are moved into them (`foldRecentSeriesPoints`).
@Suite struct RecentSeriesPointsTests {
    let d = Day(iso: "2015-09-01")!
    let hours = { (n: Int) in Coverage(covered: n, units: 24, unit: "hours") }

    func series(_ person: String, _ points: [Int: Observation], totals: [Int: Double] = [:], coverage: [Int: Coverage] = [:]) -> AttentionSeries {
        AttentionSeries(
            key: SeriesKey(person: person, source: "feed:wire", measure: .news), resolution: .day,
            points: Dictionary(uniqueKeysWithValues: points.map { (Period.day(d.adding(days: $0.key)), $0.value) }),
            totals: Dictionary(uniqueKeysWithValues: totals.map { (Period.day(d.adding(days: $0.key)), $0.value) }),
            coverage: Dictionary(uniqueKeysWithValues: coverage.map { (Period.day(d.adding(days: $0.key)), $0.value) }))
    }

    func counts(_ path: String) throws -> (stored: Int, recent: Int) {
        try DatabaseQueue(path: path).read {
            (try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM seriesPoint")!, try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM seriesPointRecent")!)
        }
    }

    @Test func recentPointsStandInForStoredOnesUntilFoldedAndGoWithTheirSeries() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path("g.sqlite")
        let db = try GlareDatabase(path: path)
        let gao = series(
            "gao-yu", [0: .value(1), 1: .value(2), 2: .value(3)], totals: [0: 10, 1: 20, 2: 30], coverage: [0: hours(24), 1: hours(24), 2: hours(24)])
        let other = series("khadija-ismayilova", [0: .value(0), 1: .value(5)], totals: [0: 10, 1: 20])
        try db.write {
            try $0.replaceSeries(
                kind: "feed", with: [gao, other].map { StoredSeries(series: $0, term: nil, geo: nil, inputs: []) }, rosterHash: nil)
        }
        let id = try db.read { try $0.seriesRows(kind: "feed", source: "feed:wire") }.first { $0.person == "gao-yu" }!.id

        // Day 2 becomes missing (its total goes with it), day 3 is new; day 0 and 1 stay as stored.
        let update = series("gao-yu", [2: .missing, 3: .value(4)], totals: [3: 40], coverage: [2: hours(0), 3: hours(9)])
        try db.write { try $0.replaceSeriesPoints(seriesId: id, from: update, at: [.day(d.adding(days: 2)), .day(d.adding(days: 3))]) }
        let expected = series(
            "gao-yu", [0: .value(1), 1: .value(2), 2: .missing, 3: .value(4)], totals: [0: 10, 1: 20, 3: 40],
            coverage: [0: hours(24), 1: hours(24), 2: hours(0), 3: hours(9)])
        func read() throws -> [SeriesKey: AttentionSeries] {
            Dictionary(uniqueKeysWithValues: try db.read { try $0.series(partialPeriods: true) }.map { ($0.series.key, $0.series) })
        }
        #expect(try read()[gao.key] == expected)
        #expect(try read()[other.key] == other)
        #expect(try db.read { try $0.seriesPeriodBounds(seriesId: id) }! == ("2015-09-01", "2015-09-04"))
        #expect(try counts(path) == (5, 2))

        // Written again on the same day: in place.
        let again = series("gao-yu", [3: .value(6)], totals: [3: 60], coverage: [3: hours(15)])
        try db.write { try $0.replaceSeriesPoints(seriesId: id, from: again, at: [.day(d.adding(days: 3))]) }
        let expectedAgain = series(
            "gao-yu", [0: .value(1), 1: .value(2), 2: .missing, 3: .value(6)], totals: [0: 10, 1: 20, 3: 60],
            coverage: [0: hours(24), 1: hours(24), 2: hours(0), 3: hours(15)])
        #expect(try read()[gao.key] == expectedAgain)
        #expect(try counts(path) == (5, 2))

        // Fewer than the limit: nothing moves. At the limit: all move, and the series read the same.
        #expect(try db.write { try $0.foldRecentSeriesPoints(ifAtLeast: 3) } == 0)
        #expect(try db.read { try $0.seriesCount(kind: "feed") } == 2 && db.read { try $0.seriesCount(kind: "gkg") } == 0)
        #expect(try counts(path) == (5, 2))
        #expect(try db.write { try $0.foldRecentSeriesPoints(ifAtLeast: 2) } == 2)
        #expect(try counts(path) == (6, 0))
        #expect(try read()[gao.key] == expectedAgain)
        #expect(try read()[other.key] == other)
        #expect(try db.read { try $0.seriesPeriodBounds(seriesId: id) }! == ("2015-09-01", "2015-09-04"))

        // A series replaced or removed takes its recent points with it.
        try db.write { try $0.replaceSeriesPoints(seriesId: id, from: update, at: [.day(d.adding(days: 3))]) }
        #expect(try counts(path) == (6, 1))
        try db.write { try $0.replaceSeries(kind: "feed", with: [], rosterHash: nil) }
        #expect(try counts(path) == (0, 0))
        #expect(try db.read { try $0.seriesPeriodBounds(seriesId: id) } == nil)
    }

    /// Ten recent points a series, at least 100,000: a store of many series moves them about as often as a small one.
    @Test func theFoldLimitIsTenPointsASeriesAndAtLeastTheFloor() {
        #expect(StoreTransaction.recentPointsFoldLimit(series: 0) == 100_000)
        #expect(StoreTransaction.recentPointsFoldLimit(series: 9_600) == 100_000)
        #expect(StoreTransaction.recentPointsFoldLimit(series: 10_001) == 100_010)
        #expect(StoreTransaction.recentPointsFoldLimit(series: 200_000) == 2_000_000)
    }
}
