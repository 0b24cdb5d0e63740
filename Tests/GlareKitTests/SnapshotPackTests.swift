import Foundation
import GlareCore
import GlareKit
import GlareTestSupport
import Logging
import Testing

@testable import GlareStore

/// A fetch stores a batch's new snapshots in one pack (`SnapshotArchive.writePack`): the rows say where
/// each lies, everything that reads snapshots finds them there, and a pack no row names is debris.
@Suite struct SnapshotPackTests {
    /// Twelve feeds, one page each, fetched by a run with the test's clock.
    static func fetch(into workspace: Workspace, feeds: Int = 12, server: FixtureServer) throws -> (results: [FetchRun.SourceResult], timings: FetchRunTimings)
    {
        let sources = try SourceList.parse(
            "sources:\n" + (0..<feeds).map { "  - {id: feed-\($0), kind: rss, url: \"\(server.base)/feed-\($0).rss\"}\n" }.joined(),
            file: "sources.yaml")
        let at = ISO8601DateFormatter().date(from: "2015-09-10T18:00:00Z")!
        var run = FetchRun(
            roster: try Roster.load(contentsOf: Fixtures.roster), workspace: workspace, client: FetchRunTests.client(),
            credentials: try Credentials(environment: [:]), logger: .quiet, pause: { _ in }, now: { at })
        var timings: [FetchRunTimings] = []
        run.timed = { timings.append($0) }
        let results = try run.run(sources)
        return (results, try #require(timings.first))
    }

    static func feeds(_ count: Int) -> [String: Data] {
        Dictionary(
            uniqueKeysWithValues: (0..<count).map { f in
                (
                    "feed-\(f).rss",
                    FetchByDayTests.feed(
                        (0..<6).map {
                            FetchByDayTests.item("f\(f)-\($0)", "2015-09-0\(7 + $0 % 3)", FetchByDayTests.story(UInt64(100 * f + $0), naming: $0 == 1))
                        })
                )
            })
    }

    static func server(_ files: [String: Data], answers: Int = 1) throws -> FixtureServer {
        let rss = ["Content-Type": "application/rss+xml"]
        let routes = Dictionary(
            uniqueKeysWithValues: files.keys.map { ("/" + $0, Array(repeating: ["file": $0, "headers": rss] as [String: Any], count: answers)) })
        return try FixtureServer(routes: routes, files: files)
    }

    /// Runs `body` on a new store two feeds were fetched into (one batch, one pack).
    static func withTwoFeedsFetched(_ body: (Workspace) throws -> Void) throws {
        let server = try Self.server(Self.feeds(2))
        defer { server.stop() }
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let workspace = Workspace(databasePath: folder.path("glare.sqlite"), environment: [:])
        _ = try Self.fetch(into: workspace, feeds: 2, server: server)
        try body(workspace)
    }

    static func packFiles(_ workspace: Workspace) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: workspace.archive.packsDirectory.path)) ?? []).sorted()
    }

    @Test func aBatchsSnapshotsGoIntoOnePackTheRowsPlace() throws {
        let files = Self.feeds(12)
        let server = try Self.server(files, answers: 2)
        defer { server.stop() }
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let workspace = Workspace(databasePath: folder.path("glare.sqlite"), environment: [:])
        let (results, timings) = try Self.fetch(into: workspace, server: server)
        #expect(results.allSatisfy { $0.outcome == .fetched && $0.added == 6 })

        let records = try workspace.openDatabase().read { try $0.snapshots() }
        #expect(records.count == 12)
        // Every snapshot lies in a pack, one pack a batch (each brought new snapshots), and no file of its own is left.
        let packs = Set(records.compactMap(\.packed?.pack))
        #expect(records.allSatisfy { $0.packed != nil })
        #expect(packs.count == timings.batches && Self.packFiles(workspace) == packs.sorted())
        let loose = try FileManager.default.subpathsOfDirectory(atPath: workspace.snapshotDirectory.path).filter { $0.hasSuffix(".gz") || $0.hasSuffix(".tmp") }
        #expect(loose.isEmpty, "\(loose)")
        // Each reads back as the page served; its member is a gzip file's bytes, as a file of its own holds them.
        let served = Set(files.values)
        for record in records {
            let data = try workspace.archive.load(record)
            #expect(served.contains(data) && Snapshot(of: data) == record.snapshot)
            #expect(try Gzip.decompress(workspace.archive.compressed(record)) == data)
        }
        // The members of a pack are its whole file, one after another.
        for pack in packs {
            let members = records.compactMap(\.packed).filter { $0.pack == pack }.sorted { $0.offset < $1.offset }
            let size = try #require(FileStatus(workspace.archive.path(ofPack: pack))).size
            #expect(members.first?.offset == 0 && Int64(size) == members.map(\.length).reduce(0, +))
            #expect(zip(members, members.dropFirst()).allSatisfy { $0.offset + $0.length == $1.offset })
        }
        // Every pack is named by committed rows: the run's ledger is gone.
        #expect(!SnapshotLedger.entries(of: workspace.snapshotDirectory).contains { $0.process == getpid() })

        // The same pages again: stored already, so no pack is written and no row added.
        let again = try Self.fetch(into: workspace, server: server)
        #expect(again.results.allSatisfy { $0.outcome == .fetched && $0.added == 0 })
        #expect(Self.packFiles(workspace) == packs.sorted())
        #expect(try workspace.openDatabase().read { try $0.snapshots() } == records)

        // A bundle with snapshots holds each as a file of its own, and verifies.
        let roster = try Roster.load(contentsOf: Fixtures.roster)
        let out = folder.path("bundle")
        try EvidenceBundle(
            analysis: AnalysisRequest(sources: ["feed:feed-0"], permutations: 99), rosterFile: Fixtures.roster.path, output: out, withSnapshots: true,
            glareVersion: "test", command: ["glare", "bundle", "--out", out]
        ).write(roster: roster, workspace: workspace)
        for record in records {
            let sha = record.snapshot.sha256
            let bundled = try Data(contentsOf: URL(fileURLWithPath: out + "/snapshots/\(sha.prefix(2))/\(sha).gz"))
            #expect(try Gzip.decompress(bundled) == workspace.archive.load(record))
        }
        #expect(try BundleVerifier(folder: out, glareVersion: "test", logger: .quiet).verify().identical)
        // The bundle's store places them there too: every row reads back from the bundle's own files.
        let bundled = Workspace(databasePath: out + "/store/glare.sqlite", snapshotDirectory: out + "/snapshots", environment: [:])
        let bundledRecords = try bundled.openExistingDatabase().read { try $0.snapshots() }
        #expect(bundledRecords.count == records.count && bundledRecords.allSatisfy { $0.packed == nil })
        for record in bundledRecords { #expect(try Snapshot(of: bundled.archive.load(record)) == record.snapshot) }
    }

    /// A pack that cannot be written fails its batch, then each source on its own (as when each had its own
    /// transaction), with an error naming the pack; nothing is recorded, and the next run stores them all.
    @Test func aPackThatCannotBeWrittenFailsEachSourceNamingIt() throws {
        let server = try Self.server(Self.feeds(3), answers: 2)
        defer { server.stop() }
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let workspace = Workspace(databasePath: folder.path("glare.sqlite"), environment: [:])
        try FileManager.default.createDirectory(at: workspace.snapshotDirectory, withIntermediateDirectories: true)
        let blocker = workspace.archive.packsDirectory.path
        #expect(FileManager.default.createFile(atPath: blocker, contents: Data("a file where the packs' folder goes".utf8)))
        let failed = try Self.fetch(into: workspace, feeds: 3, server: server)
        #expect(failed.results.allSatisfy { $0.outcome == .failed && $0.transient == false })
        for result in failed.results {
            #expect(result.error?.contains(blocker + "/") == true && result.error?.contains("cannot create the pack") == true, "\(result.error ?? "")")
        }
        #expect(FetchRun.status(failed.results) == .unavailable)
        #expect(try workspace.openDatabase().read { try $0.snapshots() }.isEmpty)
        #expect(try workspace.openDatabase().read { try $0.documents() }.isEmpty)
        try FileManager.default.removeItem(atPath: blocker)
        let again = try Self.fetch(into: workspace, feeds: 3, server: server)
        #expect(again.results.allSatisfy { $0.outcome == .fetched && $0.added == 6 })
    }

    /// A damaged pack is named when a snapshot in it is read: cut short, or its bytes changed.
    @Test func aDamagedPackIsNamed() throws {
        try Self.withTwoFeedsFetched { workspace in try Self.damagedPacksAreNamed(in: workspace) }
    }

    static func damagedPacksAreNamed(in workspace: Workspace) throws {
        let records = try workspace.openDatabase().read { try $0.snapshots() }.sorted { $0.packed!.offset < $1.packed!.offset }
        let last = try #require(records.last), member = try #require(last.packed)
        let path = workspace.archive.path(ofPack: member.pack)
        #expect(truncate(path, off_t(member.offset + member.length - 1)) == 0)
        #expect(
            throws: StoreError.io(
                path: path, reason: "snapshot \(last.snapshot.sha256) is cut short in its pack (\(member.length - 1) of \(member.length) bytes)")
        ) {
            try workspace.archive.load(last)
        }
        let handle = try #require(FileHandle(forUpdatingAtPath: path))
        try handle.seek(toOffset: UInt64(records[0].packed!.offset + 20))
        try handle.write(contentsOf: Data("XXXXXXXX".utf8))
        try handle.close()
        #expect(throws: StoreError.self) { try workspace.archive.load(records[0]) }
    }

    /// A pack no committed row names (a batch rolled back, a run killed before its commit) is debris: the
    /// next run's sweep removes it through its writer's ledger, `glare vacuum` through the folder, once it is
    /// an hour old whatever its writer (finished and closed before its commit, a live writer's pack taken
    /// away would be lost without a word); a pack rows name stays.
    @Test func aPackNoRowNamesIsSwept() throws {
        try Self.withTwoFeedsFetched { workspace in try Self.packsNoRowNamesAreSwept(in: workspace) }
    }

    static func packsNoRowNamesAreSwept(in workspace: Workspace) throws {
        let named = Self.packFiles(workspace)
        #expect(named.count == 1)

        let packs = workspace.archive.packsDirectory
        // A dead writer's packs (a pid above the kernel's pid_max), noted in its ledger with the recorded one; a live
        // writer's, noted in this process's; packs no ledger names.
        let (deadYoung, deadOld, alive) = ("2147483646.1.pack", "2147483646.2.pack", "\(getpid()).3.pack")
        let (unnotedYoung, unnotedOld) = ("2147483646.4.pack", "2147483646.5.pack")
        let ledgers = workspace.snapshotDirectory.appendingPathComponent(".ledger")
        let deadLedger = ledgers.appendingPathComponent("2147483646.9")
        try Data([deadYoung, deadOld, named[0]].map { $0 + "\n" }.joined().utf8).write(to: deadLedger)
        _ = try SnapshotLedger.note([alive], archive: workspace.snapshotDirectory.path)
        func age(_ name: String, _ seconds: TimeInterval) throws {
            try FileManager.default.setAttributes(
                [.modificationDate: Date().addingTimeInterval(-seconds)], ofItemAtPath: packs.appendingPathComponent(name).path)
        }
        for name in [deadYoung, deadOld, alive, unnotedYoung, unnotedOld] { try Data("half a pack".utf8).write(to: packs.appendingPathComponent(name)) }
        for name in [deadYoung, alive, unnotedYoung] { try age(name, 60) }
        for name in [deadOld, unnotedOld, named[0]] { try age(name, 7200) }

        SnapshotVacuum.sweep(workspace, logger: .quiet)
        #expect(Self.packFiles(workspace) == [deadYoung, alive, unnotedYoung, unnotedOld, named[0]].sorted())
        // The dead writer's ledger keeps what is still to decide: its young pack.
        #expect(try String(contentsOf: deadLedger, encoding: .utf8) == deadYoung + "\n")
        try age(deadYoung, 7200)
        SnapshotVacuum.sweep(workspace, logger: .quiet)
        #expect(!FileManager.default.fileExists(atPath: deadLedger.path), "everything it named is decided")
        // A file of its own an import wrote of bytes a pack holds (the row places them in the pack): no row refers to it.
        let inPack = try #require(try workspace.openDatabase().read { try $0.snapshots() }.first)
        let copy = workspace.archive.url(for: try workspace.archive.store(workspace.archive.load(inPack))).path
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-7200)], ofItemAtPath: copy)
        // `glare vacuum` reads the whole folder: the old pack no ledger names goes; the young ones stay.
        let vacuumed = try SnapshotVacuum(workspace: workspace).run(dryRun: false)
        #expect(vacuumed.orphanPacks == [packs.appendingPathComponent(unnotedOld).path] && vacuumed.orphanSnapshots == [copy])
        #expect(vacuumed.summary.contains("1 pack(s)"))
        #expect(Self.packFiles(workspace) == [alive, unnotedYoung, named[0]].sorted())
        // One of its two snapshots forgotten: `glare vacuum` rewrites the pack with the other alone; the old pack stays
        // for a reader that read its rows just before, and the next sweep an hour later takes it: the forgotten bytes
        // are then in no file.
        let forgetting = Forgetting(roster: try Roster.load(contentsOf: Fixtures.roster), workspace: workspace, logger: .quiet)
        let records = try workspace.openDatabase().read { try $0.snapshots() }
        let (forgotten, kept) = (records[0], records[1])
        let forgottenBytes = try workspace.archive.load(forgotten)
        _ = try forgetting.forget(.snapshot("\(forgotten.id)"))
        let old = workspace.archive.path(ofPack: named[0])
        let planned = try SnapshotVacuum(workspace: workspace).run(dryRun: true)
        #expect(planned.compactedPacks == [old] && planned.bytes == Int(forgotten.packed!.length) && Self.packFiles(workspace).contains(named[0]))
        let compacted = try SnapshotVacuum(workspace: workspace).run(dryRun: false)
        #expect(compacted.compactedPacks == [old] && compacted.summary.contains("and forgotten snapshots' bytes in 1 pack(s)"))
        #expect(FileManager.default.fileExists(atPath: old) && FileStatus(old).map { Date().timeIntervalSince($0.modified) < 60 } == true)
        #expect(try !workspace.openDatabase().read { try $0.isNamed(pack: named[0]) })
        #expect(try SnapshotVacuum(workspace: workspace).run(dryRun: true).orphanPacks.isEmpty, "the old pack waits its hour")
        SnapshotVacuum.sweep(workspace, logger: .quiet, now: Date().addingTimeInterval(3700))
        #expect(!FileManager.default.fileExists(atPath: old))
        let moved = try #require(try workspace.openDatabase().read { try $0.snapshots() }.first)
        #expect(moved.id == kept.id && moved.packed?.pack != named[0] && moved.packed?.offset == 0)
        #expect(try Snapshot(of: workspace.archive.load(moved)) == kept.snapshot)
        let newPack = try Data(contentsOf: URL(fileURLWithPath: workspace.archive.path(ofPack: moved.packed!.pack)))
        #expect(Int64(newPack.count) == moved.packed!.length)
        #expect(try Gzip.decompress(newPack).range(of: forgottenBytes) == nil)
        #expect(try SnapshotVacuum(workspace: workspace).run(dryRun: true).compactedPacks.isEmpty, "nothing left to rewrite")
        // Once every row naming a pack is forgotten, the pack is an orphan like any other (once old).
        _ = try forgetting.forget(.snapshot("\(kept.id)"))
        let last = workspace.archive.path(ofPack: moved.packed!.pack)
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-7200)], ofItemAtPath: last)
        #expect(try SnapshotVacuum(workspace: workspace).run(dryRun: true).orphanPacks == [last])
    }
}
