/// The documents one write transaction has stored so far, by database: the earliest and latest day (as stored, compared
/// as SQLite compares text) and the smallest row id, not yet added to the `documentDatabase` table.
///
/// `StoreTransaction.insertDocument` notes each document here, a dictionary update, and the table takes the tally in one
/// row a database before anything reads it and when the transaction ends (`StoreTransaction.settleDocumentDatabases`):
/// a fetch stores ten thousand documents of 200 feeds in a run, and a row written for each (a trigger's, 5 µs each) would
/// cost more than the index it replaces (`StoreTransaction+DocumentDatabases`).
final class DocumentDatabaseTally {
    /// One database's documents noted since the table last took the tally.
    struct Entry {
        var firstDay: String
        var lastDay: String
        var firstId: Int64
    }

    private(set) var entries: [String: Entry] = [:]

    var isEmpty: Bool { entries.isEmpty }

    /// Notes one stored document.
    func note(database: String, day: String, id: Int64) {
        guard var e = entries[database] else {
            entries[database] = Entry(firstDay: day, lastDay: day, firstId: id)
            return
        }
        if Self.precedes(day, e.firstDay) { e.firstDay = day }
        if Self.precedes(e.lastDay, day) { e.lastDay = day }
        e.firstId = min(e.firstId, id)
        entries[database] = e
    }

    /// Forgets what was noted (the table has taken it).
    func clear() { entries.removeAll(keepingCapacity: true) }

    /// Whether `a` sorts before `b` as SQLite's default collation sorts text: by bytes (`memcmp`), not as Swift compares
    /// strings (by canonical Unicode equivalence), so that the tally's ends are the table's `min` and `max`.
    static func precedes(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }
}
