/// The documents one write transaction has stored so far, by database: the earliest and latest day (as stored, compared
/// as SQLite compares text) and the smallest row id, not yet added to the `documentDatabase` table; and whether the
/// table must be set again from the documents (some were deleted, or stored by a writer that kept no tally).
///
/// `StoreTransaction.insertDocument` notes each document here, a dictionary update, and the table takes the tally in one
/// row a database before anything reads it and when the transaction ends (`StoreTransaction.settleDocumentDatabases`):
/// a fetch stores ten thousand documents of 200 feeds in a run, and a row written for each (a trigger's, 5 µs each) would
/// cost more than the index it replaces (`StoreTransaction+DocumentDatabases`).
final class DocumentDatabaseTally {
    /// One database's documents noted since the table last took the tally.
    struct Entry {
        /// The database's name as given (the key is its bytes).
        let database: String
        var firstDay: String
        var lastDay: String
        var firstId: Int64
    }

    /// By the name's bytes: SQLite tells names apart by their bytes, where Swift's strings are equal when canonically
    /// equivalent (a composed `é` and `e` with a combining accent are two databases to the store, one key to a `String`).
    private(set) var entries: [[UInt8]: Entry] = [:]
    /// Whether the table is to be set again from the documents stored, whatever the entries say.
    private(set) var needsRecount = false
    /// Whether this transaction has checked that the table had counted every document stored before it began.
    var checked = false

    var isEmpty: Bool { entries.isEmpty && !needsRecount }

    /// Notes one stored document.
    func note(database: String, day: String, id: Int64) {
        let key = Array(database.utf8)
        if var e = entries[key] {
            if Self.precedes(day, e.firstDay) { e.firstDay = day }
            if Self.precedes(e.lastDay, day) { e.lastDay = day }
            e.firstId = min(e.firstId, id)
            entries[key] = e
        } else {
            entries[key] = Entry(database: database, firstDay: day, lastDay: day, firstId: id)
        }
    }

    /// Asks for the table to be set again from the documents (after deleting some).
    func recount() { needsRecount = true }

    /// Forgets what was noted (the table has taken it).
    func clear() {
        entries.removeAll(keepingCapacity: true)
        needsRecount = false
    }

    /// Whether `a` sorts before `b` as SQLite's default collation sorts text: by bytes (`memcmp`), not as Swift compares
    /// strings (by canonical Unicode equivalence), so that the tally's ends are the table's `min` and `max`.
    static func precedes(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }
}
