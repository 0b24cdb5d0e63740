import Foundation
import GlareCore
import GlareKit
import GlareStore
import GlareTestSupport
import Testing

/// `glare forget` on a GDELT import: the slot's matches, its share of the day's distinct articles and
/// its coverage go, and the series are as they were before it.
@Suite struct ForgettingTests {
    @Test func forgettingAGKGFileRestoresTheDaysCountsAndTotal() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let a = try folder.write("20150901000000.gkg.csv", try GKGTests.dayAFirst())
        let b = try folder.write("20150901001500.gkg.csv", try GKGTests.dayASecond())
        let workspace = Workspace(databasePath: folder.path("glare.sqlite"))
        let roster = try Roster.load(contentsOf: Fixtures.roster)
        let pipeline = try GKGPipeline(roster: roster, workspace: workspace, logger: .quiet)
        // Partly covered days admitted, so the values and totals are written, not just 'missing'.
        let query = SeriesQuery(sources: ["gkg"], partialPeriods: true)
        _ = try GKGImporter(pipeline: pipeline).importPaths([a.path])
        let before = try query.render(from: try workspace.openExistingDatabase())
        #expect(before.contains("nadiya-savchenko,gkg,news,day,partial,0,7,1/96 slots,"), "\(before)")

        _ = try GKGImporter(pipeline: pipeline).importPaths([b.path])
        let after = try query.render(from: try workspace.openExistingDatabase())
        // The second file adds u7; u5 is in both and counts once: 8 distinct articles, not 9.
        #expect(after.contains("nadiya-savchenko,gkg,news,day,partial,1,8,2/96 slots,"), "\(after)")

        let snapshots = try workspace.openExistingDatabase().read { try $0.snapshots() }
        let second = try #require(snapshots.last)
        let result = try Forgetting(roster: roster, workspace: workspace, logger: .quiet).forget(.snapshot("#\(second.id)"))
        #expect(result.snapshots.map(\.id) == [second.id])
        #expect(result.rows["gkgFile"] == 1)
        #expect(try query.render(from: try workspace.openExistingDatabase()) == before)
        // Imported again, it counts again (the slot is no longer "processed").
        #expect(try GKGImporter(pipeline: pipeline).importPaths([b.path]).processed == 1)
        #expect(try query.render(from: try workspace.openExistingDatabase()) == after)
    }
}
