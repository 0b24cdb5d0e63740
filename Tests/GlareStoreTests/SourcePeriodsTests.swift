import Foundation
import GRDB
import GlareCore
import GlareTestSupport
import Testing

@testable import GlareStore

/// Series kept by their source's periods (`StoreTransaction+SourcePeriods`) read back exactly as written, and
/// only series that can be kept so are.
@Suite struct SourcePeriodsTests {
    let d = Day(iso: "2015-09-01")!
    let hours = { (n: Int) in Coverage(covered: n, units: 24, unit: "hours") }

    /// A person's series of `source` over five days: day 2 missing (uncovered), day 4 partly covered.
    func series(_ person: String, _ source: String, _ counts: [Double], totals: [Double] = [5, 7, 0, 3, 2]) -> AttentionSeries {
        let periods = (0..<5).map { Period.day(d.adding(days: $0)) }
        return AttentionSeries(
            key: SeriesKey(person: person, source: source, measure: .news), resolution: .day, periods: periods,
            observations: (0..<5).map { $0 == 2 ? .missing : .value(counts[$0]) },
            totals: (0..<5).map { $0 == 2 ? nil : totals[$0] },
            coverage: [hours(24), hours(24), hours(0), hours(24), hours(9)], standardErrors: Array(repeating: nil, count: 5))
    }

    func stored(_ s: AttentionSeries) -> StoredSeries { StoredSeries(series: s, term: nil, geo: nil, inputs: []) }

    @Test func readBackAsWrittenWithOrWithoutPartialPeriods() throws {
        let db = try GlareDatabase(path: ":memory:")
        let wire = [
            series("gao-yu", "feed:wire", [1, 0, 0, 2, 1]), series("ni-yulan", "feed:wire", [0, 0, 0, 0, 0]),
            series("khadija-ismayilova", "feed:wire", [0, 3, 0, 0.5, 0]), series("nadiya-savchenko", "feed:wire", [-0.0, 1e300, 0, 0, 7]),
        ]
        // A source with one series is kept point by point (nothing to share), as are series that differ in a day's total.
        let alone = series("gao-yu", "feed:alone", [1, 1, 0, 1, 1])
        let differ = [series("gao-yu", "feed:differ", [1, 0, 0, 0, 0]), series("ni-yulan", "feed:differ", [0, 0, 0, 0, 0], totals: [5, 7, 0, 3, 9])]
        try db.write { try $0.replaceSeries(kind: "feed", with: (wire + [alone] + differ).map(stored), rosterHash: "r", bySource: true) }
        for partial in [true, false] {
            let read = try db.read { try $0.series(kind: "feed", partialPeriods: partial) }
            let expected = (wire + [alone] + differ).map { s in
                partial
                    ? s
                    : AttentionSeries(
                        key: s.key, resolution: .day, periods: s.periods, observations: s.observations.enumerated().map { $0 == 4 ? .missing : $1 },
                        totals: s.totals.enumerated().map { $0 == 4 ? nil : $1 }, coverage: s.coverage, standardErrors: s.standardErrors)
            }
            #expect(
                Dictionary(uniqueKeysWithValues: read.map { ($0.series.key, $0.series) }) == Dictionary(uniqueKeysWithValues: expected.map { ($0.key, $0) }))
        }
        let kept = try db.read { tx in
            try ["feed:wire", "feed:alone", "feed:differ"].map { try tx.seriesRows(kind: "feed", source: $0).map(\.bySource) }
        }
        #expect(kept == [[true, true, true, true], [false], [false, false]])
        #expect(try db.read { try $0.sourcePeriodBounds(source: "feed:wire") }! == ("2015-09-01", "2015-09-05"))
        #expect(try db.read { try $0.sourcePeriodBounds(source: "feed:alone") } == nil)

        // Days written again in place (a count back to 0, a day added); the others stay.
        let ids = Dictionary(uniqueKeysWithValues: try db.read { try $0.seriesRows(kind: "feed", source: "feed:wire") }.map { ($0.person, $0.id) })
        let later = wire.map { s -> AttentionSeries in
            let counts: [Double] = s.key.person == "gao-yu" ? [1, 0, 0, 0, 4, 1] : [0, 0, 0, 0, 0, 0]
            let periods = (0..<6).map { Period.day(d.adding(days: $0)) }
            return AttentionSeries(
                key: s.key, resolution: .day, periods: periods, observations: (0..<6).map { $0 == 2 ? .missing : .value(counts[$0]) },
                totals: [5, 7, nil, 4, 6, 1], coverage: [hours(24), hours(24), hours(0), hours(24), hours(24), hours(3)],
                standardErrors: Array(repeating: nil, count: 6))
        }
        let days: Set<Period> = [.day(d.adding(days: 3)), .day(d.adding(days: 4)), .day(d.adding(days: 5))]
        try db.write { try $0.replaceSourcePeriods(source: "feed:wire", series: later.map { (ids[$0.key.person]!, $0) }, at: days) }
        let read = Dictionary(uniqueKeysWithValues: try db.read { try $0.series(kind: "feed", partialPeriods: true) }.map { ($0.series.key, $0.series) })
        for (before, after) in zip(wire, later) {
            let s = try #require(read[before.key])
            #expect(s.periods == after.periods)
            for (i, p) in s.periods.enumerated() {
                let source = days.contains(p) ? after : before
                #expect(s[p] == source[p] && s.totals[i] == source.totals[i] && s.coverage[i] == source.coverage[i], "\(before.key) \(p)")
            }
        }
        // Series that do not share their days are refused by name, nothing written.
        #expect(throws: StoreError.self) {
            try db.write { try $0.replaceSourcePeriods(source: "feed:differ", series: differ.enumerated().map { (Int64($0.offset + 100), $0.element) }) }
        }
        #expect(try db.read { try $0.sourcePeriodBounds(source: "feed:differ") } == nil)

        // All of a source's days written again: none of the days stored before is left (the new ones begin later).
        let shorter = later.map { s in
            AttentionSeries(
                key: s.key, resolution: .day, periods: Array(s.periods.suffix(2)), observations: Array(s.observations.suffix(2)),
                totals: Array(s.totals.suffix(2)), coverage: Array(s.coverage.suffix(2)), standardErrors: [nil, nil])
        }
        try db.write { try $0.replaceSourcePeriods(source: "feed:wire", series: shorter.map { (ids[$0.key.person]!, $0) }) }
        #expect(try db.read { try $0.sourcePeriodBounds(source: "feed:wire") }! == ("2015-09-05", "2015-09-06"))
        let again = Dictionary(uniqueKeysWithValues: try db.read { try $0.series(kind: "feed", partialPeriods: true) }.map { ($0.series.key, $0.series) })
        for s in shorter { #expect(again[s.key] == s) }
    }

    @Test func replacedSeriesTakeTheirSourcesPeriodsWithThem() throws {
        let db = try GlareDatabase(path: ":memory:")
        let a = [series("gao-yu", "feed:a", [1, 0, 0, 0, 0]), series("ni-yulan", "feed:a", [0, 0, 0, 2, 0])]
        let b = [series("gao-yu", "feed:b", [0, 0, 0, 0, 1]), series("ni-yulan", "feed:b", [0, 1, 0, 0, 0])]
        try db.write { try $0.replaceSeries(kind: "feed", with: (a + b).map(stored), rosterHash: nil, bySource: true) }
        // Replaced by source: a's days go with its series, b's stay.
        try db.write { try $0.replaceSeries(kind: "feed", sources: ["feed:a"], with: [], rosterHash: nil, bySource: true) }
        #expect(try db.read { try $0.sourcePeriodBounds(source: "feed:a") } == nil)
        #expect(try db.read { try $0.sourcePeriodBounds(source: "feed:b") } != nil)
        // Another kind's replacing leaves them; the kind's own takes them all.
        try db.write { try $0.replaceSeries(kind: "archive", with: [], rosterHash: nil) }
        #expect(try db.read { try $0.sourcePeriodBounds(source: "feed:b") } != nil)
        try db.write { try $0.replaceSeries(kind: "feed", with: [], rosterHash: nil) }
        #expect(try db.read { try $0.sourcePeriodBounds(source: "feed:b") } == nil)
    }

    /// Periods written day by day are kept apart, ordered by period (`sourcePeriodRecent`), read in place of the
    /// stored ones, and moved into `sourcePeriod` once they span enough days; replacing the series takes both.
    @Test func periodsWrittenDayByDayAreKeptApartUntilMoved() throws {
        let db = try GlareDatabase(path: ":memory:")
        let wire = [series("gao-yu", "feed:wire", [1, 0, 0, 2, 1]), series("ni-yulan", "feed:wire", [0, 0, 0, 0, 3])]
        let other = [series("gao-yu", "feed:other", [0, 1, 0, 0, 0]), series("ni-yulan", "feed:other", [0, 0, 0, 1, 0])]
        try db.write { try $0.replaceSeries(kind: "feed", with: (wire + other).map(stored), rosterHash: "r", bySource: true) }
        let ids = Dictionary(uniqueKeysWithValues: try db.read { try $0.seriesRows(kind: "feed", source: "feed:wire") }.map { ($0.person, $0.id) })
        func rows(_ table: String) throws -> Int { try db.read { try Int.fetchOne($0.db, sql: "SELECT COUNT(*) FROM \(table)")! } }
        #expect(try rows("sourcePeriod") == 10 && rows("sourcePeriodRecent") == 0)

        // The fifth day written again and a sixth added: two recent periods, read in place of (and after) the stored ones.
        let later = wire.map { s -> AttentionSeries in
            let counts: [Double] = s.key.person == "gao-yu" ? [1, 0, 0, 2, 5, 2] : [0, 0, 0, 0, 0, 1]
            return AttentionSeries(
                key: s.key, resolution: .day, periods: (0..<6).map { Period.day(d.adding(days: $0)) },
                observations: (0..<6).map { $0 == 2 ? .missing : .value(counts[$0]) }, totals: [5, 7, nil, 3, 8, 4],
                coverage: [hours(24), hours(24), hours(0), hours(24), hours(24), hours(12)], standardErrors: Array(repeating: nil, count: 6))
        }
        let days: Set<Period> = [.day(d.adding(days: 4)), .day(d.adding(days: 5))]
        try db.write { try $0.replaceSourcePeriods(source: "feed:wire", series: later.map { (ids[$0.key.person]!, $0) }, at: days) }
        #expect(try rows("sourcePeriod") == 10 && rows("sourcePeriodRecent") == 2)
        #expect(try db.read { try $0.sourcePeriodBounds(source: "feed:wire") }! == ("2015-09-01", "2015-09-06"))
        func read() throws -> [SeriesKey: AttentionSeries] {
            Dictionary(uniqueKeysWithValues: try db.read { try $0.series(kind: "feed", partialPeriods: true) }.map { ($0.series.key, $0.series) })
        }
        let expected = Dictionary(uniqueKeysWithValues: (later + other).map { ($0.key, $0) })
        #expect(try read() == expected)
        // Written again the same day: in place.
        try db.write { try $0.replaceSourcePeriods(source: "feed:wire", series: later.map { (ids[$0.key.person]!, $0) }, at: days) }
        #expect(try rows("sourcePeriodRecent") == 2)

        // Spanning two days, they stay apart while three are asked for; two moves them, as they read.
        #expect(try db.write { try $0.foldRecentSourcePeriods(ifSpanningAtLeast: 3) } == 0)
        #expect(try rows("sourcePeriodRecent") == 2)
        #expect(try db.write { try $0.foldRecentSourcePeriods(ifSpanningAtLeast: 2) } == 2)
        #expect(try rows("sourcePeriod") == 11 && rows("sourcePeriodRecent") == 0)
        #expect(try read() == expected)
        #expect(try db.write { try $0.foldRecentSourcePeriods(ifSpanningAtLeast: 1) } == 0)

        // A recent period before the first stored one moves the bounds' start (day 0 written again, alone, a day earlier).
        let earlier = Period.day(d.adding(days: -1))
        let before = later.map { s in
            AttentionSeries(
                key: s.key, resolution: .day, periods: [earlier] + s.periods, observations: [.value(0)] + s.observations,
                totals: [2] + s.totals, coverage: [hours(24)] + s.coverage, standardErrors: [nil] + s.standardErrors)
        }
        try db.write { try $0.replaceSourcePeriods(source: "feed:wire", series: before.map { (ids[$0.key.person]!, $0) }, at: [earlier]) }
        #expect(try db.read { try $0.sourcePeriodBounds(source: "feed:wire") }! == ("2015-08-31", "2015-09-06"))
        #expect(try read()[wire[0].key] == before[0])
        #expect(try db.write { try $0.foldRecentSourcePeriods(ifSpanningAtLeast: 2) } == 0)  // one day held

        // Written day by day again, then the source's series replaced: its periods go from both tables, the other source's stay.
        try db.write { try $0.replaceSourcePeriods(source: "feed:wire", series: later.map { (ids[$0.key.person]!, $0) }, at: days) }
        try db.write { try $0.replaceSeries(kind: "feed", sources: ["feed:wire"], with: [], rosterHash: "r", bySource: true) }
        #expect(try rows("sourcePeriodRecent") == 0 && rows("sourcePeriod") == 5)
        #expect(try db.read { try $0.sourcePeriodBounds(source: "feed:wire") } == nil)
        // And written in full, a source's recent periods are replaced with the rest.
        let otherIds = Dictionary(uniqueKeysWithValues: try db.read { try $0.seriesRows(kind: "feed", source: "feed:other") }.map { ($0.person, $0.id) })
        try db.write { try $0.replaceSourcePeriods(source: "feed:other", series: other.map { (otherIds[$0.key.person]!, $0) }, at: [.day(d)]) }
        #expect(try rows("sourcePeriodRecent") == 1)
        try db.write { try $0.replaceSourcePeriods(source: "feed:other", series: other.map { (otherIds[$0.key.person]!, $0) }) }
        #expect(try rows("sourcePeriodRecent") == 0 && rows("sourcePeriod") == 5)
        #expect(try read() == Dictionary(uniqueKeysWithValues: other.map { ($0.key, $0) }))
    }

    @Test func onlySeriesThatShareTheirDaysCanBeKeptByThem() {
        let base = series("gao-yu", "feed:w", [1, 0, 0, 0, 0])
        #expect(StoreTransaction.sharePeriods([base, series("ni-yulan", "feed:w", [0, 0, 0, 5, 0])]))
        #expect(!StoreTransaction.sharePeriods([]))
        // Another day's total, another coverage, a standard error, a value below one, a value where the other is missing, other days.
        #expect(!StoreTransaction.sharePeriods([base, series("ni-yulan", "feed:w", [0, 0, 0, 0, 0], totals: [5, 7, 0, 3, 3])]))
        let p = base.periods
        func with(observations: [Observation]? = nil, coverage: [Coverage?]? = nil, errors: [Double?]? = nil, periods: [Period]? = nil) -> AttentionSeries {
            AttentionSeries(
                key: SeriesKey(person: "ni-yulan", source: "feed:w", measure: .news), resolution: .day, periods: periods ?? p,
                observations: observations ?? base.observations, totals: base.totals, coverage: coverage ?? base.coverage,
                standardErrors: errors ?? base.standardErrors)
        }
        #expect(StoreTransaction.sharePeriods([base, with()]))
        #expect(!StoreTransaction.sharePeriods([base, with(coverage: [hours(24), hours(24), hours(0), hours(24), hours(10)])]))
        #expect(!StoreTransaction.sharePeriods([base, with(errors: [nil, 0.1, nil, nil, nil])]))
        #expect(!StoreTransaction.sharePeriods([base, with(observations: [.belowOne(ceiling: 1), .value(0), .missing, .value(0), .value(0)])]))
        #expect(!StoreTransaction.sharePeriods([base, with(observations: [.value(1), .value(0), .value(0), .value(0), .value(0)])]))
        // A count that is no number (a point row would keep NULL for it).
        #expect(!StoreTransaction.sharePeriods([base, with(observations: [.value(.nan), .value(0), .missing, .value(0), .value(0)])]))
        #expect(!StoreTransaction.sharePeriods([base, with(periods: p.map { Period.day(($0.start).adding(days: 1)) })]))
    }
}
