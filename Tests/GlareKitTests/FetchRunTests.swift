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

    @Test func everyKindAndFault() throws {
        let rss = ["Content-Type": "application/rss+xml; charset=utf-8"]
        let server = try FixtureServer(routes: [
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
        ], files: Dictionary(uniqueKeysWithValues: try ["world.rss", "rights.atom", "xxe.rss", "billion-laughs.rss", "truncated.rss",
                                                         "guardian-page1.json", "guardian-page2.json"].map { ($0, try Self.fixture($0)) }))
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
        let run = FetchRun(roster: try Roster.load(contentsOf: Fixtures.roster), workspace: workspace, client: Self.client(),
                           credentials: try Credentials(environment: ["GLARE_GUARDIAN_KEY": secret]))
        let results = try run.run(sources, to: Day(iso: "2015-09-03")!)
        let by = Dictionary(uniqueKeysWithValues: results.map { ($0.source, $0) })

        #expect(by["world"]?.outcome == .fetched && by["world"]?.added == 3)
        #expect(by["rights"]?.outcome == .fetched && by["rights"]?.added == 1)        // the reprint's link is world's first item
        #expect(by["flaky"]?.outcome == .fetched && by["flaky"]?.added == 0)          // 500 then success; items already stored
        #expect(by["limited"]?.outcome == .fetched)                                    // 429 with Retry-After, then success
        #expect(by["reset"]?.outcome == .failed && by["reset"]?.transient == true)
        #expect(by["hang"]?.outcome == .failed && by["hang"]?.transient == true)
        #expect(by["page"]?.error?.contains("unexpected content type 'text/html'") == true)
        #expect(by["bomb"]?.error?.contains("larger than 1048576 bytes") == true, "\(String(describing: by["bomb"]?.error))")
        #expect(by["xxe"]?.error?.contains("refused") == true)
        #expect(by["laughs"]?.error?.contains("refused") == true)
        #expect(by["truncated"]?.outcome == .fetched && by["truncated"]?.truncated.isEmpty == false)
        #expect(by["guardian"]?.outcome == .fetched && by["guardian"]?.documents == 2)
        #expect(FetchRun.status(results) == .unavailable)

        // Counts: the same item in two feeds counts once; documents per person and day.
        let db = try workspace.openDatabase()
        let series = try db.read { try $0.series(people: ["khadija-ismayilova"], measure: .news) }
        let world = try #require(series.first { $0.series.key.source == "feed:world" })
        #expect(world.series[.day(Day(iso: "2015-09-02")!)] == .value(1))
        #expect(series.first { $0.series.key.source == "feed:rights" } == nil)
        let guardian = try #require(series.first { $0.series.key.source == "feed:guardian" })
        #expect(guardian.series[.day(Day(iso: "2015-09-01")!)] == .value(1))

        // The key never reaches stored URLs, snapshots or the state.
        let stored = try db.read { try $0.snapshots() }
        #expect(stored.contains { $0.originalName.contains("/guardian/search") })
        #expect(!stored.contains { $0.originalName.contains(secret) })
        for s in stored {
            let data = try workspace.archive.load(s.snapshot)
            #expect(data.range(of: Data(secret.utf8)) == nil)
        }
        #expect(server.requests().contains { $0.path.contains("api-key=\(secret)") })
        let state = try #require(try db.read { try $0.sourceState("guardian") })
        #expect(state.cursor == "2015-09-03")

        // The next run asks conditionally and the feed answers 304; the store does not change.
        let before = try db.read { try $0.documents().count }
        let again = try run.run([sources[0]])
        #expect(again[0].outcome == .notModified)
        #expect(server.requests().last { $0.path == "/world.rss" }?.headers["If-None-Match"] == "\"v1\"")
        #expect(try db.read { try $0.documents().count } == before)

        let status = try SourceStatusReport.text(db, sources: sources)
        #expect(status.text.contains("reset (rss): FAILING (transient)"))
        #expect(status.text.contains("xxe (rss): FAILING;"))
        #expect(status.status == .unavailable)
    }

    @Test func aMissingKeyOrAnOpenCredentialsFileIsNamed() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let file = try folder.write("credentials", "GLARE_GUARDIAN_KEY=abc\n")
        chmod(file.path, 0o644)
        #expect(throws: FetchRunError.self) { try Credentials(environment: [:], file: file.path) }
        chmod(file.path, 0o600)
        #expect(try Credentials(environment: [:], file: file.path).value("GLARE_GUARDIAN_KEY") == "abc")
        let sources = try SourceList.parse("sources:\n  - {id: guardian, kind: guardian, url: \"http://127.0.0.1:9/\"}\n", file: "s.yaml")
        let run = FetchRun(roster: try Roster.load(contentsOf: Fixtures.roster), workspace: Workspace(databasePath: folder.path("g.sqlite")),
                           client: Self.client(), credentials: try Credentials(environment: [:]))
        let r = try run.run(sources)
        #expect(r[0].error == "source 'guardian' needs an API key: set GLARE_GUARDIAN_KEY in the environment or the credentials file")
    }

    @Test func sourcesFileErrorsNameTheLine() {
        let bad = "sources:\n  - id: a\n    kind: rss\n    url: https://x.example/\n    colour: red\n"
        let error = #expect(throws: SourceListError.self) { try SourceList.parse(bad, file: "sources.yaml") }
        #expect(error?.description.hasPrefix("sources.yaml:5: unknown field 'colour'") == true)
        let kind = #expect(throws: SourceListError.self) { try SourceList.parse("sources:\n  - {id: a, kind: telex, url: \"https://x.example\"}\n", file: "s.yaml") }
        #expect(kind?.description.contains("'kind' must be one of rss, atom, guardian") == true)
    }
}
