import GRDB
import GlareCore

extension StoreTransaction {
    /// Whether a dump file (by name) was imported.
    public func pageviewFileImported(_ name: String) throws -> Bool {
        try Int.fetchOne(db, sql: "SELECT 1 FROM pageviewFile WHERE name = ?", arguments: [name]) != nil
    }

    /// Records one hourly dump file: its extract snapshot and the hour's views per language and person
    /// (person `*` is the edition's total).
    public func recordPageviewFile(
        name: String, series: String, hour: String, snapshot: Int64, lines: Int,
        views: [(lang: String, person: String, views: Double)]
    ) throws {
        try db.execute(
            sql: "INSERT INTO pageviewFile (name, series, hour, snapshotId, lines) VALUES (?, ?, ?, ?, ?)",
            arguments: [name, series, hour, snapshot, lines])
        for v in views {
            try db.execute(
                sql: "INSERT OR REPLACE INTO pageviewHour (series, lang, person, hour, views) VALUES (?, ?, ?, ?, ?)",
                arguments: [series, v.lang, v.person, hour, v.views])
        }
    }

    /// Per dump series: the hours imported (`YYYYMMDDHH`).
    public func pageviewHours() throws -> [String: Set<String>] {
        var out: [String: Set<String>] = [:]
        for r in try Row.fetchAll(db, sql: "SELECT series, hour FROM pageviewFile") { out[r["series"], default: []].insert(r["hour"]) }
        return out
    }

    /// A dump series' hourly views: (lang, person, hour, views).
    public func pageviewViews(series: String) throws -> [(lang: String, person: String, hour: String, views: Double)] {
        try Row.fetchAll(db, sql: "SELECT lang, person, hour, views FROM pageviewHour WHERE series = ?", arguments: [series]).map {
            ($0["lang"], $0["person"], $0["hour"], $0["views"])
        }
    }

    /// Every imported dump file: its name, series, hour and extract snapshot.
    public func pageviewFiles() throws -> [(name: String, series: String, hour: String, snapshotId: Int64)] {
        try Row.fetchAll(db, sql: "SELECT name, series, hour, snapshotId FROM pageviewFile ORDER BY series, hour").map {
            ($0["name"], $0["series"], $0["hour"], $0["snapshotId"])
        }
    }

    /// Replaces the views recorded for one hour of a dump series (after the roster changed).
    public func replacePageviewHour(series: String, hour: String, views: [(lang: String, person: String, views: Double)]) throws {
        try db.execute(sql: "DELETE FROM pageviewHour WHERE series = ? AND hour = ?", arguments: [series, hour])
        for v in views {
            try db.execute(
                sql: "INSERT OR REPLACE INTO pageviewHour (series, lang, person, hour, views) VALUES (?, ?, ?, ?, ?)",
                arguments: [series, v.lang, v.person, hour, v.views])
        }
    }
}
