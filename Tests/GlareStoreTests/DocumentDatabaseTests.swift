import Foundation
import GRDB
import GlareTestSupport
import Testing

@testable import GlareCore
@testable import GlareStore

/// Each database's ends kept apart from its documents (`StoreTransaction+DocumentDatabases`, migration v19) are what
/// the documents give, however they were stored, skipped as already held, forgotten, or stored by an older Glare;
/// and what is read through them (ends, whether a database held documents before a run, a database's documents in
/// full) is what a filter of every stored document gives.
@Suite struct DocumentDatabaseTests {
    struct Stored {
        let id: Int64
        let database: String
        let format: String
        let day: String
        let snapshot: Int64
        let people: [String]
    }

    /// An oracle over the documents stored: a database's ends and smallest id, or nil.
    func ends(_ stored: [Stored], _ database: String) -> (first: String, last: String, firstId: Int64)? {
        let mine = stored.filter { $0.database == database }
        guard !mine.isEmpty else { return nil }
        let days = mine.map(\.day).sorted { DocumentDatabaseTally.precedes($0, $1) }
        return (days.first!, days.last!, mine.map(\.id).min()!)
    }

    @Test func theEndsAreTheDocumentsEndsThroughInsertsSkipsAndForgetting() throws {
        var random = SplitMix64(seed: 41)
        let base = Day(iso: "2015-09-01")!
        let databases = ["wire", "post", "wire/x", "Wire", "épopée"]
        let db = try GlareDatabase(path: ":memory:")
        var stored: [Stored] = []
        var snapshots: [Int64] = []
        var keys = 0
        for round in 0..<12 {
            // Each round one transaction: documents of several databases on scattered days (some before the ends so far),
            // some keys already stored (skipped: they change nothing), read back both within the transaction and after.
            try db.write { tx in
                let snapshot = try tx.insertSnapshot(Snapshot(sha256: "s\(round)", byteCount: 3), kind: "feed-rss", originalName: "f.xml")
                snapshots.append(snapshot.id)
                for _ in 0..<(5 + Int(random.next() % 30)) {
                    let database = databases[Int(random.next() % UInt64(databases.count))]
                    let day = base.adding(days: Int(random.next() % 90) - 30)
                    let format = random.next() % 4 == 0 ? "lexis" : "rss"
                    let again = keys > 0 && random.next() % 5 == 0
                    let key = again ? "k\(random.next() % UInt64(keys))" : "k\(keys)"
                    if !again { keys += 1 }
                    let d = NewsDocument(
                        format: format, database: database, documentId: key, outlet: "O", day: day, headline: "h", text: "t", hasText: true, line: 0)
                    if let id = try tx.insertDocument(d, key: key, snapshot: snapshot, sketch: nil) {
                        let people = ["gao-yu", "ni-yulan", "liu-xia"].filter { _ in random.next() % 3 == 0 }
                        for p in people { try tx.insertMention(document: id, person: p, mentions: 1, evidence: "e") }
                        stored.append(Stored(id: id, database: database, format: format, day: day.iso, snapshot: snapshot.id, people: people.sorted()))
                    } else {
                        #expect(again)
                    }
                }
                if round % 3 == 0 { try check(tx, stored, databases + ["none"]) }
            }
            try db.read { try check($0, stored, databases + ["none"]) }
            // Forgetting a snapshot's documents sets every database's ends again (one may lose all its documents).
            if round % 4 == 3 {
                let gone = snapshots[Int(random.next() % UInt64(snapshots.count))]
                try db.write { tx in
                    _ = try tx.forgetSnapshot(id: gone)
                    try check(tx, stored.filter { $0.snapshot != gone }, databases)
                }
                stored.removeAll { $0.snapshot == gone }
                snapshots.removeAll { $0 == gone }
            }
        }
        #expect(try db.read { try $0.documentDatabaseMismatches() } == [])
    }

    /// The ends, `hasDocuments` at every watermark that matters and each database's documents in full, against the oracle.
    func check(_ tx: StoreTransaction, _ stored: [Stored], _ databases: [String]) throws {
        #expect(try tx.documentDatabaseMismatches() == [])
        for database in databases {
            let expected = ends(stored, database)
            let bounds = try tx.documentDayBounds(database: database, formats: ["rss"])
            #expect(bounds.map { [$0.first, $0.last] } == expected.map { [$0.first, $0.last] })
            if let expected {
                for watermark in [expected.firstId - 1, expected.firstId, Int64.max] {
                    #expect(try tx.hasDocuments(database: database, upTo: watermark) == (watermark >= expected.firstId))
                }
            } else {
                #expect(try !tx.hasDocuments(database: database, upTo: .max))
            }
        }
        let some = Set(databases.prefix(2) + ["none"])
        let read = try tx.documentSketches(databases: some)
        let oracle = stored.filter { some.contains($0.database) }.sorted { ($0.day, $0.id) < ($1.day, $1.id) }
        #expect(read.map(\.id) == oracle.map(\.id))
        #expect(read.map { $0.people.sorted() } == oracle.map(\.people))
    }

    /// A database whose stored days do not read as days (an older Glare's) is read as one range of the index: the same
    /// documents a filter gives, those whose day reads as a date.
    @Test func aDatabaseWhoseEndsAreNoDaysIsReadAsARange() throws {
        let db = try GlareDatabase(path: ":memory:")
        let days = ["2015-09-03", "2015-09-01", "2015-09-02", "2015-09-01"]
        try db.write { tx in
            let snapshot = try tx.insertSnapshot(Snapshot(sha256: "ab", byteCount: 3), kind: "feed-rss", originalName: "f.xml")
            for (i, day) in days.enumerated() {
                let d = NewsDocument(
                    format: "rss", database: "wire", documentId: "d\(i)", outlet: "O", day: Day(iso: day)!, headline: "h", text: "t", hasText: true, line: i)
                _ = try tx.insertDocument(d, key: "d\(i)", snapshot: snapshot, sketch: nil)
            }
        }
        #expect(try db.read { try $0.documentSketches(databases: ["wire"]) }.map(\.id) == [2, 4, 3, 1])
        // Days an older Glare stored that are no dates now: at either end, and in between.
        try db.write { tx in
            try tx.db.execute(sql: "UPDATE document SET day = '0999-12-31' WHERE id = 2")
            try tx.db.execute(sql: "UPDATE document SET day = '2015-09-1' WHERE id = 4")
            tx.documentDatabases.recount()
        }
        let bounds = try db.read { try $0.documentDayBounds(database: "wire", formats: ["rss"]) }
        #expect(bounds.map { [$0.first, $0.last] } == ["0999-12-31", "2015-09-1"])  // as SQLite orders text
        #expect(try db.read { try $0.documentSketches(databases: ["wire"]) }.map(\.id) == [3, 1])
        // Ends that read as days but lie too far apart to read day by day: a range too.
        try db.write { tx in
            try tx.db.execute(sql: "UPDATE document SET day = '9999-12-31' WHERE id = 4")
            try tx.db.execute(sql: "UPDATE document SET day = '1000-01-01' WHERE id = 2")
            tx.documentDatabases.recount()
        }
        #expect(try db.read { try $0.documentSketches(databases: ["wire"]) }.map(\.id) == [2, 3, 1, 4])
    }

    /// Names SQLite tells apart by their bytes are two databases, though Swift's strings call them equal (a composed `é`
    /// and `e` with a combining accent).
    @Test func namesEqualAsStringsButNotAsBytesAreTwoDatabases() throws {
        let db = try GlareDatabase(path: ":memory:")
        let (composed, decomposed) = ("Caf\u{E9}", "Cafe\u{301}")
        #expect(composed == decomposed)
        try db.write { tx in
            let snapshot = try tx.insertSnapshot(Snapshot(sha256: "ab", byteCount: 3), kind: "feed-rss", originalName: "f.xml")
            for (i, (database, day)) in [(composed, "2015-09-02"), (decomposed, "2015-08-01"), (composed, "2015-09-04")].enumerated() {
                let d = NewsDocument(
                    format: "rss", database: database, documentId: "d\(i)", outlet: "O", day: Day(iso: day)!, headline: "h", text: "t", hasText: true, line: i)
                _ = try tx.insertDocument(d, key: "d\(i)", snapshot: snapshot, sketch: nil)
            }
        }
        try db.read { (tx: StoreTransaction) throws in
            #expect(try tx.documentDatabaseMismatches() == [])
            #expect(try tx.documentDayBounds(database: composed, formats: ["rss"]).map { [$0.first, $0.last] } == ["2015-09-02", "2015-09-04"])
            #expect(try tx.documentDayBounds(database: decomposed, formats: ["rss"]).map { [$0.first, $0.last] } == ["2015-08-01", "2015-08-01"])
        }
    }

    /// Documents stored by a writer that kept no tally (a Glare from before v19 still running when its store was brought
    /// up to date, here rows inserted directly) are counted: read from the documents until a transaction that writes sets
    /// the table again, before it stores or reads anything through it.
    @Test func documentsStoredWithoutATallyAreCountedAgain() throws {
        let db = try GlareDatabase(path: ":memory:")
        let snapshot = try db.write { tx in
            let snapshot = try tx.insertSnapshot(Snapshot(sha256: "ab", byteCount: 3), kind: "feed-rss", originalName: "f.xml")
            let d = NewsDocument(
                format: "rss", database: "wire", documentId: "a", outlet: "O", day: Day(iso: "2015-09-02")!, headline: "h", text: "t", hasText: true, line: 0)
            _ = try tx.insertDocument(d, key: "a", snapshot: snapshot, sketch: nil)
            return snapshot
        }
        try db.write { tx in
            try tx.db.execute(
                sql: """
                    INSERT INTO document (snapshotId, documentKey, format, database, outlet, day, headline, hasText, text, line)
                    VALUES (?1, 'b', 'rss', 'wire', 'O', '2015-09-07', 'h', 1, 't', 0), (?1, 'c', 'rss', 'post', 'O', '2015-08-01', 'h', 1, 't', 0)
                    """, arguments: [snapshot.id])
        }
        let ends = { (tx: StoreTransaction) in
            try ["wire", "post"].map { try tx.documentDayBounds(database: $0, formats: ["rss"]).map { [$0.first, $0.last] } ?? [] }
        }
        #expect(try db.read { try $0.documentDatabaseMismatches() }.count == 3)  // wire's last day, post, the count
        #expect(try db.read(ends) == [["2015-09-02", "2015-09-07"], ["2015-08-01", "2015-08-01"]])
        #expect(try db.read { try $0.hasDocuments(database: "post", upTo: .max) })
        try db.write { (tx: StoreTransaction) throws in
            #expect(try ends(tx) == [["2015-09-02", "2015-09-07"], ["2015-08-01", "2015-08-01"]])
            #expect(try tx.documentDatabaseMismatches() == [])
        }
        #expect(try db.read { try $0.documentDatabaseMismatches() } == [])
        // A transaction that stores first counts them too.
        try db.write { tx in
            try tx.db.execute(
                sql:
                    "INSERT INTO document (snapshotId, documentKey, format, database, outlet, day, headline, hasText, text, line) VALUES (?, 'd', 'rss', 'post', 'O', '2015-07-01', 'h', 1, 't', 0)",
                arguments: [snapshot.id])
        }
        try db.write { tx in
            let d = NewsDocument(
                format: "rss", database: "wire", documentId: "e", outlet: "O", day: Day(iso: "2015-09-09")!, headline: "h", text: "t", hasText: true, line: 0)
            _ = try tx.insertDocument(d, key: "e", snapshot: snapshot, sketch: nil)
        }
        #expect(try db.read { try $0.documentDatabaseMismatches() } == [])
        #expect(try db.read(ends) == [["2015-09-02", "2015-09-09"], ["2015-07-01", "2015-08-01"]])
    }

    /// A store made before v19 (documents indexed by database, no ends kept) gets the ends its documents give.
    @Test func aStoreFromBeforeGetsItsDatabasesEnds() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path("old.sqlite")
        let queue = try DatabaseQueue(path: path)
        try GlareDatabase.migrator.migrate(queue, upTo: "v18: recent source periods, by period")
        try queue.write { db in
            try db.execute(sql: "INSERT INTO snapshot (id, sha256, byteCount, kind, originalName, importedAt) VALUES (1, 'ab', 3, 'feed-rss', 'f', 'now')")
            for (i, (database, day)) in [("wire", "2015-09-02"), ("post", "2015-08-30"), ("wire", "2015-08-31"), ("wire", "2015-09-05")].enumerated() {
                try db.execute(
                    sql: """
                        INSERT INTO document (id, snapshotId, documentKey, format, database, outlet, day, headline, hasText, text, line)
                        VALUES (?, 1, ?, 'rss', ?, 'O', ?, 'h', 1, 't', 0)
                        """, arguments: [i + 5, "k\(i)", database, day])
            }
        }
        try queue.close()
        let db = try GlareDatabase(path: path)
        try db.read { tx in
            #expect(try tx.documentDatabaseMismatches() == [])
            #expect(try tx.documentDatabaseEnds("wire").map { [$0.firstDay, $0.lastDay, "\($0.firstId)"] } == ["2015-08-31", "2015-09-05", "5"])
            #expect(try tx.documentDatabaseEnds("post").map { [$0.firstDay, $0.lastDay, "\($0.firstId)"] } == ["2015-08-30", "2015-08-30", "6"])
            let indexes = try String.fetchAll(tx.db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'document' AND sql IS NOT NULL")
            #expect(indexes == ["documentByDayDatabase"])
        }
    }
}

extension StoreTransaction {
    /// Whether `documentDatabase` holds, for every database, exactly the ends its documents give (the tests' oracle): the databases whose rows differ, with what each says and what the documents say.
    func documentDatabaseMismatches() throws -> [String] {
        if writes { try settleDocumentDatabases() }
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
                UNION ALL
                SELECT 'documents counted through ' || c.throughId || ', stored through ' || (SELECT COALESCE(MAX(id), 0) FROM document),
                    NULL, NULL, NULL, NULL, NULL, NULL
                FROM documentDatabaseCounted c WHERE c.throughId IS NOT (SELECT COALESCE(MAX(id), 0) FROM document)
                ORDER BY 1
                """
        ).map { r in
            let kept = (r["kf"] as String?).map { "\($0)…\(r["kl"] as String? ?? "?") from row \(r["ki"] as Int64? ?? 0)" } ?? "nothing"
            let actual = (r["af"] as String?).map { "\($0)…\(r["al"] as String? ?? "?") from row \(r["ai"] as Int64? ?? 0)" } ?? "no document"
            return "\(r["database"] as String): kept \(kept), documents \(actual)"
        }
    }
}
