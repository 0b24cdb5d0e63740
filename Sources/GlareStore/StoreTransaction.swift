import Foundation
import GRDB
import GlareCore

/// The store's operations inside one transaction (see `GlareDatabase.write` and `read`).
public struct StoreTransaction {
    let db: Database

    // MARK: Snapshots

    /// The recorded snapshot with this hash, if any.
    public func snapshot(sha256: String) throws -> SnapshotRecord? {
        try Row.fetchOne(db, sql: "SELECT * FROM snapshot WHERE sha256 = ?", arguments: [sha256]).map(Self.snapshotRecord)
    }

    /// Records a snapshot already written to the archive.
    public func insertSnapshot(_ snapshot: Snapshot, kind: String, originalName: String, at date: Date = Date()) throws -> SnapshotRecord {
        let stamp = Self.timestamp(date)
        try db.execute(sql: "INSERT INTO snapshot (sha256, byteCount, kind, originalName, importedAt) VALUES (?, ?, ?, ?, ?)",
                       arguments: [snapshot.sha256, snapshot.byteCount, kind, originalName, stamp])
        return SnapshotRecord(id: db.lastInsertedRowID, snapshot: snapshot, kind: kind, originalName: originalName, importedAt: stamp)
    }

    /// All recorded snapshots, oldest first.
    public func snapshots() throws -> [SnapshotRecord] {
        try Row.fetchAll(db, sql: "SELECT * FROM snapshot ORDER BY id").map(Self.snapshotRecord)
    }

    static func snapshotRecord(_ row: Row) -> SnapshotRecord {
        SnapshotRecord(id: row["id"], snapshot: Snapshot(sha256: row["sha256"], byteCount: row["byteCount"]),
                       kind: row["kind"], originalName: row["originalName"], importedAt: row["importedAt"])
    }

    // MARK: Trends exports

    /// Stores an export's columns (with the person each maps to) and every value it holds.
    public func insertTrendsExport(_ export: TrendsExport, snapshot: SnapshotRecord, people: [(id: String, onRoster: Bool)]) throws {
        precondition(people.count == export.columns.count)
        guard let first = export.firstPeriod, let last = export.lastPeriod else { return }
        try db.execute(sql: """
            INSERT INTO trendsExport (snapshotId, format, resolution, category, firstPeriod, lastPeriod) VALUES (?, ?, ?, ?, ?, ?)
            """, arguments: [snapshot.id, export.format.rawValue, export.resolution.rawValue, export.category, first.label, last.label])
        let exportId = db.lastInsertedRowID
        for (i, column) in export.columns.enumerated() {
            try db.execute(sql: "INSERT INTO trendsColumn (exportId, position, term, geo, person, onRoster) VALUES (?, ?, ?, ?, ?, ?)",
                           arguments: [exportId, i, column.term, column.geo, people[i].id, people[i].onRoster])
        }
        let statement = try db.makeStatement(sql: "INSERT INTO trendsValue (exportId, position, period, state, value, partial) VALUES (?, ?, ?, ?, ?, ?)")
        for row in export.rows {
            for (i, v) in row.values.enumerated() {
                let (state, value): (String, Int?) = switch v {
                case .value(let x): ("value", x)
                case .belowOne: ("below-one", nil)
                case .missing: ("missing", nil)
                }
                try statement.execute(arguments: [exportId, i, row.period.label, state, value, row.isPartial])
            }
        }
    }

    /// Every stored export, in import order, rebuilt from the database.
    public func trendsExports() throws -> [StoredTrendsExport] {
        let snapshots = Dictionary(uniqueKeysWithValues: try snapshots().map { ($0.id, $0) })
        var out: [StoredTrendsExport] = []
        for e in try Row.fetchAll(db, sql: "SELECT * FROM trendsExport ORDER BY snapshotId") {
            let exportId: Int64 = e["id"]
            let resolution = Resolution(rawValue: e["resolution"]) ?? .day
            let columnRows = try Row.fetchAll(db, sql: "SELECT * FROM trendsColumn WHERE exportId = ? ORDER BY position", arguments: [exportId])
            let columns = columnRows.map { TrendsExport.Column(term: $0["term"], geo: $0["geo"]) }
            let people: [(id: String, onRoster: Bool)] = columnRows.map { ($0["person"], $0["onRoster"]) }
            var byPeriod: [String: (values: [TrendsExport.Value], partial: Bool)] = [:]
            for v in try Row.fetchAll(db, sql: "SELECT position, period, state, value, partial FROM trendsValue WHERE exportId = ?", arguments: [exportId]) {
                let label: String = v["period"]
                var entry = byPeriod[label] ?? (Array(repeating: .missing, count: columns.count), false)
                let state: String = v["state"]
                let position: Int = v["position"]
                entry.values[position] = state == "value" ? .value(v["value"]) : state == "below-one" ? .belowOne : .missing
                entry.partial = entry.partial || v["partial"]
                byPeriod[label] = entry
            }
            let rows = byPeriod.compactMap { label, entry -> TrendsExport.Row? in
                Period(label: label, resolution: resolution).map { TrendsExport.Row(period: $0, values: entry.values, isPartial: entry.partial) }
            }.sorted { $0.period < $1.period }
            let export = TrendsExport(format: TrendsExport.Format(rawValue: e["format"]) ?? .webCSV, resolution: resolution,
                                      columns: columns, rows: rows, category: e["category"])
            out.append(StoredTrendsExport(snapshot: snapshots[e["snapshotId"]]!, export: export, people: people))
        }
        return out
    }

    // MARK: Series

    /// Replaces every derived series of `measure` whose source starts with `sourcePrefix` by `series`.
    public func replaceSeries(measure: Measure, sourcePrefix: String, with series: [StoredSeries]) throws {
        try db.execute(sql: "DELETE FROM series WHERE measure = ? AND substr(source, 1, length(?)) = ?",
                       arguments: [measure.rawValue, sourcePrefix, sourcePrefix])
        try insertSeries(series)
    }

    /// Replaces every series of exactly this source (whatever its measure) by `series`; says how many were there.
    @discardableResult
    public func replaceSeries(source: String, with series: [StoredSeries]) throws -> Int {
        let before = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM series WHERE source = ?", arguments: [source]) ?? 0
        try db.execute(sql: "DELETE FROM series WHERE source = ?", arguments: [source])
        try insertSeries(series)
        return before
    }

    func insertSeries(_ series: [StoredSeries]) throws {
        let snapshotIds = Dictionary(try snapshots().map { ($0.snapshot.sha256, $0.id) }, uniquingKeysWith: { a, _ in a })
        let point = try db.makeStatement(sql: "INSERT INTO seriesPoint (seriesId, period, state, value, total) VALUES (?, ?, ?, ?, ?)")
        for s in series {
            let k = s.series.key
            try db.execute(sql: "INSERT INTO series (person, source, measure, resolution, term, geo) VALUES (?, ?, ?, ?, ?, ?)",
                           arguments: [k.person, k.source, k.measure.rawValue, s.series.resolution.rawValue, s.term, s.geo])
            let id = db.lastInsertedRowID
            for (i, period) in s.series.periods.enumerated() {
                let (state, value): (String, Double?) = switch s.series.observations[i] {
                case .value(let v): ("value", v)
                case .belowOne(let ceiling): ("below-one", ceiling)
                case .missing: ("missing", nil)
                }
                try point.execute(arguments: [id, period.label, state, value, s.series.totals[i]])
            }
            for input in s.inputs {
                try db.execute(sql: "INSERT INTO seriesInput (seriesId, snapshotId, ontoSnapshotId, overlapPoints, factor) VALUES (?, ?, ?, ?, ?)",
                               arguments: [id, snapshotIds[input.snapshotSHA256], input.ontoSHA256.flatMap { snapshotIds[$0] },
                                           input.overlapPoints, input.factor])
            }
        }
    }

    /// Stored series, optionally only for some people and one measure, sorted by person and source.
    public func series(people: [String] = [], measure: Measure? = nil) throws -> [StoredSeries] {
        var sql = "SELECT * FROM series WHERE 1"
        var arguments: [any DatabaseValueConvertible] = []
        if !people.isEmpty {
            sql += " AND person IN (" + people.map { _ in "?" }.joined(separator: ",") + ")"
            arguments += people
        }
        if let measure {
            sql += " AND measure = ?"
            arguments.append(measure.rawValue)
        }
        sql += " ORDER BY person, source, measure"
        return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)).map { row in
            let id: Int64 = row["id"]
            let resolution = Resolution(rawValue: row["resolution"]) ?? .day
            let key = SeriesKey(person: row["person"], source: row["source"], measure: Measure(rawValue: row["measure"]) ?? .search)
            var points: [Period: Observation] = [:]
            var totals: [Period: Double] = [:]
            for p in try Row.fetchAll(db, sql: "SELECT * FROM seriesPoint WHERE seriesId = ?", arguments: [id]) {
                guard let period = Period(label: p["period"], resolution: resolution) else { continue }
                let state: String = p["state"]
                points[period] = state == "value" ? .value(p["value"]) : state == "below-one" ? .belowOne(ceiling: p["value"]) : .missing
                if let t: Double = p["total"] { totals[period] = t }
            }
            let inputs = try Row.fetchAll(db, sql: """
                SELECT s.sha256, s.originalName, o.sha256 AS onto, i.overlapPoints, i.factor
                FROM seriesInput i JOIN snapshot s ON s.id = i.snapshotId LEFT JOIN snapshot o ON o.id = i.ontoSnapshotId
                WHERE i.seriesId = ? ORDER BY s.id
                """, arguments: [id]).map {
                SeriesInput(snapshotSHA256: $0["sha256"], originalName: $0["originalName"], ontoSHA256: $0["onto"],
                            overlapPoints: $0["overlapPoints"], factor: $0["factor"])
            }
            return StoredSeries(series: AttentionSeries(key: key, resolution: resolution, points: points, totals: totals),
                                term: row["term"], geo: row["geo"], inputs: inputs)
        }
    }
}
