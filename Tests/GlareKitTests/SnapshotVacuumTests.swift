import Foundation
import GlareCore
import GlareKit
import GlareTestSupport
import Testing

@testable import GlareStore

/// Snapshot files no row refers to are found and removed; recorded snapshots and young files stay.
@Suite struct SnapshotVacuumTests {
    @Test func orphansAndTemporaryFilesGoRecordedSnapshotsStay() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let workspace = Workspace(databasePath: folder.path("glare.sqlite"), environment: [:])
        let importer = TrendsImporter(roster: Roster(name: "t", people: []), rosterName: "roster.yaml", workspace: workspace, logger: .quiet)
        _ = try importer.importFiles([Fixtures.trends("weekly_1term_US.csv").path], options: .init(allowUnknownTerms: true))
        // What a failed import and a killed write leave behind.
        let orphan = try workspace.archive.store(Data("an import that was rolled back".utf8))
        let orphanURL = workspace.archive.url(for: orphan)
        let temporary = orphanURL.deletingLastPathComponent().appendingPathComponent(".\(orphan.sha256).4242.77.tmp")
        try Data("half".utf8).write(to: temporary)
        let young = try workspace.archive.store(Data("being imported right now".utf8))
        let old = Date().addingTimeInterval(-7200)
        for url in [orphanURL, temporary] { try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: url.path) }
        let kept = try workspace.openDatabase().read { try $0.snapshots() }.map { workspace.archive.url(for: $0.snapshot) }
        for url in kept { try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: url.path) }

        let vacuum = SnapshotVacuum(workspace: workspace)
        let found = try vacuum.run(dryRun: true)
        #expect(found.temporaryFiles == [temporary.path] && found.orphanSnapshots == [orphanURL.path])
        #expect(FileManager.default.fileExists(atPath: orphanURL.path))
        let removed = try vacuum.run(dryRun: false)
        #expect(removed == found)
        #expect(!FileManager.default.fileExists(atPath: orphanURL.path) && !FileManager.default.fileExists(atPath: temporary.path))
        #expect(FileManager.default.fileExists(atPath: workspace.archive.url(for: young).path))
        #expect(kept.allSatisfy { FileManager.default.fileExists(atPath: $0.path) } && !kept.isEmpty)
        #expect(try vacuum.run(dryRun: true).isEmpty)
    }

    /// Issue 18 item 17: what a killed or failed run left is cleaned by the next import, without a
    /// `glare vacuum`: a dead writer's temporary file at once, an old orphan too; a live writer's
    /// temporary file and a young snapshot stay. The sweep finds them through the runs' ledgers.
    @Test func theNextImportSweepsDebris() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let workspace = Workspace(databasePath: folder.path("glare.sqlite"), environment: [:])
        let importer = TrendsImporter(roster: Roster(name: "t", people: []), rosterName: "roster.yaml", workspace: workspace, logger: .quiet)
        _ = try importer.importFiles([Fixtures.trends("weekly_1term_US.csv").path], options: .init(allowUnknownTerms: true))
        let recorded = try #require(try workspace.openDatabase().read { try $0.snapshots() }.first?.snapshot)
        let orphan = try workspace.archive.store(Data("rolled back".utf8))
        let young = try workspace.archive.store(Data("being written".utf8))
        let never = Snapshot(of: Data("killed before its temporary file was made".utf8))
        let orphanURL = workspace.archive.url(for: orphan)
        let shard = orphanURL.deletingLastPathComponent()
        // A pid that cannot be running: above the kernel's pid_max. Its ledger names what it was writing.
        let deadName = ".\(orphan.sha256).2147483646.1.tmp"
        let dead = shard.appendingPathComponent(deadName)
        let alive = shard.appendingPathComponent(".\(orphan.sha256).\(getpid()).2.tmp")
        for url in [dead, alive] { try Data("half".utf8).write(to: url) }
        let ledgers = workspace.snapshotDirectory.appendingPathComponent(".ledger")
        let deadLedger = ledgers.appendingPathComponent("2147483646.9")
        let noted = [deadName, ".\(young.sha256).2147483646.3.tmp", ".\(recorded.sha256).2147483646.4.tmp", ".\(never.sha256).2147483646.5.tmp"]
        try Data((noted.map { $0 + "\n" }.joined() + ".\(orphan.sha256).21474").utf8).write(to: deadLedger)  // the last line cut by the kill
        let aMinuteAgo = Date().addingTimeInterval(-60)
        for url in [dead, alive] { try FileManager.default.setAttributes([.modificationDate: aMinuteAgo], ofItemAtPath: url.path) }
        for url in [orphanURL, workspace.archive.url(for: recorded)] {
            try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-7200)], ofItemAtPath: url.path)
        }
        // Debris no ledger names: `glare vacuum`'s, not the sweep's.
        let unnoted = try workspace.archive.store(Data("from a Glare before ledgers".utf8))
        let unnotedURL = workspace.archive.url(for: unnoted)
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-7200)], ofItemAtPath: unnotedURL.path)
        let ownLedger = try #require(
            try FileManager.default.contentsOfDirectory(atPath: ledgers.path).first { $0.hasPrefix("\(getpid()).") })
        try Data().write(to: ledgers.appendingPathComponent(ownLedger))  // as if this process had not written `unnoted`
        // This process's own ledger names the live temporary file.
        _ = try SnapshotLedger.note([alive.lastPathComponent], archive: workspace.snapshotDirectory.path)

        _ = try importer.importFiles([Fixtures.trends("weekly_1term_US.csv").path], options: .init(allowUnknownTerms: true))
        #expect(!FileManager.default.fileExists(atPath: dead.path))
        #expect(!FileManager.default.fileExists(atPath: orphanURL.path))
        #expect(FileManager.default.fileExists(atPath: alive.path))
        #expect(FileManager.default.fileExists(atPath: workspace.archive.url(for: young).path))
        #expect(FileManager.default.fileExists(atPath: workspace.archive.url(for: recorded).path))
        #expect(FileManager.default.fileExists(atPath: unnotedURL.path))
        // The dead writer's ledger keeps only what is still to decide: the young snapshot.
        #expect(try String(contentsOf: deadLedger, encoding: .utf8) == noted[1] + "\n")
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-7200)], ofItemAtPath: workspace.archive.url(for: young).path)
        SnapshotVacuum.sweep(workspace, logger: .quiet)
        #expect(!FileManager.default.fileExists(atPath: workspace.archive.url(for: young).path))
        #expect(!FileManager.default.fileExists(atPath: deadLedger.path))
        #expect(FileManager.default.fileExists(atPath: alive.path))
        // `glare vacuum` reads the whole archive.
        #expect(try SnapshotVacuum(workspace: workspace).run(dryRun: false).orphanSnapshots == [unnotedURL.path])
    }

    /// A process number is reused (in a container each run may be process 1): a ledger of this process's number
    /// that nobody wrote to for an hour is settled, its old temporary file and old orphan removed. Files in the
    /// ledgers' folder of another shape are not ledgers; without a store to ask, no snapshot is decided.
    @Test func anOldLedgerOfAReusedProcessNumberIsSettled() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let workspace = Workspace(databasePath: folder.path("glare.sqlite"), environment: [:])
        let orphan = try workspace.archive.store(Data("left by a run in an earlier container".utf8))
        let orphanURL = workspace.archive.url(for: orphan)
        let temporaryName = ".\(orphan.sha256).\(getpid()).7.tmp"
        let temporary = orphanURL.deletingLastPathComponent().appendingPathComponent(temporaryName)
        try Data("half".utf8).write(to: temporary)
        let ledgers = workspace.snapshotDirectory.appendingPathComponent(".ledger")
        let old = ledgers.appendingPathComponent("\(getpid()).12345")
        try Data("\(temporaryName)\n.\(orphan.sha256).\(getpid()).8.tmp\n".utf8).write(to: old)
        let junk = ledgers.appendingPathComponent(".rewrite.1.2")
        try Data("\(temporaryName)\n".utf8).write(to: junk)
        let twoHoursAgo = Date().addingTimeInterval(-7200)
        for url in [orphanURL, temporary, old] { try FileManager.default.setAttributes([.modificationDate: twoHoursAgo], ofItemAtPath: url.path) }
        #expect(SnapshotLedger.entries(of: workspace.snapshotDirectory).map(\.path).contains(old.path))
        #expect(!SnapshotLedger.entries(of: workspace.snapshotDirectory).map(\.path).contains(junk.path))

        // No store yet: the temporary file goes (it is debris whatever the store says), the snapshot waits.
        SnapshotVacuum.sweep(workspace, logger: .quiet)
        #expect(!FileManager.default.fileExists(atPath: temporary.path))
        #expect(FileManager.default.fileExists(atPath: orphanURL.path) && FileManager.default.fileExists(atPath: old.path))
        _ = try workspace.openDatabase()
        SnapshotVacuum.sweep(workspace, logger: .quiet)
        #expect(!FileManager.default.fileExists(atPath: orphanURL.path))
        #expect(!FileManager.default.fileExists(atPath: old.path))
        #expect(FileManager.default.fileExists(atPath: junk.path))
    }

    /// A snapshot found already stored when a run stores it again is touched: the run records it soon, and
    /// a sweep meanwhile must not take it for an old orphan (through `store` and `storeAll` alike).
    @Test func aSnapshotStoredAgainIsNotSweptBeforeItIsRecorded() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let workspace = Workspace(databasePath: folder.path("glare.sqlite"), environment: [:])
        _ = try workspace.openDatabase()
        let data = [Data("a feed's body, fetched again unchanged".utf8), Data("a GKG name index, imported again".utf8)]
        let stored = try data.map { try workspace.archive.store($0) }
        let urls = stored.map { workspace.archive.url(for: $0) }
        // Left unrecorded by a run that died two hours ago.
        let ledger = workspace.snapshotDirectory.appendingPathComponent(".ledger/2147483646.3")
        try Data(stored.map { ".\($0.sha256).2147483646.1.tmp\n" }.joined().utf8).write(to: ledger)
        let twoHoursAgo = Date().addingTimeInterval(-7200)
        for url in urls + [ledger] { try FileManager.default.setAttributes([.modificationDate: twoHoursAgo], ofItemAtPath: url.path) }
        _ = try workspace.archive.store(data[0])
        _ = try workspace.archive.storeAll([data[1]])
        SnapshotVacuum.sweep(workspace, logger: .quiet)
        #expect(urls.allSatisfy { FileManager.default.fileExists(atPath: $0.path) })
        // Left as they are, they go.
        for url in urls { try FileManager.default.setAttributes([.modificationDate: twoHoursAgo], ofItemAtPath: url.path) }
        SnapshotVacuum.sweep(workspace, logger: .quiet)
        #expect(urls.allSatisfy { !FileManager.default.fileExists(atPath: $0.path) })
        // Once gone, stored anew.
        #expect(try workspace.archive.store(data[0]) == stored[0] && FileManager.default.fileExists(atPath: urls[0].path))
    }

    /// A process's ledger ends (is removed) once every snapshot it noted is recorded, and not before; a later note
    /// makes another.
    @Test func aLedgerEndsOnceEverySnapshotItNotedIsRecorded() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let archive = SnapshotArchive(directory: URL(fileURLWithPath: folder.path("snapshots")))
        let stored = try archive.storeAll([Data("one".utf8), Data("two".utf8)])
        func mine() -> [SnapshotLedger.Entry] { SnapshotLedger.entries(of: archive.directory).filter { $0.process == getpid() } }
        let first = try #require(mine().first)
        #expect(!SnapshotLedger.end(archive: archive.directory))
        SnapshotLedger.recorded([stored[0].sha256, Snapshot(of: Data("never noted".utf8)).sha256], archive: archive.directory)
        #expect(!SnapshotLedger.end(archive: archive.directory))
        #expect(mine().map(\.path) == [first.path])
        SnapshotLedger.recorded([stored[1].sha256], archive: archive.directory)
        #expect(SnapshotLedger.end(archive: archive.directory))
        #expect(mine().isEmpty)
        // Ended: another archive's ledger is untouched, and a new note here makes a new ledger naming only itself.
        let three = try archive.store(Data("three".utf8))
        let second = try #require(mine().first)
        #expect(second.path != first.path)
        #expect(second.temporaryNames.compactMap { SnapshotLedger.parse(temporaryName: $0)?.sha256 } == [three.sha256])
        #expect(!SnapshotLedger.end(archive: archive.directory))
        // Two writers of one snapshot: the first records it while the second's temporary file is still being
        // written; the ledger names that file, and stays until the second writer is done with it.
        let temporary = ".\(three.sha256).\(getpid()).77.tmp"
        #expect(try SnapshotLedger.note([temporary], archive: archive.directory.path))
        SnapshotLedger.recorded([three.sha256], archive: archive.directory)
        #expect(!SnapshotLedger.end(archive: archive.directory))
        #expect(mine().first?.temporaryNames.last == temporary)
        SnapshotLedger.finishedWriting(archive: archive.directory.path)
        #expect(SnapshotLedger.end(archive: archive.directory))
        #expect(mine().isEmpty)
        // Nothing noted in an archive: nothing to end.
        #expect(!SnapshotLedger.end(archive: URL(fileURLWithPath: folder.path("other"))))
    }

    /// A snapshot's temporary file is noted in the writing process's ledger before it is made.
    @Test func storingNotesEachTemporaryFileInTheProcesssLedger() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let archive = SnapshotArchive(directory: URL(fileURLWithPath: folder.path("new-snapshots")))
        let stored = try archive.storeAll([Data("one".utf8), Data("two".utf8), Data("one".utf8)])
        _ = try archive.store(Data("two".utf8))  // stored before: nothing written, nothing noted
        let mine = SnapshotLedger.entries(of: archive.directory).filter { $0.process == getpid() }
        #expect(mine.count == 1)
        let names = mine.first?.temporaryNames ?? []
        #expect(names.compactMap { SnapshotLedger.parse(temporaryName: $0)?.sha256 } == [stored[0].sha256, stored[1].sha256])
        #expect(names.allSatisfy { $0.hasSuffix(".tmp") && $0.contains(".\(getpid()).") })
        #expect(stored.allSatisfy { FileManager.default.fileExists(atPath: archive.url(for: $0).path) })
    }
}
