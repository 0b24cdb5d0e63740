import Foundation
import GlareCore
import GlareKit
import GlareStore
import GlareTestSupport
import Testing

/// Issue 19: migration v12 keeps GKG matches by reference (record id, URL hash, person and evidence
/// numbers) and `glare explain` reads the URL, outlet and title back from the name index. A store
/// written by Glare before v12 (`Tests/Fixtures/gdelt/v11-store`, see its README) must, once opened,
/// explain every count exactly as the old Glare did and keep its series, before and after a rebuild.
@Suite struct GKGStoreMigrationTests {
    static let fixture = Fixtures.root.appendingPathComponent("Tests/Fixtures/gdelt/v11-store")

    static func expected(_ name: String) throws -> String {
        try String(contentsOf: fixture.appendingPathComponent("expected/\(name)"), encoding: .utf8)
    }

    /// Every explanation the old Glare wrote, as this one gives it.
    static func expectExplanations(_ db: GlareDatabase, _ workspace: Workspace, after what: String) throws {
        let cases: [(String, String, String?)] =
            ["liu-xia", "wang-yu", "khadija-ismayilova", "nadiya-savchenko"].flatMap { p in [(p, "2015-09-01", nil), (p, "2015-09-01", "gkg")] }
            + [("liu-xia", "2015-09-02", "gkg")]
        // Each on its own, and all through one record reader (as the explorer page reads them: each file once).
        let shared = GKGMatchedRecords(archive: workspace.archive)
        for (person, day, source) in cases {
            let file = "\(person)-\(day)\(source.map { "-\($0)" } ?? "").txt"
            let alone = try Explanation.text(person: person, day: Day(iso: day)!, source: source, in: db, archive: workspace.archive)
            #expect(alone == (try expected(file)), "\(file) \(what)")
            let together = try Explanation.text(person: person, day: Day(iso: day)!, source: source, in: db, records: shared)
            #expect(together == alone, "\(file) \(what), shared reader")
        }
        #expect(try SeriesQuery().render(from: db) == (try expected("export.csv")), "export \(what)")
    }

    @Test func anOldStoreExplainsAndCountsAsBefore() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        for item in ["glare.sqlite", "glare-snapshots"] {
            try FileManager.default.copyItem(at: Self.fixture.appendingPathComponent(item), to: folder.url.appendingPathComponent(item))
        }
        let workspace = Workspace(databasePath: folder.path("glare.sqlite"), environment: [:])
        let db = try workspace.openDatabase()
        // Every old match is kept: seven records, four people, each distinct evidence once.
        let liu = try db.read { try $0.gkgMatches(person: "liu-xia", day: Day(iso: "2015-09-01")!) }
        #expect(liu.map(\.recordId) == ["20150901000000-0", "20150901000000-5", "20150901001500-1"])
        #expect(Set(liu.map(\.urlHash)) == [GKGMatchRow.urlHash("https://a.example/u1")])
        #expect(liu.map(\.mentions) == [2, 1, 1])
        #expect(Set(liu.map(\.evidence)) == [#"{"alias":"Liu Xia","context":"Liu Xiaobo","field":"persons","matched":"Liu Xia"}"#])
        try Self.expectExplanations(db, workspace, after: "after the migration")

        // A rebuild with the roster the store was made with stores the same matches, in the new form.
        let roster = try Roster.load(contentsOf: Fixtures.roster)
        _ = try Rebuilder(roster: roster, workspace: workspace, logger: .quiet).rebuild()
        #expect(try db.read { try $0.gkgMatches(person: "liu-xia", day: Day(iso: "2015-09-01")!) } == liu)
        try Self.expectExplanations(db, workspace, after: "after a rebuild")
    }

    @Test func aRecordWhoseNameIndexIsGoneSaysSo() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try FileManager.default.copyItem(at: Self.fixture.appendingPathComponent("glare.sqlite"), to: folder.url.appendingPathComponent("glare.sqlite"))
        let workspace = Workspace(databasePath: folder.path("glare.sqlite"), environment: [:])
        let text = try Explanation.text(
            person: "liu-xia", day: Day(iso: "2015-09-01")!, source: "gkg", in: try workspace.openDatabase(), archive: workspace.archive)
        // The count and every record are still there; the URL says why it cannot be shown.
        #expect(text.hasPrefix("1 article(s) in gkg name liu-xia on 2015-09-01 (2 mention(s)):"), "\(text)")
        #expect(text.contains("record 20150901000000-0 in 20150901000000.gkg.csv [name index 94716045]"))
        #expect(text.contains("its name index 94716045 cannot be read"))
    }
}
