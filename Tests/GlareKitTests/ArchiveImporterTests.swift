import Foundation
import GlareCore
import GlareKit
import GlareStore
import GlareTestSupport
import Logging
import Testing

@Suite struct ArchiveImporterTests {
    func importer(_ folder: TemporaryFolder) throws -> ArchiveImporter {
        ArchiveImporter(roster: try Roster.load(contentsOf: Fixtures.roster),
                        workspace: Workspace(databasePath: folder.path("g.sqlite"), environment: [:]),
                        logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
    }

    @Test func countsPerPersonAndDayOnceAcrossOverlappingDownloads() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let files = ["lexisnexis_freethe20_1.txt", "lexisnexis_freethe20_2.txt", "lexisnexis_truncated.txt"].map { Fixtures.archive($0).path }
        let results = try importer(folder).importFiles(files)
        #expect(results.map(\.added) == [4, 1, 0])
        #expect(results[0].withoutText == 1)
        #expect(results[2].error == "\(files[2]):39: document 2 of 2 stops before its LOAD-DATE and LANGUAGE lines: the file is truncated")
        let db = try GlareDatabase(path: folder.path("g.sqlite"))
        #expect(try db.read { try $0.documents() }.count == 5)
        let series = Dictionary(uniqueKeysWithValues: try db.read { try $0.series(measure: .news) }.map { ($0.series.key.person, $0.series) })
        #expect(Set(series.keys) == ["khadija-ismayilova", "liu-xia", "nadiya-savchenko", "wang-yu"])
        let savchenko = try #require(series["nadiya-savchenko"])
        #expect(savchenko.key.source == "archive:lexisnexis")
        #expect(savchenko.observations == [.value(2), .value(0), .value(0)])     // English and German articles on day 1
        #expect(savchenko.totals == [2, 2, 1])
        // Wang Yu the high jumper is not her; the lawyer on day 3 is.
        #expect(series["wang-yu"]?.observations == [.value(0), .value(0), .value(1)])
        // Re-importing changes nothing.
        let again = try importer(folder).importFiles(Array(files.prefix(2)))
        #expect(again.map(\.added) == [0, 0])
        #expect(try db.read { try $0.documents() }.count == 5)
    }

    @Test func explainShowsThePassageAndTheRule() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        _ = try importer(folder).importFiles([Fixtures.archive("lexisnexis_freethe20_2.txt").path])
        let text = try Explanation.text(person: "wang-yu", day: Day(iso: "2015-09-03")!, source: "archive:lexisnexis",
                                        in: try GlareDatabase(path: folder.path("g.sqlite")))
        #expect(text.hasPrefix("1 document(s) mention wang-yu on 2015-09-03:"))
        #expect(text.contains("- The Test Herald: \"Lawyer still held\" [archive:lexisnexis]"))
        #expect(text.contains("\"Wang Yu\" via alias 'Wang Yu', context term 'lawyer'"))
        #expect(text.contains("…Human rights lawyer [Wang Yu], detained in the 709 crackdown"))
        let none = try Explanation.text(person: "wang-yu", day: Day(iso: "2015-09-02")!, source: nil,
                                        in: try GlareDatabase(path: folder.path("g.sqlite")))
        #expect(none == "no stored document mentions wang-yu on 2015-09-02\n")
    }
}
