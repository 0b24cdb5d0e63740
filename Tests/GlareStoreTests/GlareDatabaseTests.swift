import Foundation
import GRDB
import GlareCore
import GlareTestSupport
import Testing

@testable import GlareStore

@Suite struct GlareDatabaseTests {
    struct Boom: Error {}

    let export = TrendsExport(
        format: .webCSV, resolution: .day, columns: [.init(term: "Gao Yu", geo: "Worldwide")],
        rows: [
            .init(period: .day(Day(iso: "2015-09-01")!), values: [.belowOne]),
            .init(period: .day(Day(iso: "2015-09-02")!), values: [.value(100)], isPartial: true),
        ])

    @Test func exportsRoundTrip() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let db = try GlareDatabase(path: folder.path("g.sqlite"))
        try db.write { tx in
            let r = try tx.insertSnapshot(Snapshot(sha256: "ab", byteCount: 3), kind: "trends-csv", originalName: "a.csv")
            try tx.insertTrendsExport(export, snapshot: r, people: [("gao-yu", true)])
        }
        // A second connection to the same file sees the same data.
        let again = try GlareDatabase(path: folder.path("g.sqlite"))
        let stored = try again.read { try $0.trendsExports() }
        #expect(stored.count == 1)
        #expect(stored[0].export == export)
        #expect(stored[0].people.map(\.id) == ["gao-yu"])
        #expect(stored[0].snapshot.originalName == "a.csv")
    }

    @Test func theJournalStaysBesideTheStoreEmptiedAtEachCommit() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let db = try GlareDatabase(path: folder.path("g.sqlite"))
        for (n, sha) in ["ab", "cd"].enumerated() {
            try db.write { _ = try $0.insertSnapshot(Snapshot(sha256: sha, byteCount: n + 1), kind: "trends-csv", originalName: "\(sha).csv") }
            // Kept (not deleted), its header zeroed: not a hot journal that a reader would roll back.
            let journal = try Data(contentsOf: URL(fileURLWithPath: folder.path("g.sqlite-journal")))
            #expect(!journal.isEmpty)
            #expect(journal.prefix(8).allSatisfy { $0 == 0 })
        }
        #expect(throws: Boom.self) {
            try db.write { tx in
                _ = try tx.insertSnapshot(Snapshot(sha256: "ef", byteCount: 3), kind: "trends-csv", originalName: "ef.csv")
                throw Boom()
            }
        }
        let reader = try GlareDatabase(path: folder.path("g.sqlite"), readOnly: true)
        #expect(try reader.read { try $0.snapshots() }.map(\.snapshot.sha256).sorted() == ["ab", "cd"])
    }

    @Test func theJournalTakesTheStoresPermissions() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path("g.sqlite")
        try GlareDatabase(path: path).write { _ = try $0.insertSnapshot(Snapshot(sha256: "ab", byteCount: 1), kind: "trends-csv", originalName: "a.csv") }
        // The store opened up for readers after the journal was made (as under cron's umask 077).
        #expect(chmod(path, 0o644) == 0)
        #expect(chmod(path + "-journal", 0o600) == 0)
        _ = try GlareDatabase(path: path)
        var journal = stat()
        #expect(stat(path + "-journal", &journal) == 0)
        #expect(journal.st_mode & 0o777 == 0o644)
        // Kept between writes, cut back to 64 MiB after a larger one.
        let settings = try DatabaseQueue(path: path).write { db in
            [try String.fetchOne(db, sql: "PRAGMA journal_mode"), try String.fetchOne(db, sql: "PRAGMA journal_size_limit")]
        }
        #expect(settings == ["delete", "-1"])  // SQLite's defaults for a connection that is not Glare's
        let glare = try GlareDatabase(path: path).read { tx in
            [try String.fetchOne(tx.db, sql: "PRAGMA journal_mode"), try String.fetchOne(tx.db, sql: "PRAGMA journal_size_limit")]
        }
        #expect(glare == ["persist", "67108864"])
    }

    @Test func aFailedWriteLeavesNothing() throws {
        let db = try GlareDatabase(path: ":memory:")
        #expect(throws: Boom.self) {
            try db.write { tx in
                _ = try tx.insertSnapshot(Snapshot(sha256: "cd", byteCount: 1), kind: "trends-csv", originalName: "b.csv")
                throw Boom()
            }
        }
        #expect(try db.read { try $0.snapshots() }.isEmpty)
    }

    @Test func seriesKeepMissingBelowOneAndTotals() throws {
        let db = try GlareDatabase(path: ":memory:")
        let d = Day(iso: "2015-09-01")!
        let key = SeriesKey(person: "gao-yu", source: "google-trends/daily/worldwide/gao-yu", measure: .search)
        let series = AttentionSeries(
            key: key, resolution: .day,
            points: [.day(d): .value(0), .day(d.adding(days: 1)): .belowOne(ceiling: 2), .day(d.adding(days: 3)): .value(7.5)],
            totals: [.day(d): 1000])
        try db.write {
            try $0.replaceSeries(kind: "trends", with: [StoredSeries(series: series, term: "Gao Yu", geo: "Worldwide", inputs: [])], rosterHash: "r1")
        }
        let back = try db.read { try $0.series() }
        #expect(back.count == 1)
        #expect(back[0].series == series)
        #expect(back[0].series.observations[2] == .missing)
        #expect(back[0].kind == "trends" && back[0].rosterHash == "r1")
        // Replacing with nothing removes them.
        try db.write { try $0.replaceSeries(kind: "trends", with: [], rosterHash: nil) }
        #expect(try db.read { try $0.series() }.isEmpty)
    }

    /// The state checks still refuse an unknown state, and cost no temporary b-tree per row written (SQLite builds
    /// one for a CHECK with an IN list: half the cost of writing a series point).
    @Test func stateChecksRefuseUnknownStatesWithoutATemporaryTable() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let db = try GlareDatabase(path: folder.path("g.sqlite"))
        let key = SeriesKey(person: "gao-yu", source: "feed:wire", measure: .news)
        let series = AttentionSeries(key: key, resolution: .day, points: [.day(Day(iso: "2015-09-01")!): .value(1)])
        try db.write { try $0.replaceSeries(kind: "feed", with: [StoredSeries(series: series, term: nil, geo: nil, inputs: [])], rosterHash: nil) }
        try db.write {
            try $0.insertTrendsExport(
                export, snapshot: $0.insertSnapshot(Snapshot(sha256: "ab", byteCount: 3), kind: "trends-csv", originalName: "a.csv"), people: [("gao-yu", true)]
            )
        }
        let raw = try DatabaseQueue(path: folder.path("g.sqlite"))
        let inserts = [
            "INSERT INTO seriesPoint (seriesId, period, state, value) VALUES (1, '2015-09-02', ?, 1)",
            "INSERT INTO seriesPointRecent (seriesId, period, state, value) VALUES (1, '2015-09-02', ?, 1)",
            "INSERT INTO trendsValue (exportId, position, period, state, value) VALUES (1, 0, '2015-09-03', ?, 1)",
        ]
        for sql in inserts {
            try raw.write { db in
                #expect(throws: DatabaseError.self) { try db.execute(sql: sql, arguments: ["bogus"]) }
                let opcodes = try Row.fetchAll(db, sql: "EXPLAIN " + sql, arguments: ["value"]).map { $0["opcode"] as String }
                #expect(opcodes.contains("Insert") || opcodes.contains("IdxInsert"))
                #expect(!opcodes.contains("OpenEphemeral"), "\(sql)")
                try db.execute(sql: sql, arguments: ["missing"])
            }
        }
    }

    /// A batch's stored sources are read from its entries' ends of the (kind, source) index: every source that
    /// begins with an entry (its twins, a longer name, any character after it), nothing else, of that kind only.
    @Test func seriesSourcesByPrefixAreThoseBeginningWithIt() throws {
        let db = try GlareDatabase(path: ":memory:")
        let day = Day(iso: "2015-09-01")!
        let sources = ["feed:a", "feed:a/stories", "feed:ab", "feed:a\u{E9}", "feed:a\u{1F600}", "feed:b", "feed:", "archive:a"]
        try db.write { tx in
            for source in sources {
                let series = AttentionSeries(
                    key: SeriesKey(person: "gao-yu", source: source, measure: .news), resolution: .day, points: [.day(day): .value(1)])
                try tx.replaceSeries(
                    kind: source.hasPrefix("feed:") ? "feed" : "archive", sources: [source],
                    with: [StoredSeries(series: series, term: nil, geo: nil, inputs: [])],
                    rosterHash: nil)
            }
        }
        let read = try db.read { tx in
            (
                try tx.seriesSources(kind: "feed", prefixes: ["feed:a"]), try tx.seriesSources(kind: "feed", prefixes: ["feed:b", "feed:c"]),
                try tx.seriesSources(kind: "feed", prefixes: [""]), try tx.seriesSources(kind: "archive", prefixes: ["feed:a", "archive:"]),
                try tx.seriesSources(kind: "feed", prefixes: []),
                [
                    try tx.hasSeries(kind: "feed", source: "feed:ab"), try tx.hasSeries(kind: "feed", source: "feed:c"),
                    try tx.hasSeries(kind: "archive", source: "feed:a"),
                ]
            )
        }
        #expect(read.0 == ["feed:a", "feed:a/stories", "feed:ab", "feed:a\u{E9}", "feed:a\u{1F600}"])
        #expect(read.1 == ["feed:b"])
        #expect(read.2 == Set(sources.dropLast()))
        #expect(read.3 == ["archive:a"])
        #expect(read.4.isEmpty)
        #expect(read.5 == [true, false, false])
    }

    @Test func seriesTextsNullsAndDuplicatesAreStoredAsGiven() throws {
        // Series rows and points are bound through SQLite's own calls: empty and non-ASCII texts, absent
        // values and a series given twice must come back (or fail) as they would through GRDB's arguments.
        let db = try GlareDatabase(path: ":memory:")
        let d = Day(iso: "2015-09-01")!
        let key = SeriesKey(person: "nasrin-sotoudeh", source: "google-trends/daily/IR/نسرین ستوده", measure: .search)
        let series = AttentionSeries(
            key: key, resolution: .day, points: [.day(d): .value(12.25), .day(d.adding(days: 1)): .missing], totals: [.day(d): 0],
            coverage: [.day(d): Coverage(covered: 24, units: 24, unit: "hours"), .day(d.adding(days: 1)): Coverage(covered: 0, units: 24, unit: "")])
        let stored = StoredSeries(series: series, term: "", geo: "São Tomé 🇸🇹", inputs: [])
        try db.write { try $0.replaceSeries(kind: "trends", with: [stored], rosterHash: nil) }
        let back = try #require(try db.read { try $0.series(partialPeriods: true) }.first)
        #expect(back.series == series)
        #expect(back.term == "" && back.geo == "São Tomé 🇸🇹" && back.rosterHash == nil)
        #expect(back.series.coverage.map { $0?.unit } == ["hours", ""])
        #expect(throws: StoreError.duplicateSeries(key.description)) {
            try db.write { try $0.replaceSeries(kind: "trends", with: [stored, stored], rosterHash: nil) }
        }
        #expect(try db.read { try $0.series() }.count == 1)  // the failed write left the store as it was
    }

    @Test func aFeedsSpansAreReadByTheirEnds() throws {
        // A feed gains a span every run: its bounds, its spans near some days and the span it reached
        // furthest with are read from indexes, and must say what reading every span would.
        let db = try GlareDatabase(path: ":memory:")
        var state: UInt64 = 7
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33) % n
        }
        try db.write { tx in
            for i in 0..<3000 {
                let source = ["feed:a", "feed:b", "feed:a/x"][next(3)]
                let start = next(100_000), length = next(3) == 0 ? 0 : next(5_000)  // some empty spans, never read
                try tx.insertCoverageSpan(CoverageSpanRecord(source: source, start: start, end: start + length, snapshotId: nil, how: "run \(i)"))
            }
            // Two spans reaching equally far: the one recorded last.
            try tx.insertCoverageSpan(CoverageSpanRecord(source: "feed:b", start: 5, end: 200_000, snapshotId: nil, how: "first"))
            try tx.insertCoverageSpan(CoverageSpanRecord(source: "feed:b", start: 9, end: 200_000, snapshotId: nil, how: "second"))
        }
        let all = try db.read { try $0.coverageSpans() }
        try db.read { tx in
            for source in ["feed:a", "feed:b", "feed:a/x", "feed:c"] {
                let mine = all.filter { $0.source == source && $0.start < $0.end }
                let bounds = try tx.coverageBounds(source: source)
                #expect(bounds?.start == mine.map(\.start).min() && bounds?.end == mine.map(\.end).max())
                for (from, to) in [(0, 1), (40_000, 40_100), (99_000, 200_001), (-5, 0)] {
                    let near = try tx.coverageSpans(source: source, overlapping: from, to)
                    #expect(
                        near.sorted { $0.lowerBound < $1.lowerBound }
                            == mine.filter { $0.start < to && $0.end > from }.map { $0.start..<$0.end }.sorted { $0.lowerBound < $1.lowerBound })
                }
                let furthest = all.filter { $0.source == source }.max { ($0.end, $0.id!) < ($1.end, $1.id!) }
                #expect(try tx.latestCoverageSpan(source: source) == furthest)
            }
            #expect(try tx.latestCoverageSpan(source: "feed:b")?.how == "second")
            #expect(try tx.coverageSpans(sources: ["feed:a", "feed:c"]) == all.filter { $0.source == "feed:a" })
        }
    }

    @Test func partlyCoveredPeriodsAreMissingUnlessAdmitted() throws {
        let db = try GlareDatabase(path: ":memory:")
        let d = Day(iso: "2015-09-01")!
        let key = SeriesKey(person: "gao-yu", source: "gkg", measure: .news)
        let slots = { (n: Int) in Coverage(covered: n, units: 96, unit: "slots") }
        let series = AttentionSeries(
            key: key, resolution: .day, points: [.day(d): .value(3), .day(d.adding(days: 1)): .value(1), .day(d.adding(days: 2)): .missing],
            totals: [.day(d): 40, .day(d.adding(days: 1)): 2],
            coverage: [.day(d): slots(96), .day(d.adding(days: 1)): slots(37), .day(d.adding(days: 2)): slots(0)])
        try db.write { try $0.replaceSeries(kind: "gkg", with: [StoredSeries(series: series, term: nil, geo: nil, inputs: [])], rosterHash: nil) }
        let strict = try db.read { try $0.series() }[0].series
        #expect(strict.observations == [.value(3), .missing, .missing])
        #expect(strict.coverage.map { $0?.description } == ["96/96 slots", "37/96 slots", "0/96 slots"])
        let admitted = try db.read { try $0.series(partialPeriods: true) }[0].series
        #expect(admitted == series)
        #expect(admitted.partialCount == 1 && strict.partialCount == 0)
    }

    @Test func thirtyConcurrentFirstOpensAllSucceed() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path("new.sqlite")
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: 30) { _ in
            do { _ = try GlareDatabase(path: path) } catch { failures.add("\(error)") }
        }
        #expect(failures.all.isEmpty, "\(failures.all)")
        #expect(try GlareDatabase(path: path).read { try $0.series() }.isEmpty)
    }

    @Test func everyWriteOfConcurrentFirstOpensIsKept() throws {
        // A new store is migrated beside its path and renamed into place: a process that opened the
        // path meanwhile must not write into a file the rename then replaces.
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path("new.sqlite")
        let failures = Failures()
        // Twelve threads (not one per core) released together, so that they really race.
        let gate = DispatchSemaphore(value: 0), done = DispatchGroup()
        for i in 0..<12 {
            done.enter()
            Thread.detachNewThread {
                gate.wait()
                do {
                    let db = try GlareDatabase(path: path)
                    try db.write { try $0.saveSourceState(SourceState(source: "s\(i)", kind: "rss")) }
                } catch { failures.add("\(error)") }
                done.leave()
            }
        }
        for _ in 0..<12 { gate.signal() }
        done.wait()
        #expect(failures.all.isEmpty, "\(failures.all)")
        let states = try GlareDatabase(path: path).read { tx in try (0..<12).compactMap { try tx.sourceState("s\($0)") } }
        #expect(states.count == 12)
        #expect(!FileManager.default.fileExists(atPath: path + "-new"))
    }

    @Test func aStoreLeftHalfCreatedIsCreatedAgain() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path("new.sqlite")
        try Data("not a database".utf8).write(to: URL(fileURLWithPath: path + "-new"))
        _ = try GlareDatabase(path: path)
        #expect(try GlareDatabase(path: path).read { try $0.series() }.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: path + "-new"))
    }

    @Test func aJournalLeftWithoutItsStoreIsRemovedWhenTheStoreIsCreated() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path("gone.sqlite")
        // A hot journal of a store since deleted (a crash in its commit, then the file removed): its record
        // holds page 1 of another database, which SQLite would roll back into whatever file is found there.
        let otherPath = folder.path("other.sqlite")
        let other = try DatabaseQueue(path: otherPath)
        try other.write { try $0.execute(sql: "CREATE TABLE other (x)") }
        try other.close()
        let page = [UInt8](try Data(contentsOf: URL(fileURLWithPath: otherPath)).prefix(4096))
        #expect(page.count == 4096)
        func bigEndian(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }
        let nonce: UInt32 = 0x1234_5678
        // Magic, one record, the checksum's nonce, the database's size before (1 page), sector size, page size.
        var journal: [UInt8] =
            [0xD9, 0xD5, 0x05, 0xF9, 0x20, 0xA1, 0x63, 0xD7] + bigEndian(1) + bigEndian(nonce) + bigEndian(1) + bigEndian(512) + bigEndian(4096)
        journal += [UInt8](repeating: 0, count: 512 - journal.count)
        var checksum = nonce
        var i = 4096 - 200
        while i > 0 {
            checksum &+= UInt32(page[i])
            i -= 200
        }
        journal += bigEndian(1) + page + bigEndian(checksum)
        try Data(journal).write(to: URL(fileURLWithPath: path + "-journal"))

        let db = try GlareDatabase(path: path)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path + "-journal")).isEmpty)  // made anew, empty (`matchJournal`)
        try db.write { _ = try $0.insertSnapshot(Snapshot(sha256: "ab", byteCount: 1), kind: "trends-csv", originalName: "a.csv") }
        #expect(try GlareDatabase(path: path, readOnly: true).read { try $0.snapshots() }.count == 1)
        let tables = try DatabaseQueue(path: path).read { try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'table'") }
        #expect(!tables.contains("other"))
        #expect(tables.contains("snapshot"))
    }

    @Test func aDatabaseLockedPastTheTimeoutIsBusy() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path("g.sqlite")
        let holder = try GlareDatabase(path: path)
        let waiter = try GlareDatabase(path: path, busyTimeout: 0.2)
        let holding = DispatchSemaphore(value: 0), done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            try? holder.write { tx in
                try tx.replaceSeries(kind: "trends", with: [], rosterHash: nil)
                holding.signal()
                Thread.sleep(forTimeInterval: 1.5)
            }
            done.signal()
        }
        holding.wait()
        #expect(throws: StoreError.busy(path: path)) { try waiter.write { try $0.replaceSeries(kind: "gkg", with: [], rosterHash: nil) } }
        done.wait()
        #expect(StoreError.busy(path: path).isTemporary)
    }

    @Test func unreadableDatabaseIsAnIOError() {
        #expect(throws: StoreError.self) { try GlareDatabase(path: "/proc/glare-cannot-exist/g.sqlite") }
    }
}

/// Errors gathered from concurrent work.
final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []
    func add(_ s: String) { lock.lock(); items.append(s); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return items }
}
