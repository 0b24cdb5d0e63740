import GRDB
import GlareCore

/// Each database's ends, kept apart from its documents: the first and last day (as stored) and the smallest row id of
/// its documents, a row a database in `documentDatabase` (migration v19).
///
/// The documents are indexed by (day, database), so that a fetch's new entries are the newest days' few pages, not a
/// place in the middle of the index for each feed; what the (database, day) order gave from its ends is kept here. A
/// transaction's stored documents are tallied as they come (`DocumentDatabaseTally`) and added to the table before any
/// read of it and when the transaction ends (`GlareDatabase.write`). Deleting documents sets every row again from the
/// documents left (`recountDocumentDatabases`).
extension StoreTransaction {
    /// Adds the documents this transaction stored since the last call to their databases' rows.
    func settleDocumentDatabases() throws {
        guard !documentDatabases.isEmpty else { return }
        // A row changes only when a day or id lies beyond its ends: a cron job's runs mostly move a database's last day.
        let row = try BoundStatement(
            db,
            sql: """
                INSERT INTO documentDatabase (database, firstDay, lastDay, firstId) VALUES (?, ?, ?, ?)
                ON CONFLICT (database) DO UPDATE SET firstDay = min(firstDay, excluded.firstDay), lastDay = max(lastDay, excluded.lastDay),
                firstId = min(firstId, excluded.firstId)
                WHERE excluded.firstDay < firstDay OR excluded.lastDay > lastDay OR excluded.firstId < firstId
                """)
        for (database, e) in documentDatabases.entries.sorted(by: { DocumentDatabaseTally.precedes($0.key, $1.key) }) {
            row.reset()
            row.bind(1, database)
            row.bind(2, e.firstDay)
            row.bind(3, e.lastDay)
            row.bind(4, e.firstId)
            try row.step()
        }
        documentDatabases.clear()
    }

    /// One database's first and last document day (as stored) and its smallest document row id; nil when it holds none.
    func documentDatabaseEnds(_ database: String) throws -> (firstDay: String, lastDay: String, firstId: Int64)? {
        try settleDocumentDatabases()
        let row = try BoundStatement(db, sql: "SELECT firstDay, lastDay, firstId FROM documentDatabase WHERE database = ?")
        row.reset()
        defer { row.reset() }
        row.bind(1, database)
        guard try row.nextRow(), let first = row.text(0), let last = row.text(1) else { return nil }
        return (first, last, row.int64(2))
    }

    /// Sets every database's row again from the documents stored (after some were deleted): one pass over the
    /// (day, database) index, which holds all three.
    func recountDocumentDatabases() throws {
        try settleDocumentDatabases()
        try db.execute(
            sql: """
                DELETE FROM documentDatabase;
                INSERT INTO documentDatabase (database, firstDay, lastDay, firstId)
                    SELECT database, MIN(day), MAX(day), MIN(id) FROM document GROUP BY database;
                """)
    }

    /// Whether `documentDatabase` holds, for every database, exactly the ends its documents give (what the tests
    /// check): the databases whose rows differ, with what each says and what the documents say.
    func documentDatabaseMismatches() throws -> [String] {
        try settleDocumentDatabases()
        return try Row.fetchAll(
            db,
            sql: """
                WITH actual AS (SELECT database, MIN(day) AS firstDay, MAX(day) AS lastDay, MIN(id) AS firstId FROM document GROUP BY database)
                SELECT a.database AS database, a.firstDay AS af, a.lastDay AS al, a.firstId AS ai, k.firstDay AS kf, k.lastDay AS kl, k.firstId AS ki
                FROM actual a LEFT JOIN documentDatabase k ON k.database = a.database
                WHERE k.database IS NULL OR k.firstDay IS NOT a.firstDay OR k.lastDay IS NOT a.lastDay OR k.firstId IS NOT a.firstId
                UNION ALL
                SELECT k.database, NULL, NULL, NULL, k.firstDay, k.lastDay, k.firstId FROM documentDatabase k
                WHERE NOT EXISTS (SELECT 1 FROM actual a WHERE a.database = k.database)
                ORDER BY 1
                """
        ).map { r in
            let kept = (r["kf"] as String?).map { "\($0)…\(r["kl"] as String? ?? "?") from row \(r["ki"] as Int64? ?? 0)" } ?? "nothing"
            let actual = (r["af"] as String?).map { "\($0)…\(r["al"] as String? ?? "?") from row \(r["ai"] as Int64? ?? 0)" } ?? "no document"
            return "\(r["database"] as String): kept \(kept), documents \(actual)"
        }
    }

    /// The days to read one database's documents by, from its ends: each day from the first to the last, when both
    /// read as days and lie at most `dayByDayLimit` days apart; nil otherwise (read the range of the index instead).
    func documentDays(first: String, last: String) -> [Day]? {
        guard let a = Day(iso: first), let b = Day(iso: last), a <= b, a.distance(to: b) < Self.dayByDayLimit else { return nil }
        return (0...a.distance(to: b)).map { a.adding(days: $0) }
    }

    /// The most days a database's documents are read by, day by day (each a seek of the (day, database) index); a
    /// database spread wider is read as one range of the index (every database's entries on those days).
    static let dayByDayLimit = 200_000
}
