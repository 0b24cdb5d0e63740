import GRDB
import GlareCore

/// Each database's ends, kept apart from its documents: the first and last day (as stored) and the smallest row id of
/// its documents, a row a database in `documentDatabase` (migration v19).
///
/// The documents are indexed by (day, database), so that a fetch's new entries are the newest days' few pages, not a
/// place in the middle of the index for each feed; what the (database, day) order gave from its ends is kept here. A
/// transaction's stored documents are tallied as they come (`DocumentDatabaseTally`) and added to the table before any
/// read of it and when the transaction ends (`GlareDatabase.write`). Deleting documents sets every row again from the
/// documents left. `documentDatabaseCounted` holds the largest document id the table has counted: a transaction that
/// finds a larger one, stored by a writer that kept no tally (a Glare from before v19 still running when its store was
/// brought up to date), sets the table again before it stores or reads anything through it.
extension StoreTransaction {
    /// Checks, once a transaction and before it stores its first document or reads a database's ends, that the table
    /// has counted every document stored; asks for a recount when not.
    func checkDocumentDatabases() throws {
        guard !documentDatabases.checked else { return }
        documentDatabases.checked = true
        let row = try BoundStatement(db, sql: "SELECT (SELECT throughId FROM documentDatabaseCounted), (SELECT COALESCE(MAX(id), 0) FROM document)")
        row.reset()
        defer { row.reset() }
        guard try row.nextRow(), !row.isNull(0), row.int64(0) == row.int64(1) else {
            documentDatabases.recount()
            return
        }
    }

    /// Adds the documents this transaction stored since the last call to their databases' rows (or sets every row
    /// again from the documents, when some were deleted or stored without a tally), and records what is counted.
    func settleDocumentDatabases() throws {
        guard !documentDatabases.isEmpty else { return }
        if documentDatabases.needsRecount {
            try db.execute(
                sql: """
                    DELETE FROM documentDatabase;
                    INSERT INTO documentDatabase (database, firstDay, lastDay, firstId)
                        SELECT database, MIN(day), MAX(day), MIN(id) FROM document GROUP BY database;
                    """)
        } else {
            // A row changes only when a day or id lies beyond its ends: a cron job's runs mostly move a database's last day.
            let row = try BoundStatement(
                db,
                sql: """
                    INSERT INTO documentDatabase (database, firstDay, lastDay, firstId) VALUES (?, ?, ?, ?)
                    ON CONFLICT (database) DO UPDATE SET firstDay = min(firstDay, excluded.firstDay), lastDay = max(lastDay, excluded.lastDay),
                    firstId = min(firstId, excluded.firstId)
                    WHERE excluded.firstDay < firstDay OR excluded.lastDay > lastDay OR excluded.firstId < firstId
                    """)
            for e in documentDatabases.entries.sorted(by: { DocumentDatabaseTally.precedes($0.database, $1.database) }) {
                row.reset()
                row.bind(1, e.database)
                row.bind(2, e.firstDay)
                row.bind(3, e.lastDay)
                row.bind(4, e.firstId)
                try row.step()
            }
        }
        try db.cachedStatement(sql: "DELETE FROM documentDatabaseCounted").execute()
        try db.cachedStatement(sql: "INSERT INTO documentDatabaseCounted (throughId) SELECT COALESCE(MAX(id), 0) FROM document").execute()
        documentDatabases.clear()
    }

    /// One database's first and last document day (as stored) and its smallest document row id; nil when it holds none.
    /// (A transaction that only reads, finding the table behind the documents, asks the documents themselves.)
    func documentDatabaseEnds(_ database: String) throws -> (firstDay: String, lastDay: String, firstId: Int64)? {
        try checkDocumentDatabases()
        if writes { try settleDocumentDatabases() }
        let row = try BoundStatement(
            db,
            sql: documentDatabases.needsRecount
                ? "SELECT MIN(day), MAX(day), MIN(id) FROM document WHERE database = ?"
                : "SELECT firstDay, lastDay, firstId FROM documentDatabase WHERE database = ?")
        row.reset()
        defer { row.reset() }
        row.bind(1, database)
        guard try row.nextRow(), let first = row.text(0), let last = row.text(1) else { return nil }
        return (first, last, row.int64(2))
    }
}
