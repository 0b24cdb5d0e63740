import Foundation
import GlareCore
import GlareKit
import GlareStore
import GlareTestSupport
import Testing

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
    /// temporary file and a young snapshot stay.
    @Test func theNextImportSweepsDebris() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let workspace = Workspace(databasePath: folder.path("glare.sqlite"), environment: [:])
        let importer = TrendsImporter(roster: Roster(name: "t", people: []), rosterName: "roster.yaml", workspace: workspace, logger: .quiet)
        let orphan = try workspace.archive.store(Data("rolled back".utf8))
        let orphanURL = workspace.archive.url(for: orphan)
        let shard = orphanURL.deletingLastPathComponent()
        // A pid that cannot be running: above the kernel's pid_max.
        let dead = shard.appendingPathComponent(".\(orphan.sha256).2147483646.1.tmp")
        let alive = shard.appendingPathComponent(".\(orphan.sha256).\(getpid()).2.tmp")
        for url in [dead, alive] { try Data("half".utf8).write(to: url) }
        let aMinuteAgo = Date().addingTimeInterval(-60)
        for url in [dead, alive] { try FileManager.default.setAttributes([.modificationDate: aMinuteAgo], ofItemAtPath: url.path) }
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-7200)], ofItemAtPath: orphanURL.path)
        let young = try workspace.archive.store(Data("being written".utf8))

        _ = try importer.importFiles([Fixtures.trends("weekly_1term_US.csv").path], options: .init(allowUnknownTerms: true))
        #expect(!FileManager.default.fileExists(atPath: dead.path))
        #expect(!FileManager.default.fileExists(atPath: orphanURL.path))
        #expect(FileManager.default.fileExists(atPath: alive.path))
        #expect(FileManager.default.fileExists(atPath: workspace.archive.url(for: young).path))
    }
}
