import Foundation
import GlareCore
import GlareKit
import GlareStore
import GlareTestSupport
import Testing

/// Hourly dump files written by the test: 24 hours of one day and one hour of the next.
@Suite struct PageviewDumpTests {
    @Test func hoursSumToCompleteDaysAndTheSeriesStayApart() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let roster = try Roster.load(
            contentsOf: try folder.write(
                "roster.yaml",
                """
                roster: test
                people:
                  - {id: liu-xia, name: "Liu Xia", aliases: ["Liu Xia"], wikipedia: {en: Liu_Xia, zh: 刘霞}}
                  - {id: gao-yu, name: "Gao Yu", aliases: ["Gao Yu"], wikipedia: {en: "Gao Yu (journalist)"}}
                """))
        var paths: [String] = []
        for h in 0..<25 {
            let day = h < 24 ? "20150901" : "20150902"
            let hour = String(format: "%02d", h % 24)
            var lines = [
                "en Liu_Xia 3 0", "en.m Liu_Xia 2 0", "en Main_Page 1000 0", "zh %E5%88%98%E9%9C%9E 1 0", "zh Other 50 0",
                "en.b Liu_Xia 99 0", "de Liu_Xia 7 0", "en Gao_Yu_(journalist) \(h == 5 ? 10 : 0) 0", "garbage",
            ]
            if h == 7 { lines.append("en Liu_Xia_(poet) 4 0") }  // a redirect: not counted from dumps
            let text = lines.joined(separator: "\n") + "\n"
            let views = folder.url.appendingPathComponent("pageviews-\(day)-\(hour)0000.gz")
            try Gzip.compress(Data(text.utf8)).write(to: views)
            paths.append(views.path)
        }
        // The older series: desktop only, one hour.
        let counts = folder.url.appendingPathComponent("pagecounts-20150901-000000.gz")
        try Gzip.compress(Data("en Liu_Xia 8 1234\nen.m Liu_Xia 100 0\n".utf8)).write(to: counts)
        paths.append(counts.path)
        let broken = folder.url.appendingPathComponent("pageviews-20150903-000000.gz")
        try Data(try Gzip.compress(Data("en Liu_Xia 1 0\n".utf8)).prefix(12)).write(to: broken)
        paths.append(broken.path)

        let workspace = Workspace(databasePath: folder.path("glare.sqlite"))
        let importer = PageviewDumpImporter(roster: roster, workspace: workspace, logger: .quiet)
        let results = try importer.importFiles(paths)
        #expect(results.filter(\.imported).count == 26)
        #expect(results.last?.error?.contains("pageviews-20150903-000000.gz") == true)
        #expect(results[0].lines == 9 && results[0].matched == 4)

        let series = try workspace.openDatabase().read { try $0.series(measure: .views) }.map(\.series)
        // 24 hours × (3 desktop + 2 mobile); the total is every en and en.m line: 24 × 1005 + 10 + the redirect.s 4.
        #expect(series.labels("liu-xia", "wikipedia-pageviews:en", missing: ["none"]) == ["2015-09-01=120/24134", "2015-09-02=NA/-"])
        #expect(series.labels("liu-xia", "wikipedia-pageviews:zh", missing: ["none"]) == ["2015-09-01=24/1224", "2015-09-02=NA/-"])
        #expect(series.labels("gao-yu", "wikipedia-pageviews:en", missing: ["none"]) == ["2015-09-01=10/24134", "2015-09-02=NA/-"])
        #expect(series.labels("gao-yu", "wikipedia-pageviews:zh", missing: ["none"]) == ["none"])
        // An edition the files do not carry is missing, not zero.
        #expect(series.labels("liu-xia", "wikipedia-pagecounts:zh", missing: ["none"]) == ["2015-09-01=NA/-"])
        // Pagecounts: one hour of a day is not a day.
        #expect(series.labels("liu-xia", "wikipedia-pagecounts:en", missing: ["none"]) == ["2015-09-01=NA/-"])
        // Idempotent.
        #expect(try importer.importFiles(paths).filter(\.imported).isEmpty)
    }
}

/// Hostile counts in a dump: not numbers, not whole, negative, beyond any page's hour. Each such line
/// is skipped and counted; the file still imports; nothing traps.
@Suite struct PageviewDumpCountTests {
    @Test func countsAreNonNegativeWholeNumbersOrTheLineIsSkipped() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let roster = try Roster.load(
            contentsOf: try folder.write(
                "roster.yaml",
                """
                roster: test
                people:
                  - {id: liu-xia, name: "Liu Xia", aliases: ["Liu Xia"], wikipedia: {en: Liu_Xia}}
                """))
        let lines = [
            "en Liu_Xia nan 0", "en Liu_Xia inf 0", "en Liu_Xia 1e19 0", "en Liu_Xia -500 0", "en Liu_Xia 2.5 0",
            "en Liu_Xia 99999999999999999999 0", "en Liu_Xia 0x10 0", "en Liu_Xia 3 0", "en Main_Page 100 0",
        ]
        let file = folder.url.appendingPathComponent("pageviews-20150901-000000.gz")
        try Gzip.compress(Data((lines.joined(separator: "\n") + "\n").utf8)).write(to: file)
        let workspace = Workspace(databasePath: folder.path("glare.sqlite"), environment: [:])
        let r = try #require(try PageviewDumpImporter(roster: roster, workspace: workspace, logger: .quiet).importFiles([file.path]).first)
        #expect(r.imported && r.error == nil)
        #expect(r.unreadable == 7 && r.matched == 1)
        let series = try workspace.openDatabase().read { try $0.series(partialPeriods: true) }.map(\.series)
        #expect(series.labels("liu-xia", "wikipedia-pageviews:en") == ["2015-09-01=3/103"])  // one hour of 24: partial, admitted here
    }
}

/// Issue 18 item 5: a 2 MB `.gz` without a line break grew one line to 2.17 GB and reported "imported".
/// A line is held to `PageviewDumpLine.maximumLength`; past it the line is dropped and counted, and a
/// file with no line within the limit is refused.
@Suite struct PageviewDumpLineLengthTests {
    @Test func aFileWithoutLineBreaksIsRefusedAndALongLineSkipped() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let roster = try Roster.load(
            contentsOf: try folder.write(
                "roster.yaml", "roster: test\npeople:\n  - {id: liu-xia, name: \"Liu Xia\", aliases: [\"Liu Xia\"], wikipedia: {en: Liu_Xia}}\n"))
        let workspace = Workspace(databasePath: folder.path("glare.sqlite"), environment: [:])
        let importer = PageviewDumpImporter(roster: roster, workspace: workspace, logger: .quiet)

        let endless = folder.url.appendingPathComponent("pageviews-20150901-000000.gz")
        try Gzip.compress(Data(repeating: UInt8(ascii: "a"), count: 8 << 20)).write(to: endless)
        let refused = try #require(try importer.importFiles([endless.path]).first)
        #expect(!refused.imported)
        #expect(refused.error?.contains("no line break within 65536 bytes") == true)

        let mixed = folder.url.appendingPathComponent("pageviews-20150901-010000.gz")
        let long = "en " + String(repeating: "x", count: 200_000) + " 5 0"
        try Gzip.compress(Data("en Liu_Xia 3 0\n\(long)\nen Liu_Xia 4 0\n".utf8)).write(to: mixed)
        let r = try #require(try importer.importFiles([mixed.path]).first)
        #expect(r.imported && r.unreadable == 1 && r.matched == 2)
    }
}

@Suite struct WikipediaResolverTests {
    @Test func searchRedirectsAndInterlanguageLinks() throws {
        let server = try FixtureServer(routes: [
            "/w/api.php*": [
                ["body": "{\"query\":{\"search\":[{\"ns\":0,\"title\":\"Liu Xia (poet)\"},{\"ns\":0,\"title\":\"Liu Xiaobo\"}]}}"],
                [
                    "body":
                        "{\"query\":{\"redirects\":[{\"from\":\"Liu Xia (poet)\",\"to\":\"Liu Xia\"}],\"pages\":[{\"pageid\":1,\"ns\":0,\"title\":\"Liu Xia\",\"langlinks\":[{\"lang\":\"zh\",\"title\":\"刘霞\"},{\"lang\":\"de\",\"title\":\"Liu Xia\"}]}]}}"
                ],
            ]
        ])
        defer { server.stop() }
        let person = Person(id: "liu-xia", name: "Liu Xia", aliases: [Alias(text: "Liu Xia")])
        let proposal = try WikipediaResolver(client: FetchRunTests.client(), mediawikiURL: server.base + "/w/api.php?wiki={lang}").resolve(person)
        #expect(proposal.titles == ["en": "Liu_Xia", "zh": "刘霞", "de": "Liu_Xia"])
        #expect(WikipediaResolver.yaml([proposal]).contains("#   wikipedia: {de: \"Liu_Xia\", en: \"Liu_Xia\", zh: \"刘霞\"}"))
        let paths = server.requests().map(\.path)
        #expect(paths[0].contains("list=search") && paths[0].contains("wiki=en"))
        #expect(paths[1].contains("prop=langlinks") && paths[1].contains("redirects=1"))
    }
}
