import Foundation
import GlareCore
import GlareFetch
import GlareKit
import GlareParsers
import GlareStore
import GlareTestSupport
import Logging
import Testing

/// The source contract: every series derived from stored evidence, coverage and the roster; a
/// rebuild follows a roster edit in every source; coverage decides observed days.
@Suite(.serialized) struct SourceContractTests {
    typealias R = SyntheticGKG.Record

    /// Before: Liu Xiaobo is on the roster under a spelling no evidence uses.
    static let before = """
        roster: test
        people:
          - {id: liu-xia, name: "Liu Xia", aliases: ["Liu Xia"], wikipedia: {en: Liu_Xia}}
          - {id: liu-xiaobo, name: "Xiaobo L.", aliases: ["Xiaobo L."]}
        """
    /// After: the spelling every source uses, and his article.
    static let after = """
        roster: test
        people:
          - {id: liu-xia, name: "Liu Xia", aliases: ["Liu Xia"], wikipedia: {en: Liu_Xia}}
          - {id: liu-xiaobo, name: "Xiaobo L.", aliases: ["Xiaobo L.", "Liu Xiaobo"], wikipedia: {en: Liu_Xiaobo}}
        """

    static let feed = """
        <?xml version="1.0"?>
        <rss version="2.0"><channel><title>Test Wire</title>
        <item><title>Nobel laureate's widow speaks</title><link>https://wire.example/a</link>
          <description>Friends of Liu Xiaobo gathered on Wednesday.</description><pubDate>Wed, 02 Sep 2015 10:00:00 GMT</pubDate></item>
        <item><title>Markets</title><link>https://wire.example/b</link>
          <description>Nothing about anyone.</description><pubDate>Sun, 30 Aug 2015 10:00:00 GMT</pubDate></item>
        </channel></rss>
        """

    /// Imports one piece of evidence of every kind under `roster`.
    static func importEverything(_ folder: TemporaryFolder, roster: Roster) throws -> Workspace {
        let workspace = Workspace(databasePath: folder.path("glare.sqlite"), environment: [:])
        // An archive download.
        let archive = try ArchiveImporter(roster: roster, workspace: workspace, logger: .quiet)
            .importFiles(["Tests/Fixtures/archives/lexisnexis_freethe20_1.txt"], covers: Day(iso: "2015-09-01")!...Day(iso: "2015-09-03")!)
        #expect(archive.allSatisfy { $0.error == nil })
        // A feed, fetched from a server on 127.0.0.1.
        let server = try FixtureServer(routes: ["/wire.rss": [["body": feed, "headers": ["Content-Type": "application/rss+xml"]]]])
        defer { server.stop() }
        let sources = try SourceList.parse("sources:\n  - {id: wire, kind: rss, url: \"\(server.base)/wire.rss\"}\n", file: "sources.yaml")
        let fetched = try FetchRun(
            roster: roster, workspace: workspace, client: HTTPClient(logger: .quiet, sleep: { _ in }),
            credentials: try Credentials(environment: [:]), logger: .quiet, pause: { _ in },
            now: FetchRunTests.fetchedAt
        ).run(sources)
        #expect(fetched.first?.outcome == .fetched, "\(fetched)")
        // One GDELT GKG file.
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("gkg"), withIntermediateDirectories: true)
        try folder.write(
            "gkg/20150901000000.gkg.csv",
            try SyntheticGKG.file([
                R(id: "20150901000000-0", date: "20150901000000", url: "https://a.example/1", persons: ["Liu Xiaobo"], names: ["Liu Xiaobo"]),
                R(id: "20150901000000-1", date: "20150901000000", url: "https://a.example/2", persons: ["Someone Else"]),
            ]))
        let pipeline = try GKGPipeline(roster: roster, workspace: workspace, logger: .quiet)
        #expect(try GKGImporter(pipeline: pipeline).importPaths([folder.path("gkg")]).processed == 1)
        // Wikipedia: every hour of one day.
        var dumps: [String] = []
        for h in 0..<24 {
            let file = folder.url.appendingPathComponent("pageviews-20150901-\(String(format: "%02d", h))0000.gz")
            try Gzip.compress(Data("en Liu_Xia 3 0\nen Liu_Xiaobo 5 0\nen Main_Page 100 0\n".utf8)).write(to: file)
            dumps.append(file.path)
        }
        #expect(try PageviewDumpImporter(roster: roster, workspace: workspace, logger: .quiet).importFiles(dumps).allSatisfy(\.imported))
        return workspace
    }

    static func series(_ w: Workspace, partial: Bool = false) throws -> [AttentionSeries] {
        try w.openDatabase().read { try $0.series(partialPeriods: partial) }.map(\.series)
    }

    @Test func rebuildFollowsARosterEditInEverySourceAndThenChangesNothing() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let workspace = try Self.importEverything(folder, roster: try Roster.load(contentsOf: try folder.write("before.yaml", Self.before)))
        let before = try Self.series(workspace, partial: true)
        // Before the edit he is covered but never named: zeros, and no Wikipedia series (no confirmed title).
        #expect(before.labels("liu-xiaobo", "archive:lexisnexis") == ["2015-09-01=0/2", "2015-09-02=0/2", "2015-09-03=0/0"])
        #expect(before.labels("liu-xiaobo", "gkg") == ["2015-09-01=0/2"])
        #expect(before.labels("liu-xiaobo", "feed:wire") == ["2015-08-30=0/1", "2015-08-31=0/0", "2015-09-01=0/0", "2015-09-02=0/1", "2015-09-03=0/0"])
        #expect(before.labels("liu-xiaobo", "wikipedia-pageviews:en", missing: ["none"]) == ["none"])

        let roster = try Roster.load(contentsOf: try folder.write("after.yaml", Self.after))
        let stale = try workspace.openDatabase().read { try $0.series() }
        #expect(RosterFingerprint.warning(for: stale, roster: roster)?.contains("run 'glare rebuild'") == true)

        let changes = try Rebuilder(roster: roster, workspace: workspace, logger: .quiet).rebuild()
        let by = Dictionary(uniqueKeysWithValues: changes.map { ($0.kind, $0) })
        let his = { (kind: SeriesKind) in (by[kind]!.changed + by[kind]!.added).filter { $0.person == "liu-xiaobo" }.map(\.source).sorted() }
        #expect(his(.archive) == ["archive:lexisnexis", "archive:lexisnexis/stories"])
        #expect(his(.feed) == ["feed:wire", "feed:wire/stories"])
        #expect(his(.gkg) == ["gkg", "gkg/mentions"])
        #expect(his(.pageviewDump) == ["wikipedia-pageviews:en"])
        #expect(by[.archive]!.rematched == 4 && by[.feed]!.rematched == 2 && by[.gkg]!.rematched == 1 && by[.pageviewDump]!.rematched == 24)

        let after = try Self.series(workspace, partial: true)
        #expect(after.labels("liu-xiaobo", "archive:lexisnexis") == ["2015-09-01=1/2", "2015-09-02=0/2", "2015-09-03=0/0"])
        #expect(after.labels("liu-xiaobo", "gkg") == ["2015-09-01=1/2"])
        #expect(after.labels("liu-xiaobo", "feed:wire") == ["2015-08-30=0/1", "2015-08-31=0/0", "2015-09-01=0/0", "2015-09-02=1/1", "2015-09-03=0/0"])
        #expect(after.labels("liu-xiaobo", "wikipedia-pageviews:en") == ["2015-09-01=120/2592"])  // 24 × 5 of 24 × (3 + 5 + 100)
        #expect(after.labels("liu-xia", "archive:lexisnexis") == before.labels("liu-xia", "archive:lexisnexis"))
        #expect(RosterFingerprint.warning(for: try workspace.openDatabase().read { try $0.series() }, roster: roster) == nil)

        // A second rebuild with the same roster changes nothing.
        let again = try Rebuilder(roster: roster, workspace: workspace, logger: .quiet).rebuild()
        #expect(again.filter { !$0.isEmpty }.isEmpty, "\(again.map(\.summary))")
        #expect(try Self.series(workspace, partial: true) == after)
    }

    @Test func oneGKGFileIsAPartialDayAndAllSlotsMakeItObserved() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let roster = try Roster.load(contentsOf: try folder.write("roster.yaml", Self.after))
        let workspace = Workspace(databasePath: folder.path("glare.sqlite"), environment: [:])
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("gkg"), withIntermediateDirectories: true)
        try folder.write(
            "gkg/20150901000000.gkg.csv",
            try SyntheticGKG.file([
                R(id: "20150901000000-0", date: "20150901000000", url: "https://a.example/1", persons: ["Liu Xiaobo"], names: ["Liu Xiaobo"])
            ]))
        let pipeline = try GKGPipeline(roster: roster, workspace: workspace, logger: .quiet)
        let one = try GKGImporter(pipeline: pipeline).importPaths([folder.path("gkg")])
        #expect(one.incompleteDays["gkg"] == [Day(iso: "2015-09-01")!])
        let strict = try #require(try Self.series(workspace).first { $0.key.person == "liu-xiaobo" && $0.key.source == "gkg" })
        #expect(strict.labels == ["2015-09-01=NA/-"])
        #expect(strict.coverage == [Coverage(covered: 1, units: 96, unit: "slots")])
        #expect(try Self.series(workspace, partial: true).labels("liu-xiaobo", "gkg") == ["2015-09-01=1/1"])
        let explained = try Explanation.text(person: "liu-xiaobo", day: Day(iso: "2015-09-01")!, source: "gkg", in: try workspace.openDatabase())
        #expect(explained.contains("gkg 2015-09-01: 1 of 1, 1/96 slots; partly covered (1/96 slots): missing unless --allow-partial-days"))

        // GDELT's master list (which goes on to the next day) names only this slot that day: the other 95
        // are absent, the day is whole.
        try folder.write(
            "masterfilelist.txt",
            "1234 0123456789abcdef0123456789abcdef http://data.gdeltproject.org/gdeltv2/20150901000000.gkg.csv.zip\n"
                + "1234 0123456789abcdef0123456789abcdef http://data.gdeltproject.org/gdeltv2/20150902000000.gkg.csv.zip\n")
        let listed = try GKGImporter(pipeline: pipeline).importPaths([folder.path("gkg")], masterList: folder.path("masterfilelist.txt"))
        #expect(listed.files.filter { $0.outcome == .absent }.count == 95)
        #expect(listed.incompleteDays.isEmpty)
        let whole = try #require(try Self.series(workspace).first { $0.key.person == "liu-xiaobo" && $0.key.source == "gkg" })
        #expect(whole.labels == ["2015-09-01=1/1"])
        #expect(whole.coverage == [Coverage(covered: 96, units: 96, unit: "slots")])
    }

    @Test func ninetySixFilesMakeAnObservedDay() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let roster = try Roster.load(contentsOf: try folder.write("roster.yaml", Self.after))
        let workspace = Workspace(databasePath: folder.path("glare.sqlite"), environment: [:])
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("gkg"), withIntermediateDirectories: true)
        for slot in GKGSlot.slots(from: Day(iso: "2015-09-01")!, to: Day(iso: "2015-09-01")!) {
            let named = slot.minutes % 60 == 0 ? ["Liu Xiaobo"] : []  // one article an hour names him
            try folder.write(
                "gkg/\(slot.stamp).gkg.csv",
                try SyntheticGKG.file([
                    R(id: "\(slot.stamp)-0", date: slot.stamp, url: "https://a.example/\(slot.stamp)", persons: named, names: named)
                ]))
        }
        let pipeline = try GKGPipeline(roster: roster, workspace: workspace, logger: .quiet)
        let summary = try GKGImporter(pipeline: pipeline).importPaths([folder.path("gkg")])
        #expect(summary.processed == 96 && summary.incompleteDays.isEmpty)
        #expect(try Self.series(workspace).labels("liu-xiaobo", "gkg") == ["2015-09-01=24/96"])
        #expect(try Self.series(workspace).labels("liu-xia", "gkg") == ["2015-09-01=0/96"])
    }

    @Test func anArchiveDownloadNamingNobodyGivesZeroSeriesOnItsCoveredDays() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let roster = try Roster.load(
            contentsOf: try folder.write(
                "roster.yaml",
                """
                roster: test
                people:
                  - {id: nobody, name: "Nobody Here", aliases: ["Nobody Here"]}
                  - {id: the-twenty, name: "The Twenty", group: collective}
                """))
        let workspace = Workspace(databasePath: folder.path("glare.sqlite"), environment: [:])
        let results = try ArchiveImporter(roster: roster, workspace: workspace, logger: .quiet)
            .importFiles(["Tests/Fixtures/archives/lexisnexis_freethe20_1.txt"], covers: Day(iso: "2015-08-31")!...Day(iso: "2015-09-03")!)
        #expect(results.first?.error == nil && results.first?.documents == 4)
        let series = try Self.series(workspace)
        #expect(Set(series.map(\.key.person)) == ["nobody"])
        // The fixture's 4 documents: 2 on September 1, 2 on September 2 (by publication day).
        #expect(series.labels("nobody", "archive:lexisnexis") == ["2015-08-31=0/0", "2015-09-01=0/2", "2015-09-02=0/2", "2015-09-03=0/0"])
        #expect(series.first?.coverage.allSatisfy { $0?.isComplete == true } == true)
    }

    @Test func aScopeTakesInItsTwinsButNotADatabaseWithASlash() {
        #expect(SeriesDeriver.covers(["archive:proquest"], "archive:proquest/stories"))
        #expect(SeriesDeriver.covers(["gkg"], "gkg/mentions"))
        #expect(!SeriesDeriver.covers(["archive:proquest"], "archive:proquest/Hist"))
        #expect(SeriesDeriver.covers(["counts:mc"], "counts:mc/gkg"))
    }

    @Test func scopeLookupsAgreeWithThePassOverTheScope() {
        // The definition, one scope entry at a time.
        func reference(_ scope: Set<String>, _ source: String) -> Bool {
            scope.contains(source)
                || scope.contains { e in
                    source == e + "/stories" || source == e + "/mentions" || (e.hasPrefix("counts:") && source.hasPrefix(e + "/"))
                }
        }
        var sources: [String] = []
        for kind in ["counts:", "archive:", "feed:", "gkg", ""] {
            for name in ["a", "b", "a/b", "mc", "a/stories", ""] {
                for tail in ["", "/stories", "/mentions", "/x", "/stories/mentions", "/a/b"] { sources.append(kind + name + tail) }
            }
        }
        var state: UInt64 = 19
        var disagreements: [String] = []
        for _ in 0..<400 {
            var scope = Set<String>()
            for s in sources {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                if state >> 59 == 0 { scope.insert(s) }  // about one in 32
            }
            for s in sources where SeriesDeriver.covers(scope, s) != reference(scope, s) { disagreements.append("\(scope.sorted()) \(s)") }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(3))")
    }

    @Test func seriesSortedByRanksAreSortedByKey() {
        // Keys of people (some written in two canonically equivalent ways, one a prefix of another), sources and
        // measures, shuffled: the order of the ranks is the keys' own.
        let people = ["liu-xia", "liu", "z\u{E9}", "ze\u{301}", "Ａ", "a", ""]
        let sources = ["feed:a", "feed:a/stories", "feed:b", "archive:a", "gkg", "gkg/mentions"]
        var state: UInt64 = 7
        for round in 0..<50 {
            var series: [StoredSeries] = []
            for p in people {
                for s in sources {
                    for m in Measure.allCases {
                        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                        guard state >> 62 == 0 else { continue }  // about one in four
                        let key = SeriesKey(person: p, source: s, measure: m)
                        series.append(StoredSeries(series: AttentionSeries(key: key, resolution: .day, points: [:]), term: nil, geo: nil, inputs: []))
                    }
                }
            }
            for i in series.indices.reversed() {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                series.swapAt(i, Int(state >> 33) % (i + 1))
            }
            let sorted = SeriesDeriver.sortedByKey(series).map(\.series.key)
            #expect(sorted.count == series.count, "round \(round)")
            #expect(zip(sorted, sorted.dropFirst()).allSatisfy { !($1 < $0) }, "round \(round)")
            #expect(sorted.map(\.description) == series.map(\.series.key).sorted().map(\.description), "round \(round)")
        }
    }

    @Test func oneStaleFeedItemDoesNotClaimTheYearsBefore() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let rss = """
            <?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
            <item><title>Evergreen</title><link>https://wire.example/e</link><description>About us.</description><pubDate>Thu, 01 Jan 1970 00:00:00 GMT</pubDate></item>
            <item><title>One</title><link>https://wire.example/1</link><description>Liu Xiaobo.</description><pubDate>Tue, 01 Sep 2015 10:00:00 GMT</pubDate></item>
            <item><title>Two</title><link>https://wire.example/2</link><description>News.</description><pubDate>Wed, 02 Sep 2015 10:00:00 GMT</pubDate></item>
            </channel></rss>
            """
        let server = try FixtureServer(routes: ["/wire.rss": [["body": rss, "headers": ["Content-Type": "application/rss+xml"]]]])
        defer { server.stop() }
        let roster = try Roster.load(contentsOf: try folder.write("roster.yaml", Self.after))
        let workspace = Workspace(databasePath: folder.path("glare.sqlite"), environment: [:])
        let sources = try SourceList.parse("sources:\n  - {id: wire, kind: rss, url: \"\(server.base)/wire.rss\"}\n", file: "sources.yaml")
        _ = try FetchRun(
            roster: roster, workspace: workspace, client: HTTPClient(logger: .quiet, sleep: { _ in }),
            credentials: try Credentials(environment: [:]), logger: .quiet, pause: { _ in }, now: FetchRunTests.fetchedAt
        ).run(sources)
        let series = try Self.series(workspace).first { $0.key.person == "liu-xiaobo" && $0.key.source == "feed:wire" }
        let s = try #require(series)
        // Covered from the day after the oldest item past the gap (September 1) to the fetch; 1970 is a partial day alone.
        #expect(s.labels.filter { !$0.hasSuffix("NA/-") } == ["2015-09-02=0/1", "2015-09-03=0/0"])
        #expect(s.observedCount == 2)
    }

    @Test func aMasterListSaysNothingAboutDaysItDoesNotReach() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let roster = try Roster.load(contentsOf: try folder.write("roster.yaml", Self.after))
        let workspace = Workspace(databasePath: folder.path("glare.sqlite"), environment: [:])
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("gkg"), withIntermediateDirectories: true)
        try folder.write("gkg/20150901000000.gkg.csv", try SyntheticGKG.file([R(id: "20150901000000-0", date: "20150901000000", url: "https://a.example/1")]))
        let pipeline = try GKGPipeline(roster: roster, workspace: workspace, logger: .quiet)
        // A stale list that ends the day before: it says nothing about September 1.
        try folder.write("stale.txt", "1 0123456789abcdef0123456789abcdef http://data.gdeltproject.org/gdeltv2/20150831234500.gkg.csv.zip\n")
        let stale = try GKGImporter(pipeline: pipeline).importPaths([folder.path("gkg")], masterList: folder.path("stale.txt"))
        #expect(stale.files.filter { $0.outcome == .absent }.isEmpty && stale.incompleteDays["gkg"] == [Day(iso: "2015-09-01")!])
        // A list of the other stream names nothing of this one: refused.
        try folder.write("other.txt", "1 0123456789abcdef0123456789abcdef http://data.gdeltproject.org/gdeltv2/20150901000000.translation.gkg.csv.zip\n")
        #expect(throws: ParseError.self) { try GKGImporter(pipeline: pipeline).importPaths([folder.path("gkg")], masterList: folder.path("other.txt")) }
    }
}
