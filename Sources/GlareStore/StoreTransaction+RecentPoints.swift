import GRDB
public import GlareCore

/// The points a fetch writes into stored series day by day, kept apart from the rest until there are
/// enough to move together.
///
/// `seriesPoint` is ordered by series, then period: a series reads as one run of neighbouring rows, but a
/// fetch that brings today's point of every (person, feed) series up to date changes one page per series,
/// however long the series are and however few items the fetch brought. `seriesPointRecent` holds the same
/// rows ordered by period (with an index by series), so one run's points are a few neighbouring pages and
/// a later run on the same day rewrites those in place. A point there stands in for `seriesPoint`'s point
/// of the same series and period. Once it holds `recentPointsFoldLimit(series:)` points (ten a series, at
/// least 100,000) they are moved into `seriesPoint` together (each series' last page rewritten once for
/// many runs); deleting a series deletes its points in both.
extension StoreTransaction {
    /// The fewest recent points kept before they are moved into `seriesPoint`: ten days of hourly fetches of
    /// 200 feeds for a roster of 24 people (each person's series of documents and of stories: 9,600 points a
    /// day), about 6 MB with their index.
    public static let recentPointsFoldLimit = 100_000

    /// How many recent points, held for `series` series, are moved together: `recentPointsFoldLimit`, or ten a
    /// series if that is more, so that the move, which rewrites each such series' last page in `seriesPoint`,
    /// comes about once in ten days of fetches however many series a store has.
    public static func recentPointsFoldLimit(series: Int) -> Int { max(recentPointsFoldLimit, 10 * series) }

    /// How many series of a kind are stored (counted in the (kind, source) index).
    public func seriesCount(kind: String) throws -> Int {
        try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM series WHERE kind = ?"), arguments: [kind]) ?? 0
    }

    /// The first and last period label stored for a series, if it has points.
    public func seriesPeriodBounds(seriesId: Int64) throws -> (first: String, last: String)? {
        // Each MIN and MAX a subquery of its own: each alone is one seek in the index by series (`MIN(period),
        // MAX(period)` together read the series' every point); one statement, not four (a fetch asks this of
        // two series of each feed, and each statement costs more than its seek).
        let statement = try db.cachedStatement(
            sql: """
                SELECT (SELECT MIN(period) FROM seriesPoint WHERE seriesId = ?1), (SELECT MAX(period) FROM seriesPoint WHERE seriesId = ?1),
                    (SELECT MIN(period) FROM seriesPointRecent WHERE seriesId = ?1), (SELECT MAX(period) FROM seriesPointRecent WHERE seriesId = ?1)
                """)
        guard let row = try Row.fetchOne(statement, arguments: [seriesId]) else { return nil }
        let firsts = [row[0] as String?, row[2] as String?].compactMap { $0 }
        let lasts = [row[1] as String?, row[3] as String?].compactMap { $0 }
        guard let first = firsts.min(), let last = lasts.max() else { return nil }
        return (first, last)
    }

    /// Writes the points of `series` at `periods` into the stored series `seriesId`, in place of any stored
    /// there (as recent points); the other stored points stay.
    public func replaceSeriesPoints(seriesId: Int64, from series: AttentionSeries, at periods: Set<Period>) throws {
        try replaceSeriesPoints([(seriesId, series)], at: periods)
    }

    /// `replaceSeriesPoints(seriesId:from:at:)` for several series at once, through one statement (a fetch writes
    /// the points of every person's series of a feed: finding the cached statement by its text for each series
    /// cost as much as a tenth of the writes).
    public func replaceSeriesPoints(_ updates: [(seriesId: Int64, series: AttentionSeries)], at periods: Set<Period>) throws {
        // An update in place leaves the index by series as it was: only the first write of a period adds to it.
        let point = try BoundStatement(
            db,
            sql: """
                INSERT INTO seriesPointRecent (seriesId, period, state, value, total, covered, units, unit, se) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (period, seriesId) DO UPDATE SET state = excluded.state, value = excluded.value, total = excluded.total,
                covered = excluded.covered, units = excluded.units, unit = excluded.unit, se = excluded.se
                """)
        for (seriesId, series) in updates {
            for (i, period) in series.periods.enumerated() where periods.contains(period) {
                try Self.writePoint(point, seriesId: seriesId, series: series, at: i)
            }
        }
    }

    /// Moves every recent point into `seriesPoint` (in place of the points they stand in for) once there
    /// are at least `limit` (see `recentPointsFoldLimit(series:)`); returns how many were moved (0 when
    /// fewer were held). Asked after every batch: a count of the table's smallest index, ~0.2 ms for 100,000.
    @discardableResult
    public func foldRecentSeriesPoints(ifAtLeast limit: Int) throws -> Int {
        let held = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM seriesPointRecent") ?? 0
        guard held >= max(limit, 1) else { return 0 }
        try db.execute(
            sql: """
                INSERT OR REPLACE INTO seriesPoint (seriesId, period, state, value, total, covered, units, unit, se)
                    SELECT seriesId, period, state, value, total, covered, units, unit, se FROM seriesPointRecent ORDER BY seriesId, period;
                DELETE FROM seriesPointRecent;
                """)
        return held
    }

    /// A stored series' point rows, each period once: its recent points in place of the others of the same period.
    func pointRows(seriesId: Int64) throws -> [StoredPoint] {
        let rows = try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM seriesPoint WHERE seriesId = ?"), arguments: [seriesId]).map(StoredPoint.init)
        let recent = try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM seriesPointRecent WHERE seriesId = ?"), arguments: [seriesId])
            .map(StoredPoint.init)
        guard !recent.isEmpty else { return rows }
        let replaced = Set(recent.map(\.period))
        return rows.filter { !replaced.contains($0.period) } + recent
    }
}
