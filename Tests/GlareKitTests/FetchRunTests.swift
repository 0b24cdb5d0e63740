import Foundation
import GlareCore
import GlareFetch
import GlareKit
import GlareStore
import GlareTestSupport
import Logging
import Testing

/// `glare fetch` through the library: every source kind and fault against a server on 127.0.0.1.
@Suite struct FetchRunTests {
    static func fixture(_ name: String) throws -> Data {
        try Data(contentsOf: Fixtures.root.appendingPathComponent("Tests/Fixtures/feeds/\(name)"))
    }

    /// The fetch time of the recorded fixtures' runs (2015-09-04T00:00Z): feed coverage ends there.
    static let fetchedAt: @Sendable () -> Date = { Date(timeIntervalSince1970: 1_441_324_800) }

    static func client() -> HTTPClient {
        var c = HTTPClient.Configuration()
        c.lowSpeedTime = 2
        c.lowSpeedBytes = 1000
        c.maxBodyBytes = 1 << 20
        c.attempts = 2
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        return HTTPClient(configuration: c, logger: logger, sleep: { _ in })
    }

    /// Every file the workspace stores, as its bytes: the SQLite file, its write-ahead log and rollback
    /// journal when present, every snapshot file under the snapshot folder, decompressed, and the ledgers.
    /// A pack (a fetch's snapshots) is given whole, every member decompressed one after another (`….pack`),
    /// and each snapshot its rows place in it apart (`….pack#<sha>.gz`, as a file of its own would be).
    static func storedFiles(_ workspace: Workspace) throws -> [(path: String, bytes: Data)] {
        let fm = FileManager.default
        var files: [(path: String, bytes: Data)] = []
        for path in [workspace.databasePath, workspace.databasePath + "-wal", workspace.databasePath + "-journal"] {
            if let bytes = fm.contents(atPath: path) { files.append((path, bytes)) }
        }
        let folder = workspace.snapshotDirectory
        for name in try fm.subpathsOfDirectory(atPath: folder.path).sorted() where !name.hasSuffix("/") {
            let url = folder.appendingPathComponent(name)
            var isFolder: ObjCBool = false
            guard fm.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue else { continue }
            // The ledgers of snapshots being written are plain text (`SnapshotLedger`); the snapshots are gzip.
            let raw = try Data(contentsOf: url)
            if name.hasSuffix(".pack") {
                var members = Data()
                try Gzip.decompress(file: url) { members.append(contentsOf: $0) }
                files.append((url.path, members))
                continue
            }
            files.append((url.path, name.hasPrefix(".ledger/") ? raw : try Gzip.decompress(raw)))
        }
        for record in try workspace.openDatabase().read({ try $0.snapshots() }) {
            guard let member = record.packed else { continue }
            files.append((workspace.archive.path(ofPack: member.pack) + "#\(record.snapshot.sha256).gz", try workspace.archive.load(record)))
        }
        return files
    }

    /// The stored files that hold `needle`, after checking that the scan saw the database and all `snapshots`
    /// distinct snapshot files (so an empty answer cannot come from scanning nothing).
    static func filesHolding(_ needle: String, in workspace: Workspace, snapshots: Int) throws -> [String] {
        let files = try storedFiles(workspace)
        #expect(files.first?.path == workspace.databasePath && (files.first?.bytes.count ?? 0) > 0, "the database file was not scanned")
        #expect(files.filter { $0.path.hasSuffix(".gz") }.count == snapshots, "\(files.map(\.path))")
        return files.filter { $0.bytes.range(of: Data(needle.utf8)) != nil }.map(\.path)
    }

    @Test func everyKindAndFault() throws {
        let rss = ["Content-Type": "application/rss+xml; charset=utf-8"]
        let server = try FixtureServer(
            routes: [
                "/world.rss": [["file": "world.rss", "headers": rss.merging(["ETag": "\"v1\""]) { a, _ in a }], ["status": 304]],
                "/rights.atom": [["file": "rights.atom", "headers": ["Content-Type": "application/atom+xml"]]],
                "/flaky.rss": [["status": 500, "body": "busy"], ["file": "world.rss", "headers": rss]],
                "/limited.rss": [["status": 429, "headers": ["Retry-After": "0"]], ["file": "rights.atom"]],
                "/reset.rss": [["fault": "reset"]],
                "/hang.rss": [["fault": "hang"]],
                "/page.rss": [["body": "<html><body>Not a feed</body></html>", "headers": ["Content-Type": "text/html"]]],
                "/bomb.rss": [["fault": "gzip-bomb"]],
                "/xxe.rss": [["file": "xxe.rss"]],
                "/laughs.rss": [["file": "billion-laughs.rss"]],
                "/truncated.rss": [["file": "truncated.rss"]],
                "/guardian/search*": [["file": "guardian-page1.json"], ["file": "guardian-page2.json"]],
            ],
            files: Dictionary(
                uniqueKeysWithValues: try [
                    "world.rss", "rights.atom", "xxe.rss", "billion-laughs.rss", "truncated.rss",
                    "guardian-page1.json", "guardian-page2.json",
                ].map { ($0, try Self.fixture($0)) }))
        defer { server.stop() }
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let yaml = """
            sources:
              - {id: world, kind: rss, url: "\(server.base)/world.rss"}
              - {id: rights, kind: atom, url: "\(server.base)/rights.atom"}
              - {id: flaky, kind: rss, url: "\(server.base)/flaky.rss"}
              - {id: limited, kind: atom, url: "\(server.base)/limited.rss"}
              - {id: reset, kind: rss, url: "\(server.base)/reset.rss"}
              - {id: hang, kind: rss, url: "\(server.base)/hang.rss"}
              - {id: page, kind: rss, url: "\(server.base)/page.rss"}
              - {id: bomb, kind: rss, url: "\(server.base)/bomb.rss"}
              - {id: xxe, kind: rss, url: "\(server.base)/xxe.rss"}
              - {id: laughs, kind: rss, url: "\(server.base)/laughs.rss"}
              - {id: truncated, kind: rss, url: "\(server.base)/truncated.rss"}
              - {id: guardian, kind: guardian, url: "\(server.base)/guardian/", since: 2015-09-01}
            """
        let sources = try SourceList.parse(yaml, file: "sources.yaml")
        let workspace = Workspace(databasePath: folder.path("glare.sqlite"))
        let secret = "s3cr3t-key-123"
        let run = FetchRun(
            roster: try Roster.load(contentsOf: Fixtures.roster), workspace: workspace, client: Self.client(),
            credentials: try Credentials(environment: ["GLARE_GUARDIAN_KEY": secret]), logger: .quiet, now: FetchRunTests.fetchedAt)
        let results = try run.run(sources, to: Day(iso: "2015-09-03")!)
        let by = Dictionary(uniqueKeysWithValues: results.map { ($0.source, $0) })

        #expect(by["world"]?.outcome == .fetched && by["world"]?.added == 3)
        #expect(by["rights"]?.outcome == .fetched && by["rights"]?.added == 1)  // the reprint's link is world's first item
        #expect(by["flaky"]?.outcome == .fetched && by["flaky"]?.added == 0)  // 500 then success; items already stored
        #expect(by["limited"]?.outcome == .fetched)  // 429 with Retry-After, then success
        #expect(by["reset"]?.outcome == .failed && by["reset"]?.transient == true)
        #expect(by["hang"]?.outcome == .failed && by["hang"]?.transient == true)
        #expect(by["page"]?.error?.contains("unexpected content type 'text/html'") == true)
        #expect(by["bomb"]?.error?.contains("larger than 1048576 bytes") == true, "\(String(describing: by["bomb"]?.error))")
        #expect(by["xxe"]?.error?.contains("refused") == true)
        #expect(by["laughs"]?.error?.contains("refused") == true)
        #expect(by["truncated"]?.outcome == .fetched && by["truncated"]?.truncated.isEmpty == false)
        #expect(by["guardian"]?.outcome == .fetched && by["guardian"]?.documents == 2)
        #expect(FetchRun.status(results) == .unavailable)
        // Every snapshot the run wrote is recorded (a failed source stores none): its ledger is gone.
        #expect(!SnapshotLedger.entries(of: workspace.snapshotDirectory).contains { $0.process == getpid() })

        // Counts: the same item in two feeds counts once; documents per person and day.
        let db = try workspace.openDatabase()
        let series = try db.read { try $0.series(people: ["khadija-ismayilova"], measure: .news) }
        let world = try #require(series.first { $0.series.key.source == "feed:world" })
        #expect(world.series[.day(Day(iso: "2015-09-02")!)] == .value(1))
        // A feed that brought nothing new about her still covers her: from the day after its oldest item to the fetch, zero.
        let rights = try #require(series.first { $0.series.key.source == "feed:rights" })
        #expect(rights.series[.day(Day(iso: "2015-09-02")!)] == .missing)
        #expect(rights.series[.day(Day(iso: "2015-09-03")!)] == .value(0))
        #expect(rights.series.coverage.map { $0?.description } == ["0/24 hours", "24/24 hours"])
        let guardian = try #require(series.first { $0.series.key.source == "feed:guardian" })
        #expect(guardian.series[.day(Day(iso: "2015-09-01")!)] == .value(1))

        // The key never reaches stored URLs, snapshots or the state.
        let stored = try db.read { try $0.snapshots() }
        #expect(stored.contains { $0.originalName.contains("/guardian/search") })
        #expect(!stored.contains { $0.originalName.contains(secret) })
        let distinct = Set(stored.map(\.snapshot.sha256)).count
        // No stored byte holds it: the database, its journal or write-ahead log, every snapshot decompressed.
        #expect(try Self.filesHolding(secret, in: workspace, snapshots: distinct).isEmpty)
        // The scan sees stored content: the Guardian's response in its snapshot, the request's path in the database.
        #expect(
            try Self.filesHolding("Azerbaijan jails journalist Khadija Ismayilova", in: workspace, snapshots: distinct)
                .contains { $0.hasSuffix(".gz") })
        #expect(
            try Self.filesHolding("/guardian/search", in: workspace, snapshots: distinct)
                .contains { !$0.hasSuffix(".gz") })
        #expect(server.requests().contains { $0.path.contains("api-key=\(secret)") })
        let state = try #require(try db.read { try $0.sourceState("guardian") })
        #expect(state.cursor == "2015-09-03")

        // The next run asks conditionally and the feed answers 304; the store does not change.
        let before = try db.read { try $0.documents().count }
        let again = try run.run([sources[0]])
        #expect(again[0].outcome == .notModified)
        #expect(server.requests().last { $0.path == "/world.rss" }?.headers["If-None-Match"] == "\"v1\"")
        #expect(try db.read { try $0.documents().count } == before)
        // It still covers what the first fetch covered, up to this run, from the same snapshot.
        let spans = try db.read { try $0.coverageSpans(prefix: "feed:world") }.filter { $0.source == "feed:world" }
        #expect(spans.count == 2)
        #expect(spans.last?.how.hasPrefix("feed unchanged (304)") == true)
        #expect(spans.last?.start == spans.first?.start && spans.last?.snapshotId == spans.first?.snapshotId && spans.first?.snapshotId != nil)

        let status = try SourceStatusReport.text(db, sources: sources)
        #expect(status.text.contains("reset (rss): FAILING (transient)"))
        #expect(status.text.contains("xxe (rss): FAILING;"))
        #expect(status.status == .unavailable)
    }

    /// A feed host that is down costs a run three sources' retries, not each source's: its other sources fail at
    /// once, as transient (exit 75, the next run asks again), each saying why; a host that answers, even with errors
    /// for some feeds, has every feed asked.
    @Test func aDeadHostCostsThreeSourcesRetriesNotEach() throws {
        let server = try FixtureServer(
            routes: ["/world.rss": [["file": "world.rss", "headers": ["Content-Type": "application/rss+xml"]]], "/broken*": [["status": 500]]],
            files: ["world.rss": try Self.fixture("world.rss")])
        defer { server.stop() }
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let dead = "http://127.0.0.1:\(try FixtureServer.closedPort())"
        let yaml =
            "sources:\n" + (1...8).map { "  - {id: dead-\($0), kind: rss, url: \"\(dead)/feed-\($0).rss\"}\n" }.joined()
            + (1...3).map { "  - {id: broken-\($0), kind: rss, url: \"\(server.base)/broken-\($0).rss\"}\n" }.joined()
            + "  - {id: world, kind: rss, url: \"\(server.base)/world.rss\"}\n"
        let sources = try SourceList.parse(yaml, file: "sources.yaml")
        final class Waits: @unchecked Sendable {
            var count = 0
            let lock = NSLock()
        }
        let waits = Waits()
        var c = HTTPClient.Configuration()
        c.attempts = 3
        let client = HTTPClient(configuration: c, logger: .quiet) { _ in waits.lock.withLock { waits.count += 1 } }
        let workspace = Workspace(databasePath: folder.path("glare.sqlite"))
        let run = FetchRun(
            roster: try Roster.load(contentsOf: Fixtures.roster), workspace: workspace, client: client, credentials: try Credentials(environment: [:]),
            logger: .quiet, now: FetchRunTests.fetchedAt)
        let results = try run.run(sources)
        #expect(results.map(\.outcome) == Array(repeating: .failed, count: 11) + [.fetched])
        #expect(results.prefix(11).filter(\.transient).count == 11)
        let errors = results.map { $0.error ?? "" }
        let asked = errors.prefix(3).filter { !$0.isEmpty && !$0.contains("not asked") }.count
        let notAsked = errors[3..<8].filter { $0.contains("not asked: the last 3 requests to \(dead) could not reach it") }.count
        let broken = errors[8..<11].filter { $0.hasSuffix("HTTP 500") }.count
        #expect(asked == 3 && notAsked == 5 && broken == 3, "\(errors)")
        #expect(waits.count == 12)  // two waits in each of the three dead and three broken sources' three attempts; none after
        #expect(server.requests().filter { $0.path.hasPrefix("/broken") }.count == 9)
        #expect(FetchRun.status(results) == .temporaryFailure)
        let state = try #require(try workspace.openDatabase().read { try $0.sourceState("dead-8") })
        #expect(state.transient && state.lastError?.contains("the next run asks again") == true)
    }

    @Test func aMissingKeyOrAnOpenCredentialsFileIsNamed() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let file = try folder.write("credentials", "GLARE_GUARDIAN_KEY=abc\n")
        chmod(file.path, 0o644)
        // Through a symbolic link too (whose own mode is 777): the file's mode is what counts.
        let link = folder.path("credentials-link")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: file.path)
        for path in [file.path, link] {
            do {
                _ = try Credentials(environment: [:], file: path)
                Issue.record("a credentials file others can read was accepted: \(path)")
            } catch {
                #expect("\(error)".contains("is readable by others (mode 644); run chmod 600 \(path)"), "\(error)")
            }
        }
        chmod(file.path, 0o600)
        #expect(try Credentials(environment: [:], file: file.path).value("GLARE_GUARDIAN_KEY") == "abc")
        #expect(try Credentials(environment: [:], file: link).value("GLARE_GUARDIAN_KEY") == "abc")
        let sources = try SourceList.parse("sources:\n  - {id: guardian, kind: guardian, url: \"http://127.0.0.1:9/\"}\n", file: "s.yaml")
        let run = FetchRun(
            roster: try Roster.load(contentsOf: Fixtures.roster), workspace: Workspace(databasePath: folder.path("g.sqlite")),
            client: Self.client(), credentials: try Credentials(environment: [:]), logger: .quiet, now: FetchRunTests.fetchedAt)
        let r = try run.run(sources)
        #expect(r[0].error == "source 'guardian' needs an API key: set GLARE_GUARDIAN_KEY in the environment or the credentials file")
    }

    @Test func sourcesFileErrorsNameTheLine() {
        let bad = "sources:\n  - id: a\n    kind: rss\n    url: https://x.example/\n    colour: red\n"
        let error = #expect(throws: SourceListError.self) { try SourceList.parse(bad, file: "sources.yaml") }
        #expect(error?.description.hasPrefix("sources.yaml:5: unknown field 'colour'") == true)
        let kind = #expect(throws: SourceListError.self) {
            try SourceList.parse("sources:\n  - {id: a, kind: telex, url: \"https://x.example\"}\n", file: "s.yaml")
        }
        #expect(kind?.description.contains("'kind' must be one of rss, atom, guardian") == true)
    }
}

/// The NYT Archive, Media Cloud and GDELT DOC kinds, on a two-person roster.
@Suite struct APISourceTests {
    @Test func archiveAndCountAPIs() throws {
        let doc = try FetchRunTests.fixture("gdelt-doc-timelinevolraw-2017.json")
        var withControl = doc
        if let r = withControl.range(of: Data("OpenAI".utf8)) { withControl.insert(0x01, at: r.lowerBound) }
        let server = try FixtureServer(
            routes: [
                "/nyt/2015/9.json*": [["file": "nyt.json"]],
                "/mc/search/count-over-time*": [["file": "mc1.json"], ["file": "mc2.json"]],
                "/docbad/doc*": [["body": "The specified phrase is too short.\n", "headers": ["Content-Type": "text/html"]]],
            ],
            files: [
                "nyt.json": try FetchRunTests.fixture("nyt-archive-2015-9.json"),
                "mc1.json": try FetchRunTests.fixture("mediacloud-count-1.json"),
                "mc2.json": try FetchRunTests.fixture("mediacloud-count-2.json"),
            ])
        defer { server.stop() }
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let artlist =
            #"{"articles":[{"url":"https://x.example/a","url_mobile":"","title":"Journalist Khadija Ismayilova freed","seendate":"20170525T103000Z","socialimage":"","domain":"x.example","language":"English","sourcecountry":"Azerbaijan"}]}"#
        let docServer = try FixtureServer(routes: ["/doc/doc*": [["file": "doc.json"]], "/art/doc*": [["body": artlist]]], files: ["doc.json": withControl])
        defer { docServer.stop() }
        let roster = try Roster.load(
            contentsOf: try folder.write(
                "roster.yaml",
                """
                roster: test
                people:
                  - {id: khadija-ismayilova, name: "Khadija Ismayilova", aliases: ["Khadija Ismayilova"]}
                  - {id: liu-xia, name: "Liu Xia", aliases: ["Liu Xia"], ambiguous: true, context_terms: ["Liu Xiaobo", "house arrest"]}
                """))
        let sources = try SourceList.parse(
            """
            sources:
              - {id: nyt, kind: nyt-archive, url: "\(server.base)/nyt/"}
              - {id: mc, kind: mediacloud, url: "\(server.base)/mc/", collections: [34412234]}
              - {id: doc, kind: gdelt-doc, url: "\(docServer.base)/doc/doc"}
              - {id: docbad, kind: gdelt-doc, url: "\(server.base)/docbad/doc"}
              - {id: art, kind: gdelt-doc, mode: artlist, url: "\(docServer.base)/art/doc"}
            """, file: "s.yaml")
        let workspace = Workspace(databasePath: folder.path("glare.sqlite"))
        let run = FetchRun(
            roster: roster, workspace: workspace, client: FetchRunTests.client(),
            credentials: try Credentials(environment: ["GLARE_NYT_KEY": "nyt-secret", "GLARE_MC_KEY": "mc-secret"]), logger: .quiet,
            pause: { _ in }, now: { Date(timeIntervalSince1970: 1_514_764_800) })  // 2018: after every range asked for
        let results = try run.run(Array(sources[0...1]), from: Day(iso: "2015-09-01")!, to: Day(iso: "2015-09-03")!)
        #expect(results.map(\.outcome) == [.fetched, .fetched], "\(results.map(\.error))")
        let docResults = try run.run(Array(sources[2...3]), from: Day(iso: "2017-01-01")!, to: Day(iso: "2017-02-01")!)
        let art = try run.run([sources[4]], from: Day(iso: "2017-05-25")!, to: Day(iso: "2017-05-25")!)
        #expect(art[0].outcome == .fetched && art[0].added == 1, "\(String(describing: art[0].error))")  // one article, asked for twice
        #expect(docResults[0].outcome == .fetched, "\(String(describing: docResults[0].error))")
        #expect(docResults[1].error?.contains("GDELT says: The specified phrase is too short.") == true)

        let db = try workspace.openDatabase()
        let series = try db.read { try $0.series(measure: .news) }
        let labels = series.map(\.series)
        // NYT: Glare's matcher on headline, abstract and lead paragraph.
        // The days asked for are covered: September 1 had no article, a zero.
        #expect(labels.labels("liu-xia", "feed:nyt") == ["2015-09-01=0/0", "2015-09-02=1/1", "2015-09-03=0/1"])
        // Media Cloud: its own counts, each person's query answered in turn; an unreported day is missing.
        #expect(labels.labels("khadija-ismayilova", "mediacloud:mc") == ["2015-09-01=12/40000", "2015-09-02=0/41000", "2015-09-03=3/39000"])
        #expect(labels.labels("liu-xia", "mediacloud:mc") == ["2015-09-01=1/40000", "2015-09-02=NA/-", "2015-09-03=2/39000"])
        // GDELT DOC artlist: GDELT's list, Glare's matching on the title.
        #expect(labels.labels("khadija-ismayilova", "feed:art") == ["2017-05-25=1/1"])
        #expect(server.requests().isEmpty == false && docServer.requests().contains { $0.path.contains("mode=artlist") && $0.path.contains("maxrecords=250") })
        // GDELT DOC: the real response shape, a control character inside it tolerated.
        #expect(labels.labels("khadija-ismayilova", "gdelt-doc:doc").first == "2017-01-01=3/427906")
        // Keys: the NYT key in the query string is redacted in what is stored; Media Cloud's goes in a header.
        let snapshots = try db.read { try $0.snapshots() }
        let names = snapshots.map(\.originalName)
        #expect(names.contains { $0.contains("api-key=REDACTED") })
        #expect(!names.contains { $0.contains("secret") })
        for key in ["nyt-secret", "mc-secret"] {
            #expect(try FetchRunTests.filesHolding(key, in: workspace, snapshots: Set(snapshots.map(\.snapshot.sha256)).count).isEmpty, "\(key)")
        }
        let mcRequest = try #require(server.requests().first { $0.path.hasPrefix("/mc/") })
        #expect(mcRequest.headers["Authorization"] == "Token mc-secret")
        #expect(mcRequest.path.contains("cs=34412234") && mcRequest.path.contains("start=2015-09-01"))
    }
}

@Suite struct TrendsSourceTests {
    @Test func exploreThenMultilineThroughTheImporter() throws {
        let server = try FixtureServer(
            routes: [
                "/trends/api/explore*": [["status": 429, "headers": ["Retry-After": "0"]], ["file": "explore.json"]],
                "/trends/api/widgetdata/multiline*": [["file": "multiline.json"]],
            ],
            files: [
                "explore.json": try FetchRunTests.fixture("trends-explore.json"),
                "multiline.json": try FetchRunTests.fixture("trends-multiline-1term.json"),
            ])
        defer { server.stop() }
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let roster = try Roster.load(
            contentsOf: try folder.write(
                "roster.yaml",
                """
                roster: test
                people:
                  - {id: khadija-ismayilova, name: "Khadija Ismayilova", aliases: ["Khadija Ismayilova"]}
                """))
        let sources = try SourceList.parse("sources:\n  - {id: trends, kind: trends, url: \"\(server.base)/trends/api/\", enabled: false}\n", file: "s.yaml")
        #expect(sources[0].enabled == false)
        let workspace = Workspace(databasePath: folder.path("glare.sqlite"))
        let run = FetchRun(
            roster: roster, workspace: workspace, client: FetchRunTests.client(), credentials: try Credentials(environment: [:]), logger: .quiet,
            pause: { _ in }, now: FetchRunTests.fetchedAt)
        let results = try run.run(sources, from: Day(iso: "2015-09-01")!, to: Day(iso: "2015-09-05")!)
        #expect(results[0].outcome == .fetched, "\(String(describing: results[0].error))")
        let multiline = try #require(server.requests().first { $0.path.contains("multiline") })
        #expect(multiline.path.contains("token=APP6_TEST_TOKEN"))
        let series = try workspace.openDatabase().read { try $0.series(people: ["khadija-ismayilova"], measure: .search) }
        let s = try #require(series.first)
        #expect(s.series.observations.map { if case .value(let v) = $0 { Int(v) } else { -1 } } == [20, 100, 45, 10, 0])
        // A second run brings the same response: imported before, nothing changes.
        #expect(try run.run(sources, from: Day(iso: "2015-09-01")!, to: Day(iso: "2015-09-05")!)[0].outcome == .fetched)
        #expect(try workspace.openDatabase().read { try $0.trendsExports().count } == 1)
    }
}

@Suite struct WikipediaPageviewsTests {
    static func items(_ project: String, _ article: String?, _ views: [(String, Int)]) -> String {
        let list = views.map { d, v in
            "{\"project\":\"\(project)\",\(article.map { "\"article\":\"\($0)\"," } ?? "")\"granularity\":\"daily\",\"timestamp\":\"\(d)00\",\"access\":\"all-access\",\"agent\":\"user\",\"views\":\(v)}"
        }
        return "{\"items\":[" + list.joined(separator: ",") + "]}"
    }

    @Test func titlesRedirectsOmittedZerosAnd404() throws {
        let span = "2015083100/2015090300"
        let p = "/rest/metrics/pageviews/"
        let server = try FixtureServer(routes: [
            p + "aggregate/en.wikipedia/all-access/user/daily/" + span: [
                ["status": 429, "headers": ["Retry-After": "0"]],
                [
                    "body": Self.items(
                        "en.wikipedia", nil, [("20150831", 9_000_000), ("20150901", 9_100_000), ("20150902", 9_200_000), ("20150903", 9_300_000)])
                ],
            ],
            p + "aggregate/zh.wikipedia/all-access/user/daily/" + span: [
                ["body": Self.items("zh.wikipedia", nil, [("20150831", 700_000), ("20150901", 710_000), ("20150902", 720_000), ("20150903", 730_000)])]
            ],
            p + "per-article/en.wikipedia/all-access/user/Liu_Xia/daily/" + span: [
                ["body": Self.items("en.wikipedia", "Liu_Xia", [("20150831", 40), ("20150901", 310), ("20150903", 52)])]
            ],
            p + "per-article/en.wikipedia/all-access/user/Liu_Xia_%28poet%29/daily/" + span: [
                ["body": Self.items("en.wikipedia", "Liu_Xia_(poet)", [("20150901", 5)])]
            ],
            p + "per-article/zh.wikipedia/all-access/user/%E5%88%98%E9%9C%9E/daily/" + span: [
                ["body": Self.items("zh.wikipedia", "刘霞", [("20150901", 77), ("20150902", 12)])]
            ],
            p + "per-article/en.wikipedia/all-access/user/Khadija_Ismayilova/daily/" + span: [
                ["status": 404, "body": "{\"type\":\"https://mediawiki.org/wiki/HyperSwitch/errors/not_found\",\"title\":\"Not found.\"}"]
            ],
            "/w/api.php*": [
                [
                    "body":
                        "{\"batchcomplete\":true,\"query\":{\"pages\":[{\"pageid\":1,\"ns\":0,\"title\":\"Liu Xia\",\"redirects\":[{\"pageid\":2,\"ns\":0,\"title\":\"Liu Xia (poet)\"}]}]}}"
                ],
                ["body": "{\"batchcomplete\":true,\"query\":{\"pages\":[{\"pageid\":3,\"ns\":0,\"title\":\"刘霞\"}]}}"],
                ["body": "{\"batchcomplete\":true,\"query\":{\"pages\":[{\"ns\":0,\"title\":\"Khadija Ismayilova\",\"missing\":true}]}}"],
            ],
        ])
        defer { server.stop() }
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let roster = try Roster.load(
            contentsOf: try folder.write(
                "roster.yaml",
                """
                roster: test
                people:
                  - {id: liu-xia, name: "Liu Xia", aliases: ["Liu Xia"], wikipedia: {en: Liu_Xia, zh: 刘霞}}
                  - {id: khadija-ismayilova, name: "Khadija Ismayilova", aliases: ["Khadija Ismayilova"], wikipedia: {en: Khadija_Ismayilova}}
                """))
        let sources = try SourceList.parse(
            """
            sources:
              - {id: wikipedia, kind: wikipedia-pageviews, url: "\(server.base)/rest/", mediawiki_url: "\(server.base)/w/api.php?lang={lang}"}
            """, file: "s.yaml")
        let workspace = Workspace(databasePath: folder.path("glare.sqlite"))
        let run = FetchRun(
            roster: roster, workspace: workspace, client: FetchRunTests.client(), credentials: try Credentials(environment: [:]), logger: .quiet,
            pause: { _ in }, now: FetchRunTests.fetchedAt)
        let results = try run.run(sources, from: Day(iso: "2015-08-31")!, to: Day(iso: "2015-09-03")!)
        #expect(results[0].outcome == .fetched, "\(String(describing: results[0].error))")
        #expect(results[0].notes.contains("liu-xia: en views summed over Liu_Xia, Liu_Xia_(poet)"))
        #expect(results[0].notes.contains { $0.hasPrefix("khadija-ismayilova: no page views for en:Khadija_Ismayilova (404") })

        let db = try workspace.openDatabase()
        let series = try db.read { try $0.series(measure: .views) }
        let labels = series.map(\.series)
        #expect(
            labels.labels("liu-xia", "wikipedia:en") == ["2015-08-31=40/9000000", "2015-09-01=315/9100000", "2015-09-02=0/9200000", "2015-09-03=52/9300000"])
        #expect(labels.labels("liu-xia", "wikipedia:zh") == ["2015-08-31=0/700000", "2015-09-01=77/710000", "2015-09-02=12/720000", "2015-09-03=0/730000"])
        #expect(labels.labels("khadija-ismayilova", "wikipedia:en", missing: ["none"]) == ["none"])
        // The series names the responses (and so the titles) it summed.
        let en = try #require(series.first { $0.series.key.person == "liu-xia" && $0.series.key.source == "wikipedia:en" })
        #expect(en.inputs.map(\.originalName).contains { $0.contains("/Liu_Xia_%28poet%29/") })
        #expect(en.inputs.count == 2)
        #expect(try db.read { try $0.sourceState("wikipedia") }?.cursor == "2015-09-03")
    }

    @Test func titlesArePercentEncodedForThePath() {
        #expect(WikipediaTitle.pathComponent("Ta'ang/Palaung people") == "Ta%27ang%2FPalaung_people")
        #expect(WikipediaTitle.pathComponent("Xədicə İsmayılova") == "X%C9%99dic%C9%99_%C4%B0smay%C4%B1lova")
    }
}
