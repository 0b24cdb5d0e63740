import Foundation
import GlareTestSupport
import Testing

@testable import GlareCore
@testable import GlareStore

/// The ends a fetch's derivation by day checks before it extends a feed's stored series: a database's first
/// and last document day (and whether documents of other formats end it), a source's coverage bounds.
@Suite struct DocumentDayBoundsTests {
    @Test func aDatabaseEndsAtItsFirstAndLastDocumentDay() throws {
        let db = try GlareDatabase(path: ":memory:")
        let formats: Set<String> = ["rss", "atom", "guardian"]
        try db.write { tx in
            let snapshot = try tx.insertSnapshot(Snapshot(sha256: "ab", byteCount: 3), kind: "feed-rss", originalName: "f.xml")
            func add(_ key: String, _ format: String, _ database: String, _ day: String) throws {
                let d = NewsDocument(
                    format: format, database: database, documentId: key, outlet: "Wire", day: Day(iso: day)!, headline: "h", text: "t", hasText: true, line: 0)
                _ = try tx.insertDocument(d, key: key, snapshot: snapshot, sketch: nil)
            }
            // The database's ends and mixed flag, as text.
            func ends(_ database: String) throws -> [String]? {
                try tx.documentDayBounds(database: database, formats: formats).map { [$0.first, $0.last, "\($0.mixed)"] }
            }
            #expect(try tx.documentDayBounds(database: "wire", formats: formats) == nil)
            try add("a", "atom", "wire", "2015-09-03")
            try add("b", "rss", "wire", "2015-09-01")
            try add("c", "rss", "wire", "2015-09-02")
            try add("d", "lexis", "other", "2015-08-01")
            #expect(try ends("wire") == ["2015-09-01", "2015-09-03", "false"])
            // A document of another format on the last day, beside one of `formats`: still not mixed.
            try add("e", "lexis", "wire", "2015-09-03")
            #expect(try tx.documentDayBounds(database: "wire", formats: formats)?.mixed == false)
            // One of another format alone on a new last day, or a new first day: mixed.
            try add("f", "lexis", "wire", "2015-09-05")
            #expect(try ends("wire") == ["2015-09-01", "2015-09-05", "true"])
            #expect(try ends("other") == ["2015-08-01", "2015-08-01", "true"])
            #expect(try tx.documentDayBounds(database: "other", formats: ["lexis"])?.mixed == false)
            // Another format's document alone on the first day, the fetched formats' on the last: mixed too.
            try add("g", "rss", "other", "2015-08-04")
            #expect(try ends("other") == ["2015-08-01", "2015-08-04", "true"])
            try add("h", "rss", "other", "2015-08-01")
            #expect(try tx.documentDayBounds(database: "other", formats: formats)?.mixed == false)
        }
    }

    @Test func aSourceIsCoveredFromItsFirstSpanStartToItsLastSpanEnd() throws {
        let db = try GlareDatabase(path: ":memory:")
        try db.write { tx in
            #expect(try tx.coverageBounds(source: "feed:wire") == nil)
            for (start, end) in [(500, 900), (100, 300), (700, 1_200), (2_000, 2_000)] {
                try tx.insertCoverageSpan(CoverageSpanRecord(source: "feed:wire", start: start, end: end, snapshotId: nil, how: "test"))
            }
            try tx.insertCoverageSpan(CoverageSpanRecord(source: "feed:other", start: 0, end: 5_000, snapshotId: nil, how: "test"))
            // The empty span (2,000–2,000) is no coverage: it ends nothing.
            #expect(try tx.coverageBounds(source: "feed:wire").map { [$0.start, $0.end] } == [100, 1_200])
            try tx.insertCoverageSpan(CoverageSpanRecord(source: "feed:empty", start: 10, end: 10, snapshotId: nil, how: "test"))
            #expect(try tx.coverageBounds(source: "feed:empty") == nil)
        }
    }
}
