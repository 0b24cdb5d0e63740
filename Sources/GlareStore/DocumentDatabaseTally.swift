/// The documents one write transaction has stored so far, by database: the earliest and latest day (as stored, compared
/// as SQLite compares text) and the smallest row id, not yet added to the `documentDatabase` table; and whether the
/// table must be set again from the documents (some were deleted, or stored by a writer that kept no tally).
///
/// `StoreTransaction.insertDocument` notes each document here (its database's entry updated), and the table takes the tally in one
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

    /// One entry a database as SQLite tells them apart, by their bytes, where Swift's strings are equal when canonically
    /// equivalent (a composed `é` and `e` with a combining accent are two databases to the store, one key to a `String`):
    /// found by name, then by bytes among the entries of equivalent names.
    private(set) var entries: [Entry] = []
    private var byName: [String: [Int]] = [:]
    /// The entry the last document went to: a batch's documents come feed by feed.
    private var last = -1
    /// Whether the table is to be set again from the documents stored, whatever the entries say.
    private(set) var needsRecount = false
    /// Whether this transaction has checked that the table had counted every document stored before it began.
    var checked = false

    var isEmpty: Bool { entries.isEmpty && !needsRecount }

    /// Notes one stored document.
    func note(database: String, day: String, id: Int64) {
        if last < 0 || !entries[last].database.utf8.elementsEqual(database.utf8) {
            if let i = byName[database]?.first(where: { entries[$0].database.utf8.elementsEqual(database.utf8) }) {
                last = i
            } else {
                entries.append(Entry(database: database, firstDay: day, lastDay: day, firstId: id))
                byName[database, default: []].append(entries.count - 1)
                last = entries.count - 1
                return
            }
        }
        if Self.precedes(day, entries[last].firstDay) { entries[last].firstDay = day }
        if Self.precedes(entries[last].lastDay, day) { entries[last].lastDay = day }
        entries[last].firstId = min(entries[last].firstId, id)
    }

    /// Asks for the table to be set again from the documents (after deleting some).
    func recount() { needsRecount = true }

    /// Forgets what was noted (the table has taken it).
    func clear() {
        entries.removeAll(keepingCapacity: true)
        byName.removeAll(keepingCapacity: true)
        last = -1
        needsRecount = false
    }

    /// Whether `a` sorts before `b` as SQLite's default collation sorts text: by bytes (`memcmp`), not as Swift compares
    /// strings (by canonical Unicode equivalence), so that the tally's ends are the table's `min` and `max`.
    static func precedes(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }
}
