import Foundation
import GRDB
public import GlareCore

/// A stored document with the people the matcher found in it.
public struct StoredDocument: Sendable {
    public let id: Int64
    public let document: NewsDocument
    public let snapshotSHA256: String
    public let originalName: String
    /// Person id → (mentions, evidence as JSON).
    public let mentions: [String: (count: Int, evidence: String)]
}

extension StoreTransaction {
    /// Stores a document unless one with the same key (format family and archive id) is stored; returns its row id, or nil when it was already there.
    public func insertDocument(_ d: NewsDocument, key: String, snapshot: SnapshotRecord, sketch: StorySketch?) throws -> Int64? {
        try checkDocumentDatabases()
        // Bound through SQLite's calls: a fetch inserts documents by the ten thousand (see `BoundStatement`).
        let row = try BoundStatement(
            db,
            sql: """
                INSERT INTO document (snapshotId, documentKey, format, database, outlet, day, headline, byline, language, hasText, text, line, sketch)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (documentKey) DO NOTHING
                """)
        let day = d.day.iso
        row.reset()
        row.bind(1, snapshot.id)
        row.bind(2, key)
        row.bind(3, d.format)
        row.bind(4, d.database)
        row.bind(5, d.outlet)
        row.bind(6, day)
        row.bind(7, d.headline)
        row.bind(8, d.byline)
        row.bind(9, d.language)
        row.bind(10, d.hasText)
        row.bind(11, d.text)
        row.bind(12, d.line)
        if let sketch { sketch.withStoredBytes { row.bind(blob: 13, $0) } } else { row.bind(13, nil as String?) }
        try row.step()
        guard db.changesCount > 0 else { return nil }
        let id = db.lastInsertedRowID
        documentDatabases.note(database: d.database, day: day, id: id)
        return id
    }

    /// Records the people a document mentions.
    public func insertMention(document: Int64, person: String, mentions: Int, evidence: String) throws {
        let row = try BoundStatement(db, sql: "INSERT OR REPLACE INTO mention (documentId, person, mentions, evidence) VALUES (?, ?, ?, ?)")
        row.reset()
        row.bind(1, document)
        row.bind(2, person)
        row.bind(3, Int64(mentions))
        row.bind(4, evidence)
        try row.step()
    }

    /// Documents, optionally only of one database, one day, or mentioning one person; in day order.
    public func documents(database: String? = nil, day: Day? = nil, person: String? = nil) throws -> [StoredDocument] {
        var sql = "SELECT d.*, s.sha256, s.originalName FROM document d JOIN snapshot s ON s.id = d.snapshotId WHERE 1"
        var arguments: [any DatabaseValueConvertible] = []
        if let database { sql += " AND d.database = ?"; arguments.append(database) }
        if let day { sql += " AND d.day = ?"; arguments.append(day.iso) }
        if let person { sql += " AND d.id IN (SELECT documentId FROM mention WHERE person = ?)"; arguments.append(person) }
        sql += " ORDER BY d.day, d.id"
        let rows = try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments))
        // A day an older Glare stored that no longer reads as a day (a year before 1000) is left out, never a trap.
        return try rows.compactMap { r in
            guard let day = Day(iso: r["day"] as String) else { return nil }
            let id: Int64 = r["id"]
            var mentions: [String: (Int, String)] = [:]
            for m in try Row.fetchAll(db, sql: "SELECT person, mentions, evidence FROM mention WHERE documentId = ?", arguments: [id]) {
                mentions[m["person"]] = (m["mentions"], m["evidence"])
            }
            let d = NewsDocument(
                format: r["format"], database: r["database"], documentId: nil, outlet: r["outlet"],
                day: day, headline: r["headline"], byline: r["byline"], language: r["language"],
                text: r["text"], hasText: r["hasText"], line: r["line"])
            return StoredDocument(id: id, document: d, snapshotSHA256: r["sha256"], originalName: r["originalName"], mentions: mentions)
        }
    }

    /// Every document's database, format, day, story sketch (nil without text) and the people it mentions, in day order.
    /// With `databases`, only the documents of those databases (what one import or fetch touched), each read a stored
    /// day at a time from its first to its last day (`StoreTransaction+DocumentDatabases`).
    public func documentSketches(databases: Set<String>? = nil) throws -> [DocumentSketch] {
        guard let databases else {
            var people: [Int64: [String]] = [:]
            for r in try Row.fetchAll(db, sql: "SELECT documentId, person FROM mention") {
                people[r["documentId"], default: []].append(r["person"])
            }
            var out: [DocumentSketch] = []
            try readSketches(
                db.makeStatement(sql: "SELECT id, database, format, day, sketch FROM document ORDER BY day, id"), arguments: [], people: people, into: &out)
            return out
        }
        var out: [DocumentSketch] = []
        for database in databases {
            guard let ends = try documentDatabaseEnds(database) else { continue }
            try appendSketches(database: database, from: ends.firstDay, to: ends.lastDay, into: &out)
        }
        return Self.inDerivationOrder(out)
    }

    /// A document as derivation reads it: database, format, day, story sketch (nil without text), the people it mentions.
    public typealias DocumentSketch = (id: Int64, database: String, format: String, day: Day, sketch: StorySketch?, people: [String])

    /// `documents` in the order derivation reads them: by day, then by row id (ties as they came).
    /// Their keys are sorted, not the documents: a sort moves its elements many times, and moving a
    /// document retains and releases its strings, sketch and people (a fetch's batch sorts ten
    /// thousand, newest first in their feeds).
    public static func inDerivationOrder(_ documents: [DocumentSketch]) -> [DocumentSketch] {
        guard documents.count > 1 else { return documents }
        let keys = documents.indices.map { (day: documents[$0].day.ordinal, id: documents[$0].id, index: $0) }
        if zip(keys, keys.dropFirst()).allSatisfy({ ($0.day, $0.id) <= ($1.day, $1.id) }) { return documents }
        return keys.sorted { ($0.day, $0.id, $0.index) < ($1.day, $1.id, $1.index) }.map { documents[$0.index] }
    }

    /// Appends the rows of `SELECT id, database, format, day, sketch …` (a row whose day is no date is left out),
    /// each sketch decoded from the row in place, with the people `people` holds for its id.
    func readSketches(_ statement: Statement, arguments: StatementArguments, people: [Int64: [String]], into out: inout [DocumentSketch]) throws {
        var days: [String: Day] = [:]  // a day's text is parsed once
        let rows = try Row.fetchCursor(statement, arguments: arguments)
        while let r = try rows.next() {
            let text: String = r[3]
            guard let day = days[text] ?? Day(iso: text) else { continue }
            days[text] = day
            let id: Int64 = r[0]
            let sketch = try r.withUnsafeData(atIndex: 4) { $0.flatMap(StorySketch.init(bytes:)) }
            out.append((id, r[1], r[2], day, sketch, people[id] ?? []))
        }
    }

    /// Every stored document's id, format, headline and text, in id order (to match again after a roster change).
    public func documentTexts() throws -> [(id: Int64, format: String, headline: String, text: String)] {
        try Row.fetchAll(db, sql: "SELECT id, format, headline, text FROM document ORDER BY id").map { ($0["id"], $0["format"], $0["headline"], $0["text"]) }
    }

    /// Replaces the people recorded for a document; says whether anything differed.
    @discardableResult
    public func replaceMentions(document: Int64, with people: [(person: String, mentions: Int, evidence: String)]) throws -> Bool {
        let before = try Row.fetchAll(db, sql: "SELECT person, mentions, evidence FROM mention WHERE documentId = ? ORDER BY person", arguments: [document])
            .map { "\($0["person"] as String)\t\($0["mentions"] as Int)\t\($0["evidence"] as String)" }
        let after = people.sorted { $0.person < $1.person }.map { "\($0.person)\t\($0.mentions)\t\($0.evidence)" }
        guard before != after else { return false }
        try db.execute(sql: "DELETE FROM mention WHERE documentId = ?", arguments: [document])
        for p in people { try insertMention(document: document, person: p.person, mentions: p.mentions, evidence: p.evidence) }
        return true
    }
}
