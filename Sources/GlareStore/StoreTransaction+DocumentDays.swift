import Foundation
import GRDB
public import GlareCore

/// What deriving a fetched database's series day by day reads and writes: the evidence a run added
/// (rows past a watermark), one database's documents on given days, one source's spans near given
/// days (the points it writes: `StoreTransaction+RecentPoints`).
extension StoreTransaction {
    /// The largest document row id (0 for none): documents stored later have larger ids.
    public func documentWatermark() throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM document") ?? 0
    }

    /// The largest coverage span row id (0 for none).
    public func coverageSpanWatermark() throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM coverageSpan") ?? 0
    }

    /// The spans recorded after `watermark`, by series source.
    public func coverageSpansAdded(after watermark: Int64) throws -> [String: [Range<Int>]] {
        var out: [String: [Range<Int>]] = [:]
        for r in try Row.fetchAll(db, sql: "SELECT source, start, \"end\" FROM coverageSpan WHERE id > ? AND start < \"end\"", arguments: [watermark]) {
            out[r["source"], default: []].append((r["start"] as Int)..<(r["end"] as Int))
        }
        return out
    }

    /// One source's non-empty spans that overlap `[from, to)`.
    public func coverageSpans(source: String, overlapping from: Int, _ to: Int) throws -> [Range<Int>] {
        try Row.fetchAll(
            // By `"end" > ?` on `coverageSpanBySourceEnd`: the spans that end after `from` are the recent ones (`+start`
            // keeps the planner off the start index, whose range would be every span begun before `to`).
            db.cachedStatement(sql: "SELECT start, \"end\" FROM coverageSpan WHERE source = ? AND start < \"end\" AND +start < ? AND \"end\" > ?"),
            arguments: [source, to, from]
        ).map { ($0["start"] as Int)..<($0["end"] as Int) }
    }

    /// The earliest start and latest end of one source's non-empty spans, if it has any.
    public func coverageBounds(source: String) throws -> (start: Int, end: Int)? {
        // Two subqueries, each answered from the end of an index (`coverageSpanBySourceStart`, `…End`), not a
        // pass over every span the source has gained.
        let row = try BoundStatement(
            db,
            sql: """
                SELECT (SELECT MIN(start) FROM coverageSpan WHERE source = ?1 AND start < "end"),
                    (SELECT MAX("end") FROM coverageSpan WHERE source = ?1 AND start < "end")
                """)
        row.reset()
        defer { row.reset() }  // the statement ends here, not with a step past its one row
        row.bind(1, source)
        guard try row.nextRow(), !row.isNull(0), !row.isNull(1) else { return nil }
        return (Int(row.int64(0)), Int(row.int64(1)))
    }

    /// The earliest and latest day (as stored) of one database's documents, if it has any (its `documentDatabase`
    /// row); `mixed` when no document of `formats` is dated on one of those days (another format's document ends the
    /// database, so the ends of the `formats` documents are not known).
    public func documentDayBounds(database: String, formats: Set<String>) throws -> (first: String, last: String, mixed: Bool)? {
        guard let ends = try documentDatabaseEnds(database) else { return nil }
        let (first, last) = (ends.firstDay, ends.lastDay)
        // Each EXISTS one seek in the (day, database) index. The formats numbered after the three named values, so that
        // both tests take the same ones; compared one by one, not `format IN (…)`, for which SQLite fills a temporary
        // table at every run of the statement (a fetch asks this of every feed: the tables' set-up was a twentieth of a
        // run's storing time into a store of 100 days).
        let anyFormat = formats.isEmpty ? "0" : "(" + (0..<formats.count).map { "format = ?\(4 + $0)" }.joined(separator: " OR ") + ")"
        let held = try BoundStatement(
            db,
            sql: """
                SELECT EXISTS (SELECT 1 FROM document WHERE day = ?2 AND database = ?1 AND \(anyFormat)),
                    EXISTS (SELECT 1 FROM document WHERE day = ?3 AND database = ?1 AND \(anyFormat))
                """)
        held.reset()
        defer { held.reset() }
        held.bind(1, database)
        held.bind(2, first)
        held.bind(3, last)
        for (n, format) in formats.sorted().enumerated() { held.bind(Int32(4 + n), format) }
        guard try held.nextRow() else { return (first, last, true) }
        return (first, last, !(held.int64(0) != 0 && held.int64(1) != 0))
    }

    /// One database's documents dated on `days` and stored at or before `watermark` (by row id), as
    /// `documentSketches` gives them, in day order.
    public func documentSketches(database: String, days: Set<Day>, upTo watermark: Int64) throws -> [DocumentSketch] {
        var out: [DocumentSketch] = []
        try appendSketches(database: database, days: days.sorted(), upTo: watermark, into: &out)
        return Self.inDerivationOrder(out)
    }

    /// Appends one database's documents dated on `days` and stored at or before `watermark`, a day at a time: each day
    /// one seek of the (day, database) index, not a range of days (which would take every database's entries on them)
    /// nor `day IN (…)` (for which SQLite fills a temporary table at every run of the statement). Only texts that are
    /// those days' are read: one between two days' texts (`2015-09-05x`, `2015-09-5`) is no date `Day(iso:)` reads.
    func appendSketches(database: String, days: [Day], upTo watermark: Int64, into out: inout [DocumentSketch]) throws {
        // Stepped and read with SQLite's own calls (a fetch reads a few days of each feed it brings up to date by day);
        // a row's database and day are the ones asked for (compared as bytes), so neither is read back nor parsed.
        let mentions = try BoundStatement(
            db, sql: "SELECT m.documentId, m.person FROM mention m JOIN document d ON d.id = m.documentId WHERE d.day = ? AND d.database = ? AND d.id <= ?")
        let documents = try BoundStatement(db, sql: "SELECT id, format, sketch FROM document WHERE day = ? AND database = ? AND id <= ?")
        defer {
            mentions.reset()
            documents.reset()
        }
        for day in days {
            let text = day.iso
            var people: [Int64: [String]] = [:]
            mentions.reset()
            mentions.bind(1, text)
            mentions.bind(2, database)
            mentions.bind(3, watermark)
            while try mentions.nextRow() { people[mentions.int64(0), default: []].append(mentions.text(1) ?? "") }
            documents.reset()
            documents.bind(1, text)
            documents.bind(2, database)
            documents.bind(3, watermark)
            while try documents.nextRow() {
                let id = documents.int64(0)
                let sketch = documents.withBlob(2) { $0.flatMap(StorySketch.init(storedBytes:)) }
                out.append((id, database, documents.text(1) ?? "", day, sketch, people[id] ?? []))
            }
        }
    }

    /// Appends one database's documents whose stored day lies between `first` and `last` (as text), a stored day at a
    /// time: the days any document holds, each found by one seek of the (day, database) index from the one before, and
    /// each the database's entries on it. As many seeks as the store has days in that span, whatever the span (a
    /// stray date decades early costs the days between that hold documents, not every day of the calendar), and none
    /// of the other databases' entries read (a range of days would take them all). Every text in the span is read,
    /// dates or not; `readSketches` leaves out those that are no dates.
    func appendSketches(database: String, from first: String, to last: String, into out: inout [DocumentSketch]) throws {
        let days = """
            WITH RECURSIVE stored(day) AS (
                SELECT ?1 UNION ALL SELECT (SELECT MIN(day) FROM document WHERE day > stored.day AND day <= ?2) FROM stored WHERE stored.day IS NOT NULL)
            """
        let arguments: StatementArguments = [first, last, database]
        var people: [Int64: [String]] = [:]
        for r in try Row.fetchAll(
            db,
            sql: days
                + " SELECT m.documentId, m.person FROM stored JOIN document d ON d.day = stored.day AND d.database = ?3 JOIN mention m ON m.documentId = d.id",
            arguments: arguments)
        {
            people[r["documentId"], default: []].append(r["person"])
        }
        try readSketches(
            db.cachedStatement(
                sql: days + " SELECT d.id, d.database, d.format, d.day, d.sketch FROM stored JOIN document d ON d.day = stored.day AND d.database = ?3"),
            arguments: arguments, people: people, into: &out)
    }

    /// Whether any series of one kind and source is stored.
    public func hasSeries(kind: String, source: String) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM series WHERE kind = ? AND source = ? LIMIT 1"), arguments: [kind, source]) ?? false
    }

    /// Whether one database holds a document stored at or before `watermark` (by row id), read from its
    /// `documentDatabase` row: a feed new to the store has none, however many others hold.
    public func hasDocuments(database: String, upTo watermark: Int64) throws -> Bool {
        guard let ends = try documentDatabaseEnds(database) else { return false }
        return ends.firstId <= watermark
    }

    /// The stored series of one kind and source: row id, person, the roster fingerprint they were derived under, and
    /// whether the series is kept by its source's periods (`StoreTransaction+SourcePeriods`).
    public func seriesRows(kind: String, source: String) throws -> [(id: Int64, person: String, rosterHash: String?, bySource: Bool)] {
        // Stepped and read with SQLite's own calls, in the (kind, source) index's order (by row id): a fetch reads the 48
        // rows of each of hundreds of feeds, and GRDB's rows and a sort by person were most of that.
        let rows = try BoundStatement(db, sql: "SELECT id, person, rosterHash, bySource FROM series WHERE kind = ? AND source = ?")
        rows.reset()
        rows.bind(1, kind)
        rows.bind(2, source)
        var out: [(id: Int64, person: String, rosterHash: String?, bySource: Bool)] = []
        while try rows.nextRow() { out.append((rows.int64(0), rows.text(1) ?? "", rows.text(2), rows.int64(3) != 0)) }
        return out
    }
}
