import Foundation
import GlareCore
import GlareStore
import GlareTestSupport
import Testing

/// Commands that only read open the store read-only: a missing file is refused and never created, and a
/// read-only handle cannot write.
@Suite struct ReadOnlyStoreTests {
    @Test func aMissingStoreIsRefusedAndNotCreated() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path("sub/typo.sqlite")
        #expect(throws: StoreError.missing(path: path)) { try GlareDatabase(path: path, readOnly: true) }
        #expect(!FileManager.default.fileExists(atPath: folder.path("sub")))
        #expect(throws: StoreError.missing(path: folder.url.path)) { try GlareDatabase(path: folder.url.path, readOnly: true) }
    }

    @Test func aReadOnlyStoreReadsButCannotWrite() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path("g.sqlite")
        let data = Data("bytes".utf8)
        _ = try GlareDatabase(path: path).write { try $0.insertSnapshot(Snapshot(of: data), kind: "test", originalName: "a.csv") }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let reader = try GlareDatabase(path: path, readOnly: true)
        #expect(try reader.read { try $0.snapshots() }.map(\.originalName) == ["a.csv"])
        #expect(throws: (any Error).self) { try reader.write { try $0.insertSnapshot(Snapshot(of: Data("more".utf8)), kind: "test", originalName: "b.csv") } }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test func forgettingASnapshotRemovesItsRowsAndOnlyThem() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let db = try GlareDatabase(path: folder.path("g.sqlite"))
        let (a, b) = try db.write { tx in
            (
                try tx.insertSnapshot(Snapshot(of: Data("a".utf8)), kind: "counts", originalName: "a.csv"),
                try tx.insertSnapshot(Snapshot(of: Data("b".utf8)), kind: "counts", originalName: "b.csv")
            )
        }
        try db.write { tx in
            try tx.insertCoverageSpan(CoverageSpanRecord(source: "archive:x", start: 0, end: 86_400, snapshotId: a.id, how: "test"))
            try tx.insertCoverageSpan(CoverageSpanRecord(source: "archive:x", start: 86_400, end: 172_800, snapshotId: b.id, how: "test"))
        }
        #expect(try db.read { try $0.snapshotIDs(source: "archive:x") } == [a.id, b.id])
        let removed = try db.write { try $0.forgetSnapshot(id: a.id) }
        #expect(removed == ["coverageSpan": 1, "snapshot": 1])
        #expect(try db.read { try $0.snapshots() }.map(\.id) == [b.id])
        #expect(try db.read { try $0.snapshotIDs(source: "archive:x") } == [b.id])
    }
}
