import Foundation
import GRDB
import GlareCore
import GlareTestSupport
import Testing

@testable import GlareStore

/// A rebuild replaces a GKG file's matches only when they changed: equal matches (in any order, with the
/// duplicates of a record and person a matcher may give) leave the table untouched; any changed column,
/// a match more or fewer, replaces them, as a delete and an insert did before.
struct GKGMatchReplaceTests {
    static let day = Day(iso: "2015-09-01")!

    static func match(_ record: String, _ person: String, mentions: Int = 1, url: String? = nil, evidence: String = #"{"alias":"A"}"#) -> GKGMatchRow {
        GKGMatchRow(
            recordId: record, person: person, day: day, url: url ?? "https://x.example/\(record)", outlet: "x.example", title: "",
            mentions: mentions, evidence: evidence)
    }

    /// The file's stored matches, as (record, person, mentions, evidence) rows in key order.
    static func stored(_ tx: StoreTransaction, fileId: Int64) throws -> [String] {
        try Row.fetchAll(
            tx.db,
            sql: """
                SELECT m.recordId, p.person, m.mentions, m.urlHash, e.evidence FROM gkgMatch m
                JOIN gkgPerson p ON p.id = m.personId JOIN gkgEvidence e ON e.id = m.evidenceId
                WHERE m.fileId = ? ORDER BY m.recordId, p.person
                """, arguments: [fileId]
        ).map { r in "\(r[0] as String) \(r[1] as String) \(r[2] as Int) \(r[3] as Int64) \(r[4] as String)" }
    }

    @Test func equalMatchesAreLeftAsTheyAre() throws {
        let db = try GlareDatabase(path: ":memory:")
        let first = [Self.match("r1", "liu-xia", mentions: 2), Self.match("r2", "gao-yu"), Self.match("r1", "liu-xia", mentions: 9)]
        try db.write { tx in
            let index = try tx.insertSnapshot(Snapshot(sha256: "ab", byteCount: 3), kind: "gkg-names", originalName: "f.names")
            try tx.recordGKGFile(
                GKGFileResult(
                    stream: "gkg", slot: "20150901000000", day: Self.day, name: "f.gkg.csv", byteCount: nil, md5: nil, rows: 3, skipped: 0,
                    problems: nil, matches: first, days: [:]),
                index: index, raw: nil)
            let fileId = try #require(try tx.gkgFiles().first?.id)
            let before = try Self.stored(tx, fileId: fileId)
            // The first of a record and person's matches is the one kept.
            #expect(before.count == 2 && before[0].hasPrefix("r1 liu-xia 2 "), "\(before)")

            // The same matches in another order, the duplicate too: nothing is written.
            let changes = tx.db.totalChangesCount
            try tx.replaceGKGMatches(fileId: fileId, with: [first[1], first[0], first[2]])
            #expect(tx.db.totalChangesCount == changes)
            #expect(try Self.stored(tx, fileId: fileId) == before)

            // Any change replaces them: mentions, URL, evidence, a match more, a match fewer.
            let changed: [[GKGMatchRow]] = [
                [Self.match("r1", "liu-xia", mentions: 3), first[1]],
                [first[0], Self.match("r2", "gao-yu", url: "https://y.example/r2")],
                [first[0], Self.match("r2", "gao-yu", evidence: #"{"alias":"B"}"#)],
                [first[0], first[1], Self.match("r3", "gao-yu")],
                [first[1]],
                [],
            ]
            for matches in changed {
                let changes = tx.db.totalChangesCount
                try tx.replaceGKGMatches(fileId: fileId, with: matches)
                #expect(tx.db.totalChangesCount > changes)
                let expected = matches.map { m in
                    "\(m.recordId) \(m.person) \(m.mentions) \(Int64(bitPattern: GKGMatchRow.urlHash(m.url))) \(m.evidence)"
                }.sorted()
                #expect(try Self.stored(tx, fileId: fileId) == expected)
            }
        }
    }
}
