import Foundation
import GRDB
import GRDBSQLite
public import GlareCore

/// Series kept by their source's periods, not point by point.
///
/// A feed's series (one per person, and one per person of its stories) share every period's state, total and
/// coverage: only the count differs, and for most people on most days it is 0 (a fetch of 200 feeds for 24
/// people wrote 9,600 point rows a run, 8,136 of them zeros). Such series are stored with `series.bySource` set
/// and no points of their own: each period of their source is one row of `sourcePeriod` with the shared state,
/// total and coverage and the counts that are not 0, by series id (`counts`: pairs of a little-endian 64-bit id
/// and a 64-bit float, in id order). A series' point at a period is that row with its own count, or 0 when the
/// row holds none; a missing period holds none and is missing for every series. What `StoreTransaction.series`
/// reads back is exactly what was written (`sharePeriods` admits only series that can be kept so).
///
/// A source's periods belong to the kind whose series name the source (series sources differ between kinds:
/// `feed:`, `archive:`, `gkg:`…); they go when its series are replaced.
///
/// Periods written day by day (a fetch brings today's period of each of its feeds' sources up to date) go into
/// `sourcePeriodRecent`, ordered by period: in `sourcePeriod`, ordered by source, each would change a page of its
/// own source, and a run's are there a few neighbouring pages, which a later run of the same day rewrites in place.
/// A period there stands in for the same source and period in `sourcePeriod`. Once they span
/// `recentSourcePeriodsFoldDays` they are moved into `sourcePeriod` together (each source's last page rewritten
/// once for many runs).
extension StoreTransaction {
    /// The span of periods, in days, that `sourcePeriodRecent` holds before they are moved into `sourcePeriod`: a
    /// month, so that a cron job's runs move them about once a month, however many feeds it fetches.
    public static let recentSourcePeriodsFoldDays = 31

    /// The tables that keep source periods: `sourcePeriod` (by source) and `sourcePeriodRecent` (by period).
    static let sourcePeriodTables = ["sourcePeriod", "sourcePeriodRecent"]

    /// Whether one source's series can be kept by their source's periods: each over the same periods with the same
    /// totals and coverage, each period a finite value (partial or not) in all of them or missing in all, none with
    /// a standard error. (One series alone can, though `insertSeries` keeps it point by point: nothing to share.)
    public static func sharePeriods(_ series: [AttentionSeries]) -> Bool {
        guard let first = series.first else { return false }
        for s in series {
            guard s.resolution == first.resolution, s.periods == first.periods, s.totals == first.totals, s.coverage == first.coverage,
                s.standardErrors.allSatisfy({ $0 == nil })
            else { return false }
            for (a, b) in zip(s.observations, first.observations) {
                switch (a, b) {
                case (.value(let v), .value): if !v.isFinite { return false }  // a point row keeps no NaN (SQLite stores NULL)
                case (.missing, .missing): continue
                default: return false
                }
            }
        }
        return true
    }

    /// Writes the periods of one source's series kept by its periods, `series` being every such series of the
    /// source, each with its stored id (one left out reads as 0 on the periods written): all its periods, in place
    /// of every one stored, or only those in `periods`, in place of the same ones (the other stored periods stay).
    /// Throws, having written nothing, when the series do not share their periods (`sharePeriods`).
    public func replaceSourcePeriods(source: String, series: [(seriesId: Int64, series: AttentionSeries)], at periods: Set<Period>? = nil) throws {
        guard series.isEmpty || Self.sharePeriods(series.map(\.series)) else {
            let path = db.sqliteConnection.map { String(cString: sqlite3_db_filename($0, "main")) } ?? ""
            throw StoreError.database(path: path, reason: "the series of \(source) do not share their periods: they cannot be kept by them")
        }
        try writeSourcePeriods(source: source, series: series, at: periods)
    }

    /// `replaceSourcePeriods` of series known to share their periods: all periods into `sourcePeriod`, some
    /// into `sourcePeriodRecent`.
    func writeSourcePeriods(source: String, series: [(seriesId: Int64, series: AttentionSeries)], at periods: Set<Period>?) throws {
        guard let first = series.first?.series else { return }
        if periods == nil {
            for table in Self.sourcePeriodTables { try db.cachedStatement(sql: "DELETE FROM \(table) WHERE source = ?").execute(arguments: [source]) }
        }
        let bySeries = series.sorted { $0.seriesId < $1.seriesId }
        // An update in place leaves the recent periods' index by source as it was: only a period's first write adds to it.
        let (table, key) = periods == nil ? ("sourcePeriod", "source, period") : ("sourcePeriodRecent", "period, source")
        let row = try BoundStatement(
            db,
            sql: """
                INSERT INTO \(table) (source, period, state, total, covered, units, unit, counts) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (\(key)) DO UPDATE SET state = excluded.state, total = excluded.total, covered = excluded.covered,
                units = excluded.units, unit = excluded.unit, counts = excluded.counts
                """)
        var counts: [UInt8] = []
        for (i, period) in first.periods.enumerated() where periods?.contains(period) ?? true {
            let coverage = first.coverage[i]
            counts.removeAll(keepingCapacity: true)
            for (id, s) in bySeries {
                guard case .value(let v) = s.observations[i], v != 0 else { continue }  // none in a missing period
                withUnsafeBytes(of: id.littleEndian) { counts.append(contentsOf: $0) }
                withUnsafeBytes(of: v.bitPattern.littleEndian) { counts.append(contentsOf: $0) }
            }
            row.reset()
            row.bind(1, source)
            row.bind(2, period.label)
            row.bind(3, Self.storedState(first.observations[i], coverage: coverage).state)
            row.bind(4, first.totals[i])
            row.bind(5, coverage?.covered)
            row.bind(6, coverage?.units)
            row.bind(7, coverage?.unit)
            counts.withUnsafeBytes { row.bind(blob: 8, $0) }
            try row.step()
        }
    }

    /// One stored period of a source: the point of every series of the source that the period's `counts` leave
    /// out (0, or nil when missing), and those counts.
    typealias SourcePeriodRow = (point: StoredPoint, counts: Data)

    /// A source's stored periods, each once: its recent periods in place of the others of the same period.
    func sourcePeriodRows(source: String) throws -> [SourcePeriodRow] {
        func rows(_ table: String) throws -> [SourcePeriodRow] {
            try Row.fetchAll(
                db.cachedStatement(sql: "SELECT period, state, total, covered, units, unit, counts FROM \(table) WHERE source = ?"), arguments: [source]
            ).map { r in
                let state: String = r[1]
                return (
                    StoredPoint(period: r[0], state: state, value: state == "missing" ? nil : 0, total: r[2], covered: r[3], units: r[4], unit: r[5], se: nil),
                    r[6]
                )
            }
        }
        let (stored, recent) = (try rows(Self.sourcePeriodTables[0]), try rows(Self.sourcePeriodTables[1]))
        guard !recent.isEmpty else { return stored }
        let replaced = Set(recent.map(\.point.period))
        return stored.filter { !replaced.contains($0.point.period) } + recent
    }

    /// Moves every recent source period into `sourcePeriod` (in place of the periods they stand in for) once they
    /// span at least `days` days, first to last (or when the first or last is not a day's label); returns how many
    /// were moved (0 when they span fewer). Asked after every batch that wrote some: two seeks.
    @discardableResult
    public func foldRecentSourcePeriods(ifSpanningAtLeast days: Int) throws -> Int {
        let ends = try db.cachedStatement(sql: "SELECT (SELECT MIN(period) FROM sourcePeriodRecent), (SELECT MAX(period) FROM sourcePeriodRecent)")
        guard let row = try Row.fetchOne(ends), let first = row[0] as String?, let last = row[1] as String? else { return 0 }
        if let a = Day(iso: first), let b = Day(iso: last), a.distance(to: b) + 1 < max(days, 1) { return 0 }
        let held = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sourcePeriodRecent") ?? 0
        try db.execute(
            sql: """
                INSERT OR REPLACE INTO sourcePeriod (source, period, state, total, covered, units, unit, counts)
                    SELECT source, period, state, total, covered, units, unit, counts FROM sourcePeriodRecent ORDER BY source, period;
                DELETE FROM sourcePeriodRecent;
                """)
        return held
    }

    /// The points of a series kept by its source's periods, from the source's stored periods.
    static func points(of seriesId: Int64, in rows: [SourcePeriodRow]) -> [StoredPoint] {
        rows.map { row in
            guard row.point.value != nil, let count = count(of: seriesId, in: row.counts) else { return row.point }
            var point = row.point
            point.value = count
            return point
        }
    }

    /// A series' count in a period's `counts` (nil when it holds none).
    static func count(of seriesId: Int64, in counts: Data) -> Double? {
        guard counts.count % 16 == 0 else { return nil }
        return counts.withUnsafeBytes { raw -> Double? in
            for offset in stride(from: 0, to: raw.count, by: 16)
            where Int64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: Int64.self)) == seriesId {
                return Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self)))
            }
            return nil
        }
    }

    /// The first and last period label stored for a source kept by its periods, recent or not, if it has any (each
    /// end one seek in each table).
    public func sourcePeriodBounds(source: String) throws -> (first: String, last: String)? {
        let row = try BoundStatement(
            db,
            sql: """
                SELECT (SELECT MIN(period) FROM sourcePeriod WHERE source = ?1), (SELECT MAX(period) FROM sourcePeriod WHERE source = ?1),
                    (SELECT MIN(period) FROM sourcePeriodRecent WHERE source = ?1), (SELECT MAX(period) FROM sourcePeriodRecent WHERE source = ?1)
                """)
        row.reset()
        defer { row.reset() }  // the statement ends here, not with a step past its one row
        row.bind(1, source)
        guard try row.nextRow(), let first = [row.text(0), row.text(2)].compactMap({ $0 }).min(),
            let last = [row.text(1), row.text(3)].compactMap({ $0 }).max()
        else { return nil }
        return (first, last)
    }
}
