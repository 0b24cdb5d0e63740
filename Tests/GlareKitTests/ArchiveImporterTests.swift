import Foundation
import GlareCore
import GlareKit
import GlareStore
import GlareTestSupport
import Logging
import Testing

@Suite struct ArchiveImporterTests {
    func importer(_ folder: TemporaryFolder) throws -> ArchiveImporter {
        ArchiveImporter(
            roster: try Roster.load(contentsOf: Fixtures.roster),
            workspace: Workspace(databasePath: folder.path("g.sqlite"), environment: [:]),
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
    }

    /// Issue 18 item 16: a snapshot that cannot be written (the folder not writable, a full disk) was
    /// reported as bad data (65). It is I/O (74), stores nothing, and a later run imports the file.
    @Test func aSnapshotThatCannotBeWrittenIsAnIOErrorAndLeavesNothing() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        // The snapshot folder's place taken by a file: no snapshot can be written there (as root too).
        try Data("not a folder".utf8).write(to: folder.url.appendingPathComponent("g-snapshots"))
        let file = Fixtures.archive("lexisnexis_freethe20_1.txt").path
        let failed = try #require(try importer(folder).importFiles([file]).first)
        #expect(failed.error != nil && failed.status == .ioError)
        #expect(ExitStatus.worst([.ok, .dataError, failed.status]) == .ioError)
        #expect(try GlareDatabase(path: folder.path("g.sqlite")).read { try $0.documents() }.isEmpty)
        // The folder back: the same file imports.
        try FileManager.default.removeItem(at: folder.url.appendingPathComponent("g-snapshots"))
        let retried = try #require(try importer(folder).importFiles([file]).first)
        #expect(retried.error == nil && retried.status == .ok && retried.added == 4)
    }

    @Test func countsPerPersonAndDayOnceAcrossOverlappingDownloads() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let files = ["lexisnexis_freethe20_1.txt", "lexisnexis_freethe20_2.txt", "lexisnexis_truncated.txt"].map { Fixtures.archive($0).path }
        let results = try importer(folder).importFiles(files)
        #expect(results.map(\.added) == [4, 1, 0])
        #expect(results[0].withoutText == 1)
        // The truncated download's readable document is imported (it was stored already); its cut-off one is named.
        #expect(results.map(\.error) == [nil, nil, nil])
        #expect(results[2].documents == 1)
        #expect(results[2].skipped.map(\.number) == [2])
        #expect(results[2].skipped.map(\.description) == ["line 39: document 2 of 2 stops before its LOAD-DATE and LANGUAGE lines: the file is truncated"])
        let db = try GlareDatabase(path: folder.path("g.sqlite"))
        #expect(try db.read { try $0.documents() }.count == 5)
        let all = try db.read { try $0.series(measure: .news) }
        let series = Dictionary(uniqueKeysWithValues: all.filter { $0.series.key.source == "archive:lexisnexis" }.map { ($0.series.key.person, $0.series) })
        #expect(Set(all.map(\.series.key.source)) == ["archive:lexisnexis", "archive:lexisnexis/stories"])
        // Every roster person the downloads cover has a series: zero where nothing names her.
        let roster = try Roster.load(contentsOf: Fixtures.roster)
        #expect(Set(series.keys) == Set(roster.people.filter(\.matchable).map(\.id)))
        #expect(
            Set(series.filter { $0.value.observations.contains { ($0.numeric() ?? 0) > 0 } }.keys) == [
                "khadija-ismayilova", "liu-xia", "nadiya-savchenko", "wang-yu",
            ])
        #expect(series["gao-yu"]?.observations == [.value(0), .value(0), .value(0)])
        let savchenko = try #require(series["nadiya-savchenko"])
        #expect(savchenko.observations == [.value(2), .value(0), .value(0)])  // English and German articles on day 1
        #expect(savchenko.totals == [2, 2, 1])
        // Wang Yu the high jumper is not her; the lawyer on day 3 is.
        #expect(series["wang-yu"]?.observations == [.value(0), .value(0), .value(1)])
        // Re-importing changes nothing.
        let again = try importer(folder).importFiles(Array(files.prefix(2)))
        #expect(again.map(\.added) == [0, 0])
        #expect(try db.read { try $0.documents() }.count == 5)
    }

    @Test func strictRefusesAFileWithADocumentItCannotReadAndStoresNothing() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let truncated = Fixtures.archive("lexisnexis_truncated.txt").path
        let strict = try importer(folder).importFiles([truncated], strict: true)
        #expect(strict.map(\.error) == ["\(truncated):39: document 2 of 2 stops before its LOAD-DATE and LANGUAGE lines: the file is truncated"])
        #expect(try GlareDatabase(path: folder.path("g.sqlite")).read { try $0.documents() }.isEmpty)
        // A blocked entry in an HTML export: the other two documents are stored.
        let blocked = try importer(folder).importFiles([Fixtures.archive("lexisnexis_blocked_entry.html").path])
        #expect(blocked.map(\.added) == [2])
        #expect(blocked[0].skipped.map(\.number) == [2])
        #expect(try GlareDatabase(path: folder.path("g.sqlite")).read { try $0.documents() }.count == 2)
    }

    @Test func anRTFExportAddsNothingAfterItsTextTwin() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let results = try importer(folder).importFiles(["lexisnexis_freethe20_1.txt", "lexisnexis_freethe20_1.rtf"].map { Fixtures.archive($0).path })
        #expect(results.map(\.format) == ["lexisnexis-text", "lexisnexis-rtf"])
        #expect(results.map(\.documents) == [4, 4])
        #expect(results.map(\.added) == [4, 0])  // the same documents, stored once
    }

    @Test func explainShowsThePassageAndTheRule() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        _ = try importer(folder).importFiles([Fixtures.archive("lexisnexis_freethe20_2.txt").path])
        let text = try Explanation.text(
            person: "wang-yu", day: Day(iso: "2015-09-03")!, source: "archive:lexisnexis",
            in: try GlareDatabase(path: folder.path("g.sqlite")))
        #expect(text.hasPrefix("1 document(s) mention wang-yu on 2015-09-03:"))
        #expect(text.contains("- The Test Herald: \"Lawyer still held\" [archive:lexisnexis]"))
        #expect(text.contains("\"Wang Yu\" via alias 'Wang Yu', context term 'lawyer'"))
        #expect(text.contains("…Human rights lawyer [Wang Yu], detained in the 709 crackdown"))
        let none = try Explanation.text(
            person: "wang-yu", day: Day(iso: "2015-09-02")!, source: nil,
            in: try GlareDatabase(path: folder.path("g.sqlite")))
        #expect(none.hasPrefix("no stored document mentions wang-yu on 2015-09-02\n"))
        // The day was covered: zero is a count, and the explanation says so.
        #expect(none.contains("archive:lexisnexis 2015-09-02: 0 of 1, 24/24 hours; covered"), "\(none)")
    }

    @Test func reprintsOfOneStoryCountOnceAsStories() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let body = """
            Washington launched a campaign on Tuesday calling for the release of twenty women held as political prisoners, \
            among them the Ukrainian military pilot Nadiya Savchenko, who has been held in Russia since the summer of 2014 \
            and whose trial in Rostov has drawn protests from Kyiv and from rights groups across Europe.
            """
        func doc(_ n: Int, _ outlet: String, _ headline: String, _ date: String) -> String {
            "   \(n) of 3 DOCUMENTS\n\n   \(outlet)\n\n   \(date)\n\n\(headline)\n\nLENGTH: 60 words\n\n\(body)\n\nLANGUAGE: ENGLISH\n\n"
        }
        let text =
            doc(1, "Wire Daily", "US campaign for jailed women", "September 1, 2015")
            + doc(2, "Local Courier", "Campaign names pilot", "September 1, 2015")
            + doc(3, "Evening Post", "Twenty women", "September 2, 2015")
        let file = try folder.write("reprints.txt", text)
        _ = try importer(folder).importFiles([file.path])
        let all = try GlareDatabase(path: folder.path("g.sqlite")).read { try $0.series(people: ["nadiya-savchenko"], measure: .news) }
        let documents = try #require(all.first { $0.series.key.source == "archive:lexisnexis" }?.series)
        let stories = try #require(all.first { $0.series.key.source == "archive:lexisnexis/stories" }?.series)
        #expect(documents.observations == [.value(2), .value(1)])
        #expect(stories.observations == [.value(1), .value(0)])  // the day-2 reprint joins day 1's story
        #expect(stories.totals == [1, 0])
    }
}
