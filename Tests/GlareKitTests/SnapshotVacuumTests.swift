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
}
