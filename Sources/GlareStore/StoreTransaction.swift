public import Foundation
import GRDB
public import GlareCore

/// The store's operations inside one transaction (see `GlareDatabase.write` and `read`).
public struct StoreTransaction {
    let db: Database
    /// Whether this transaction may write (`GlareDatabase.write`), not only read (`GlareDatabase.read`).
    let writes: Bool
    /// The documents this transaction stored that `documentDatabase` does not hold yet (`StoreTransaction+DocumentDatabases`).
    let documentDatabases = DocumentDatabaseTally()

    // MARK: Snapshots

    /// The recorded snapshot with this hash, if any.
    public func snapshot(sha256: String) throws -> SnapshotRecord? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM snapshot WHERE sha256 = ?"), arguments: [sha256]).map(Self.snapshotRecord)
    }

    /// Records a snapshot already written to the archive: a file of its own, or a member of a pack (`packed`).
    public func insertSnapshot(
        _ snapshot: Snapshot, kind: String, originalName: String, at date: Date = Date(), packed: SnapshotArchive.PackMember? = nil
    ) throws -> SnapshotRecord {
        let stamp = Self.timestamp(date)
        try db.cachedStatement(
            sql: "INSERT INTO snapshot (sha256, byteCount, kind, originalName, importedAt, pack, packOffset, packLength) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
        ).execute(arguments: [snapshot.sha256, snapshot.byteCount, kind, originalName, stamp, packed?.pack, packed?.offset, packed?.length])
        return SnapshotRecord(id: db.lastInsertedRowID, snapshot: snapshot, kind: kind, originalName: originalName, importedAt: stamp, packed: packed)
    }

    /// Places a recorded snapshot in another pack (its bytes copied there), if it still lies in `pack`;
    /// returns whether it did.
    @discardableResult
    public func moveSnapshot(id: Int64, from pack: String, to member: SnapshotArchive.PackMember) throws -> Bool {
        try db.cachedStatement(sql: "UPDATE snapshot SET pack = ?, packOffset = ?, packLength = ? WHERE id = ? AND pack = ?").execute(
            arguments: [member.pack, member.offset, member.length, id, pack])
        return db.changesCount > 0
    }

    /// Whether any recorded snapshot lies in the pack of this name.
    public func isNamed(pack: String) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM snapshot WHERE pack = ?)"), arguments: [pack]) ?? false
    }

    /// All recorded snapshots, oldest first.
    public func snapshots() throws -> [SnapshotRecord] {
        try Row.fetchAll(db, sql: "SELECT * FROM snapshot ORDER BY id").map(Self.snapshotRecord)
    }

    static func snapshotRecord(_ row: Row) -> SnapshotRecord {
        SnapshotRecord(
            id: row["id"], snapshot: Snapshot(sha256: row["sha256"], byteCount: row["byteCount"]),
            kind: row["kind"], originalName: row["originalName"], importedAt: row["importedAt"],
            packed: (row["pack"] as String?).map { SnapshotArchive.PackMember(pack: $0, offset: row["packOffset"], length: row["packLength"]) })
    }

    // MARK: Trends exports

    /// Stores an export's columns (with the person each maps to) and every value it holds.
    public func insertTrendsExport(_ export: TrendsExport, snapshot: SnapshotRecord, people: [(id: String, onRoster: Bool)]) throws {
        precondition(people.count == export.columns.count)
        guard let first = export.firstPeriod, let last = export.lastPeriod else { return }
        try db.execute(
            sql: """
                INSERT INTO trendsExport (snapshotId, format, resolution, category, firstPeriod, lastPeriod, property, timeRange) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                snapshot.id, export.format.rawValue, export.resolution.rawValue, export.category, first.label, last.label, export.property, export.window,
            ])
        let exportId = db.lastInsertedRowID
        for (i, column) in export.columns.enumerated() {
            try db.execute(
                sql: "INSERT INTO trendsColumn (exportId, position, term, geo, person, onRoster) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [exportId, i, column.term, column.geo, people[i].id, people[i].onRoster])
        }
        let statement = try db.makeStatement(sql: "INSERT INTO trendsValue (exportId, position, period, state, value, partial) VALUES (?, ?, ?, ?, ?, ?)")
        for row in export.rows {
            for (i, v) in row.values.enumerated() {
                let (state, value): (String, Int?) =
                    switch v {
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
            let export = TrendsExport(
                format: TrendsExport.Format(rawValue: e["format"]) ?? .webCSV, resolution: resolution,
                columns: columns, rows: rows, category: e["category"], property: e["property"], window: e["timeRange"])
            out.append(StoredTrendsExport(snapshot: snapshots[e["snapshotId"]]!, export: export, people: people))
        }
        return out
    }

    /// Every stored Trends column: its export, position, term, and the person it maps to.
    public func trendsColumns() throws -> [(exportId: Int64, position: Int, term: String, person: String, onRoster: Bool)] {
        try Row.fetchAll(db, sql: "SELECT exportId, position, term, person, onRoster FROM trendsColumn ORDER BY exportId, position").map {
            ($0["exportId"], $0["position"], $0["term"], $0["person"], $0["onRoster"])
        }
    }

    /// Maps a stored Trends column to another person (after a roster change).
    public func remapTrendsColumn(exportId: Int64, position: Int, person: String, onRoster: Bool) throws {
        try db.execute(
            sql: "UPDATE trendsColumn SET person = ?, onRoster = ? WHERE exportId = ? AND position = ?",
            arguments: [person, onRoster, exportId, position])
    }

    // MARK: Series

    /// Replaces every derived series of a kind (the registry name of the source that owns them) by
    /// `series`, each recorded as derived under `rosterHash` (nil: the series do not depend on the roster).
    /// With `sources`, only the series of those sources are replaced. With `bySource`, the series of a source
    /// that share their periods are kept by them (`StoreTransaction+SourcePeriods`).
    public func replaceSeries(kind: String, sources: Set<String>? = nil, with series: [StoredSeries], rosterHash: String?, bySource: Bool = false) throws {
        if let sources {
            let periods = try Self.sourcePeriodTables.map {
                try db.makeStatement(sql: "DELETE FROM \($0) WHERE source = ?2 AND EXISTS (SELECT 1 FROM series WHERE kind = ?1 AND source = ?2 AND bySource)")
            }
            let statement = try db.makeStatement(sql: "DELETE FROM series WHERE kind = ? AND source = ?")
            for s in sources {
                for p in periods { try p.execute(arguments: [kind, s]) }
                try statement.execute(arguments: [kind, s])
            }
        } else {
            for table in Self.sourcePeriodTables {
                try db.execute(sql: "DELETE FROM \(table) WHERE source IN (SELECT source FROM series WHERE kind = ? AND bySource)", arguments: [kind])
            }
            try db.execute(sql: "DELETE FROM series WHERE kind = ?", arguments: [kind])
        }
        try insertSeries(series, kind: kind, rosterHash: rosterHash, bySource: bySource)
    }

    func insertSeries(_ series: [StoredSeries], kind: String, rosterHash: String?, bySource: Bool = false) throws {
        // The sources whose series are kept by their periods: two or more series that share them.
        var kept: [String: [(seriesId: Int64, series: AttentionSeries)]] = [:]
        if bySource {
            for (source, group) in Dictionary(grouping: series, by: \.series.key.source) where group.count > 1 && Self.sharePeriods(group.map(\.series)) {
                kept[source] = []
            }
        }
        // Only the snapshots the inputs name (not every snapshot ever stored: a cron run's cost must not grow with the store).
        var snapshotIds: [String: Int64] = [:]
        for sha in Set(series.flatMap { $0.inputs.flatMap { [$0.snapshotSHA256] + ($0.ontoSHA256.map { [$0] } ?? []) } }) {
            if let record = try snapshot(sha256: sha) { snapshotIds[sha] = record.id }
        }
        let point = try BoundStatement(
            db, sql: "INSERT INTO seriesPoint (seriesId, period, state, value, total, covered, units, unit, se) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        let row = try BoundStatement(
            db,
            sql: "INSERT INTO series (person, source, measure, resolution, term, geo, kind, rosterHash, bySource) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        let input = try BoundStatement(
            db, sql: "INSERT INTO seriesInput (seriesId, snapshotId, ontoSnapshotId, overlapPoints, factor) VALUES (?, ?, ?, ?, ?)")
        for s in series {
            let k = s.series.key
            do {
                row.reset()
                row.bind(1, k.person)
                row.bind(2, k.source)
                row.bind(3, k.measure.rawValue)
                row.bind(4, s.series.resolution.rawValue)
                row.bind(5, s.term)
                row.bind(6, s.geo)
                row.bind(7, kind)
                row.bind(8, rosterHash)
                row.bind(9, kept[k.source] != nil)
                try row.step()
            } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
                throw StoreError.duplicateSeries(k.description)
            }
            let id = db.lastInsertedRowID
            if kept[k.source] != nil {
                kept[k.source]!.append((id, s.series))
            } else {
                for i in s.series.periods.indices {
                    try Self.writePoint(point, seriesId: id, series: s.series, at: i)
                }
            }
            for i in s.inputs {
                input.reset()
                input.bind(1, id)
                input.bind(2, snapshotIds[i.snapshotSHA256])
                input.bind(3, i.ontoSHA256.flatMap { snapshotIds[$0] })
                input.bind(4, i.overlapPoints)
                input.bind(5, i.factor)
                try input.step()
            }
        }
        for (source, series) in kept.sorted(by: { $0.key < $1.key }) {
            try writeSourcePeriods(source: source, series: series, at: nil)  // they share their periods (above)
        }
    }

    /// How the store keeps an observation: its state (`value`, `partial` for a value of a partly covered period,
    /// `below-one`, `missing`) and value (a below-one value's ceiling; nil when missing).
    static func storedState(_ observation: Observation, coverage: Coverage?) -> (state: String, value: Double?) {
        switch observation {
        case .value(let v): (coverage.map { !$0.isComplete } ?? false ? "partial" : "value", v)
        case .belowOne(let ceiling): ("below-one", ceiling)
        case .missing: ("missing", nil)
        }
    }

    /// Writes the series' `i`th period as a point row of `seriesId` through `point` (an insert of the
    /// nine columns of `seriesPoint` or `seriesPointRecent`, in their order).
    static func writePoint(_ point: BoundStatement, seriesId id: Int64, series: AttentionSeries, at i: Int) throws {
        let coverage = series.coverage[i]
        let (state, value) = storedState(series.observations[i], coverage: coverage)
        point.reset()
        point.bind(1, id)
        point.bind(2, series.periods[i].label)
        point.bind(3, state)
        point.bind(4, value)
        point.bind(5, series.totals[i])
        point.bind(6, coverage?.covered)
        point.bind(7, coverage?.units)
        point.bind(8, coverage?.unit)
        point.bind(9, series.standardErrors[i])
        try point.step()
    }

    /// The series sources stored for a kind that begin with one of `prefixes`, each read from its end of the
    /// (kind, source) index: what a fetch's batch touched, not every source of the kind. (Text compares as
    /// UTF-8 bytes, the store's encoding: U+10FFFF, `F4 8F BF BF`, is above every character that can follow.)
    public func seriesSources(kind: String, prefixes: Set<String>) throws -> Set<String> {
        var out = Set<String>()
        let statement = try db.cachedStatement(sql: "SELECT DISTINCT source FROM series WHERE kind = ? AND source >= ? AND source <= ?")
        for prefix in prefixes {
            out.formUnion(try String.fetchAll(statement, arguments: [kind, prefix, prefix + "\u{10FFFF}"]))
        }
        return out
    }

    /// Stored series, optionally only for some people, one measure, one kind or some series sources, sorted
    /// by person and source. A partly covered period is missing unless `partialPeriods` admits its partial value.
    public func series(
        people: [String] = [], measure: Measure? = nil, kind: String? = nil, partialPeriods: Bool = false, sources: Set<String>? = nil
    ) throws -> [StoredSeries] {
        var sql = "SELECT * FROM series WHERE 1"
        var arguments: [any DatabaseValueConvertible] = []
        if let sources {
            guard !sources.isEmpty else { return [] }
            sql += " AND source IN (" + sources.map { _ in "?" }.joined(separator: ",") + ")"
            arguments += Array(sources)
        }
        if !people.isEmpty {
            sql += " AND person IN (" + people.map { _ in "?" }.joined(separator: ",") + ")"
            arguments += people
        }
        if let measure {
            sql += " AND measure = ?"
            arguments.append(measure.rawValue)
        }
        if let kind {
            sql += " AND kind = ?"
            arguments.append(kind)
        }
        sql += " ORDER BY person, source, measure"
        var sourcePeriods: [String: [SourcePeriodRow]] = [:]
        // Prepared once for every series read (preparing it for each took a tenth of an export of 9,600 series).
        let inputStatement = try db.cachedStatement(
            sql: """
                SELECT s.sha256, s.originalName, o.sha256 AS onto, i.overlapPoints, i.factor
                FROM seriesInput i JOIN snapshot s ON s.id = i.snapshotId LEFT JOIN snapshot o ON o.id = i.ontoSnapshotId
                WHERE i.seriesId = ? ORDER BY s.id
                """)
        return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)).map { row in
            let id: Int64 = row["id"]
            let resolution = Resolution(rawValue: row["resolution"]) ?? .day
            let key = SeriesKey(person: row["person"], source: row["source"], measure: Measure(rawValue: row["measure"]) ?? .search)
            var observations: [Period: Observation] = [:]
            var totals: [Period: Double] = [:]
            var coverage: [Period: Coverage] = [:]
            var errors: [Period: Double] = [:]
            let points: [StoredPoint]
            if row["bySource"] {
                // A source's periods read once for all its series (a feed's are read for each of its people).
                if sourcePeriods[key.source] == nil { sourcePeriods[key.source] = try sourcePeriodRows(source: key.source) }
                points = Self.points(of: id, in: sourcePeriods[key.source]!)
            } else {
                points = try pointRows(seriesId: id)
            }
            for p in points {
                guard let period = Period(label: p.period, resolution: resolution) else { continue }
                switch p.state {
                case "value": observations[period] = .value(p.value ?? 0)
                case "below-one": observations[period] = .belowOne(ceiling: p.value ?? 0)
                case "partial" where partialPeriods: observations[period] = .value(p.value ?? 0)
                default: observations[period] = .missing
                }
                // A partly covered period read as missing keeps no total either: both are partial counts.
                if let t = p.total, observations[period] != .missing { totals[period] = t }
                if let se = p.se, observations[period] != .missing { errors[period] = se }
                if let covered = p.covered, let units = p.units {
                    coverage[period] = Coverage(covered: covered, units: units, unit: p.unit ?? "")
                }
            }
            let inputs = try Row.fetchAll(inputStatement, arguments: [id]).map {
                SeriesInput(
                    snapshotSHA256: $0["sha256"], originalName: $0["originalName"], ontoSHA256: $0["onto"],
                    overlapPoints: $0["overlapPoints"], factor: $0["factor"])
            }
            var stored = StoredSeries(
                series: AttentionSeries(
                    key: key, resolution: resolution, points: observations, totals: totals, coverage: coverage,
                    standardErrors: errors),
                term: row["term"], geo: row["geo"], inputs: inputs)
            stored.kind = row["kind"]
            stored.rosterHash = row["rosterHash"]
            return stored
        }
    }
}
