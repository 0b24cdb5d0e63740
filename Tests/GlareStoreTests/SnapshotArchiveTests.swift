import Foundation
import GlareCore
import GlareStore
import GlareTestSupport
import Testing

@Suite struct SnapshotArchiveTests {
    @Test func gzipRoundTripAndLimits() throws {
        let data = Data((0..<100_000).map { UInt8($0 % 7) })
        let packed = try Gzip.compress(data)
        #expect(packed.count < data.count / 10)
        #expect(packed.prefix(2) == Data([0x1F, 0x8B]))
        #expect(try Gzip.decompress(packed) == data)
        #expect(throws: Gzip.Failure.self) { try Gzip.decompress(packed, limit: 50_000) }
        #expect(throws: Gzip.Failure.self) { try Gzip.decompress(packed.prefix(packed.count / 2)) }
        #expect(throws: Gzip.Failure.self) { try Gzip.decompress(Data("not gzip".utf8)) }
    }

    @Test func storesOnceByContentAndReadsBack() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let archive = SnapshotArchive(directory: folder.url)
        let bytes = try Fixtures.trendsData("weekly_1term_US.csv")
        let a = try archive.store(bytes)
        let b = try archive.store(bytes)
        #expect(a == b)
        // The address is the file's SHA-256 as `sha256sum Snapshots/google-trends/weekly_1term_US.csv` prints it.
        #expect(a.sha256 == "15486591d08f8ffbacd5e937c32a52b8ab8c2fafd67e52f4b36a8f2ad7f09124")
        #expect(archive.url(for: a).path.hasSuffix("/\(a.sha256.prefix(2))/\(a.sha256).gz"))
        #expect(try archive.load(a) == bytes)
        let files = try FileManager.default.subpathsOfDirectory(atPath: folder.url.path).filter { $0.hasSuffix(".gz") || $0.hasSuffix(".tmp") }
        #expect(files.count == 1)
    }

    @Test func storesManyTogether() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let archive = SnapshotArchive(directory: folder.url)
        // More than one group of `syncGroup` (written, synced and renamed in turn), with repeats inside a
        // group and across groups.
        let items = (0..<200).map { Data("item \($0 % 130) ".utf8 + (0..<(($0 % 130) * 13)).map { UInt8($0 % 251) }) }
        #expect(items.count > 2 * SnapshotArchive.syncGroup)
        let stored = try archive.store(items[3])  // already there: left as it is
        let snapshots = try archive.storeAll(items)
        #expect(snapshots.count == 200)
        #expect(snapshots[3] == stored)
        for (snapshot, data) in zip(snapshots, items) {
            #expect(snapshot == Snapshot(of: data))
            #expect(try archive.load(snapshot) == data)
        }
        let files = try FileManager.default.subpathsOfDirectory(atPath: folder.url.path)
        #expect(files.filter { $0.hasSuffix(".tmp") }.isEmpty)
        #expect(files.filter { $0.hasSuffix(".gz") }.count == Set(items).count)
        #expect(try archive.storeAll([]).isEmpty)
    }

    @Test func detectsACorruptSnapshot() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let archive = SnapshotArchive(directory: folder.url)
        let s = try archive.store(Data("original".utf8))
        try Gzip.compress(Data("tampered".utf8)).write(to: archive.url(for: s))
        #expect(throws: StoreError.io(path: archive.url(for: s).path, reason: "snapshot \(s.sha256) is corrupt: its content no longer matches its hash")) {
            try archive.load(s)
        }
    }

    @Test func aFolderThatCannotBeMadeFailsAndLeavesNothing() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let archive = SnapshotArchive(directory: folder.url)
        let blocked = Data("blocked".utf8), fine = Data("fine".utf8)
        // A file where the snapshot's `ab/` folder would go.
        let path = folder.url.appendingPathComponent(String(Snapshot(of: blocked).sha256.prefix(2))).path
        #expect(FileManager.default.createFile(atPath: path, contents: Data("x".utf8)))
        #expect(throws: StoreError.self) { try archive.storeAll([fine, blocked]) }
        let files = try FileManager.default.subpathsOfDirectory(atPath: folder.url.path)
        #expect(files.filter { $0.hasSuffix(".tmp") }.isEmpty, "no temporary file is left")
        #expect(!files.contains { $0.hasSuffix(Snapshot(of: blocked).sha256 + ".gz") })
        #expect(throws: StoreError.self) { try archive.store(blocked) }
    }

    @Test func threadsStoringOverlappingSnapshotsAtOnceKeepEachWhole() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let archive = SnapshotArchive(directory: folder.url.appendingPathComponent("new/archive"))  // made by the first store
        // Eight threads, as the fetch's, each storing 40 snapshots of which most other threads store too.
        let items = (0..<120).map { Data("snapshot \($0) ".utf8 + (0..<($0 * 37)).map { UInt8($0 % 253) }) }
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: 8) { t in
            do {
                for start in stride(from: t * 10, to: t * 10 + 40, by: 4) {
                    let stored = try archive.storeAll(Array(items[start..<(start + 4)]))
                    if stored != items[start..<(start + 4)].map(Snapshot.init(of:)) { failures.add("thread \(t): wrong addresses") }
                }
            } catch {
                failures.add("thread \(t): \(error)")
            }
        }
        #expect(failures.all.isEmpty, "\(failures.all)")
        for data in items[0..<110] { #expect(try archive.load(Snapshot(of: data)) == data) }
        let files = try FileManager.default.subpathsOfDirectory(atPath: archive.directory.path)
        #expect(files.filter { $0.hasSuffix(".tmp") }.isEmpty)
        #expect(files.filter { $0.hasSuffix(".gz") }.count == 110)
    }

    final class Failures: @unchecked Sendable {
        private let lock = NSLock()
        private var list: [String] = []
        func add(_ s: String) { lock.withLock { list.append(s) } }
        var all: [String] { lock.withLock { list } }
    }
}
