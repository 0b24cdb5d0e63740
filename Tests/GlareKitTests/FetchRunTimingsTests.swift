import Foundation
import GlareCore
import GlareKit
import GlareStore
import GlareTestSupport
import Logging
import Testing

/// A fetch run says where its time went: once, at its end, in the log (`run timings`) and to `timed`.
@Suite struct FetchRunTimingsTests {
    @Test func aRunLogsWhereItsTimeWentOnce() throws {
        let rss = ["Content-Type": "application/rss+xml"]
        let feeds = 12
        var routes: [String: Any] = [:]
        var files: [String: Data] = [:]
        for f in 0..<feeds {
            routes["/feed-\(f).rss"] = [["file": "feed-\(f).rss", "headers": rss]]
            files["feed-\(f).rss"] = FetchByDayTests.feed(
                (0..<8).map { FetchByDayTests.item("f\(f)-\($0)", "2015-09-\(8 + $0 % 3)", FetchByDayTests.story(UInt64(100 * f + $0), naming: $0 == 2)) })
        }
        let server = try FixtureServer(routes: routes, files: files)
        defer { server.stop() }
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let sources = try SourceList.parse(
            "sources:\n" + (0..<feeds).map { "  - {id: feed-\($0), kind: rss, url: \"\(server.base)/feed-\($0).rss\"}\n" }.joined(),
            file: "sources.yaml")
        let log = LogCapture()
        var logger = Logger(label: "test") { _ in log }
        logger.logLevel = .info
        let at = ISO8601DateFormatter().date(from: "2015-09-10T18:00:00Z")!
        var run = FetchRun(
            roster: try Roster.load(contentsOf: Fixtures.roster), workspace: Workspace(databasePath: folder.path("glare.sqlite")),
            client: FetchRunTests.client(), credentials: try Credentials(environment: [:]), logger: logger, pause: { _ in }, now: { at })
        var told: [FetchRunTimings] = []
        run.timed = { told.append($0) }
        let results = try run.run(sources)
        #expect(results.allSatisfy { $0.outcome == .fetched && $0.added == 8 })

        let t = try #require(told.first)
        #expect(told.count == 1)
        #expect(t.sources == feeds)
        #expect((1...feeds).contains(t.batches))
        // Each part did some work, and the parts are disjoint stretches of the run (rounding aside).
        for (name, part) in [("recording", t.recording), ("deriving", t.deriving), ("committing", t.committing), ("opening", t.opening)] {
            #expect(part > 0, "\(name): \(t)")
        }
        #expect(t.waiting >= 0 && t.syncing >= 0)  // the pack may be on disk before the batch is derived: no wait
        #expect(t.opening + t.waiting + t.recording + t.deriving + t.syncing + t.committing <= t.total + 0.001, "\(t)")
        #expect(t.storingCPU > 0 && t.processCPU >= t.storingCPU - 1, "\(t)")

        // The log line: once, with every field, as handed to `timed`.
        let lines = log.messages.filter { $0.message == "run timings" }
        #expect(lines.count == 1)
        let metadata = try #require(lines.first).metadata
        #expect(Set(metadata.keys) == Set(t.metadata.keys))
        #expect(metadata["sources"] == "\(feeds)" && metadata["batches"] == "\(t.batches)")
        #expect(metadata["total_ms"] == String(format: "%.1f", t.total))
    }
}
