import Foundation
import GRDB
import GlareTestSupport
import Testing

@testable import GlareCore
@testable import GlareStore

/// A document's story sketch as stored: 512 bytes now, 1024 in stores written before, both read as one sketch.
@Suite struct DocumentSketchTests {
    @Test func sketchesOfEitherLayoutReadTheSame() throws {
        let text = "Ni Yulan, a housing rights lawyer in Beijing, was detained again; her husband said police gave no reason."
        let sketch = StorySketch(text: text)
        let db = try GlareDatabase(path: ":memory:")
        let day = Day(iso: "2015-09-01")!
        try db.write { tx in
            let snapshot = try tx.insertSnapshot(Snapshot(sha256: "ab", byteCount: 3), kind: "feed-rss", originalName: "f.xml")
            for (i, key) in ["new", "old", "none"].enumerated() {
                let d = NewsDocument(
                    format: "rss", database: "wire", documentId: key, outlet: "Wire", day: day, headline: "h", text: text, hasText: key != "none", line: i)
                _ = try tx.insertDocument(d, key: key, snapshot: snapshot, sketch: key == "none" ? nil : sketch)
            }
            #expect(try Data.fetchOne(tx.db, sql: "SELECT sketch FROM document WHERE documentKey = 'new'") == sketch.bytes)
            #expect(sketch.bytes.count == 512)
            // The layout before: every 64-bit minimum, little-endian.
            var old = Data(count: 1024)
            old.withUnsafeMutableBytes { raw in
                for (i, v) in StorySketch.minima(folded: TextFolder.fold(text)).enumerated() {
                    raw.storeBytes(of: v.littleEndian, toByteOffset: i * 8, as: UInt64.self)
                }
            }
            try tx.db.execute(sql: "UPDATE document SET sketch = ? WHERE documentKey = 'old'", arguments: [old])
        }
        let read = try db.read { tx in try tx.documentSketches(databases: ["wire"]) }
        #expect(read.map(\.sketch) == [sketch, sketch, nil])
        let byDay = try db.read { tx in try tx.documentSketches(database: "wire", days: [day], upTo: .max) }
        #expect(byDay.map(\.sketch) == [sketch, sketch, nil])
        // Up to a watermark: the documents stored at or before it only.
        let first = try #require(byDay.first?.id)
        #expect(try db.read { tx in try tx.documentSketches(database: "wire", days: [day], upTo: first) }.map(\.id) == [first])
        #expect(SyndicationDetector().stories(read.prefix(2).map { .init(id: String($0.id), day: $0.day, sketch: $0.sketch!) }) == ["1", "1"])
    }
}

/// One database's documents on given days (what deriving day by day reads) are exactly those a filter of every
/// stored document gives: days scattered and in runs, other databases, later rows, and day texts that a range of
/// the index would take but `day IN (…)` did not (not dates, or not written as Glare writes them).
@Suite struct DocumentSketchesByDayTests {
    @Test func theDocumentsOfTheGivenDaysAndNoOthers() throws {
        var random = SplitMix64(seed: 23)
        let base = Day(iso: "2015-09-01")!
        let db = try GlareDatabase(path: ":memory:")
        var stored: [(id: Int64, database: String, day: String, people: [String])] = []
        try db.write { tx in
            let snapshot = try tx.insertSnapshot(Snapshot(sha256: "ab", byteCount: 3), kind: "feed-rss", originalName: "f.xml")
            for i in 0..<400 {
                let database = ["wire", "post", "wire/x"][Int(random.next() % 3)]
                let day = base.adding(days: Int(random.next() % 30))
                let d = NewsDocument(
                    format: "rss", database: database, documentId: "d\(i)", outlet: "O", day: day, headline: "h", text: "a text \(i)", hasText: true,
                    line: i)
                let row = try #require(try tx.insertDocument(d, key: "d\(i)", snapshot: snapshot, sketch: StorySketch(text: "a text \(i)")))
                let people = i % 5 == 0 ? ["gao-yu", "ni-yulan"] : i % 7 == 0 ? ["ni-yulan"] : []
                for p in people { try tx.insertMention(document: row, person: p, mentions: 1, evidence: "e") }
                stored.append((row, database, day.iso, people))
            }
            // Texts between two days in a range's order: none is a day IN named.
            for (n, text) in ["2015-09-05x", "2015-09-05 ", "2015-09-5", "2015-09-06T00:00"].enumerated() {
                try tx.db.execute(sql: "UPDATE document SET day = ? WHERE id = ?", arguments: [text, stored[n].id])
                stored[n].day = text
            }
        }
        for round in 0..<60 {
            var days = Set<Day>()
            for _ in 0..<(1 + Int(random.next() % 8)) {
                let start = base.adding(days: Int(random.next() % 34) - 2)
                for k in 0..<Int(random.next() % 4) { days.insert(start.adding(days: k)) }
            }
            let database = ["wire", "post", "none"][round % 3]
            let watermark = round % 4 == 0 ? Int64.max : stored[Int(random.next() % 400)].id
            let read = try db.read { try $0.documentSketches(database: database, days: days, upTo: watermark) }
            let texts = Set(days.map(\.iso))
            let expected = stored.filter { $0.database == database && $0.id <= watermark && texts.contains($0.day) }
                .sorted { ($0.day, $0.id) < ($1.day, $1.id) }
            #expect(read.map(\.id) == expected.map(\.id))
            #expect(read.map { $0.people.sorted() } == expected.map(\.people))
            #expect(read.allSatisfy { $0.database == database && days.contains($0.day) && $0.sketch != nil })
        }
    }
}

/// The order derivation reads documents in, by day then id, however they come.
@Suite struct DerivationOrderTests {
    @Test func documentsComeByDayThenId() {
        var random = SplitMix64(seed: 19)
        let base = Day(iso: "2015-09-01")!
        for round in 0..<200 {
            let count = Int(random.next() % 60)
            // Feeds list their newest first; some rounds are in order already, some have days and ids tied.
            var documents: [StoreTransaction.DocumentSketch] = (0..<count).map { i in
                let day = base.adding(days: Int(random.next() % (round % 3 == 0 ? 1 : 9)))
                return (Int64(random.next() % 40), "db\(i % 3)", "rss", day, nil, ["p\(i)"])
            }
            if round % 4 == 1 { documents.sort { ($0.day, $0.id) < ($1.day, $1.id) } }
            if round % 4 == 2 { documents.sort { ($0.day, $0.id) > ($1.day, $1.id) } }
            let ordered = StoreTransaction.inDerivationOrder(documents)
            #expect(ordered.count == documents.count)
            #expect(zip(ordered, ordered.dropFirst()).allSatisfy { ($0.day, $0.id) <= ($1.day, $1.id) })
            // The same documents (each one's people name it), ties in the order they came.
            let ties = { (list: [StoreTransaction.DocumentSketch]) in list.map { "\($0.day.iso) \($0.id) \($0.people)" } }
            #expect(ties(ordered) == ties(documents.enumerated().sorted { ($0.1.day, $0.1.id, $0.0) < ($1.1.day, $1.1.id, $1.0) }.map(\.1)))
        }
    }
}
