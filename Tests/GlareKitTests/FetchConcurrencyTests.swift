import Foundation
import GlareCore
import GlareFetch
import GlareStore
import GlareTestSupport
import Testing

@testable import GlareKit

/// `glare fetch` with several requests in flight: each host's limit holds, APIs go one at a time, and
/// what is stored is what fetching one source at a time stores.
@Suite struct FetchConcurrencyTests {
    static func source(_ yaml: String) throws -> SourceDefinition {
        try SourceList.parse("sources:\n  - \(yaml)\n", file: "sources.yaml")[0]
    }

    @Test func lanesKeepEachHostsLimitAndTakeAnAPIOneAtATime() throws {
        let sources = try [
            "{id: a1, kind: rss, url: 'https://a.example/1'}", "{id: a2, kind: rss, url: 'https://A.example/2'}",
            "{id: a3, kind: atom, url: 'https://a.example/3'}", "{id: b1, kind: rss, url: 'https://b.example/1'}",
            "{id: g1, kind: guardian, url: 'https://content.guardianapis.com/'}",
            "{id: g2, kind: guardian, url: 'https://content.guardianapis.com/'}",
        ].map(Self.source)
        let lanes = FetchLanes(sources, perHost: 2, workers: 1)
        // In order, skipping what a full lane holds back: a1, a2 (host a full), b1, g1 (the Guardian API busy).
        #expect([lanes.next(), lanes.next(), lanes.next(), lanes.next()] == [0, 1, 3, 4])
        // Nothing else may start until a lane frees a place; freeing a2 lets a3 start, not g2.
        let started = Started()
        Thread.detachNewThread { started.set(lanes.next()) }
        Thread.sleep(forTimeInterval: 0.2)
        #expect(started.value == nil)
        lanes.done(1)
        #expect(started.wait() == 2)
        lanes.done(4)
        #expect(lanes.next() == 5)
        #expect(lanes.next() == nil)  // all started
    }

    @Test func theStoringSidesCoreIsAPlaceToWorkWhileItWaits() throws {
        let sources = try (0..<3).map { try Self.source("{id: f\($0), kind: rss, url: 'https://h\($0).example/'}") }
        let lanes = FetchLanes(sources, perHost: 1, workers: 1, workersWhileStoringWaits: 2)
        let holding = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            lanes.work(0) {
                holding.signal()
                release.wait()
            }
        }
        holding.wait()
        // Source 0 holds the one place: source 1 waits, until the storing side waits and lends its core.
        let first = Started()
        Thread.detachNewThread { lanes.work(1) { first.set(1) } }
        Thread.sleep(forTimeInterval: 0.2)
        #expect(first.value == nil)
        lanes.storing(waits: true)
        #expect(first.wait(seconds: 10) == 1)
        // Busy again, it takes its core back: source 2 waits for source 0's place.
        lanes.storing(waits: false)
        let second = Started()
        Thread.detachNewThread { lanes.work(2) { second.set(2) } }
        Thread.sleep(forTimeInterval: 0.2)
        #expect(second.value == nil)
        release.signal()
        #expect(second.wait() == 2)
    }

    @Test func theQueueSaysWhenItsTakerWaits() throws {
        let queue = FetchQueue<String>(capacity: 4)
        let told = Told()
        #expect(queue.put("a", at: 0))
        #expect(queue.take(waiting: told.append) == "a")
        #expect(told.values == [])  // the item was there: no wait
        // Out of order: item 2 is held back until item 1 comes, and the taker waits for it.
        #expect(queue.put("c", at: 2))
        let taken = Started()
        Thread.detachNewThread { taken.set(queue.take(waiting: told.append) == "b" ? 1 : nil) }
        Thread.sleep(forTimeInterval: 0.2)
        #expect(told.values == [true])
        #expect(queue.put("b", at: 1))
        #expect(taken.wait(seconds: 10) == 1)
        #expect(told.values == [true, false])
        #expect(queue.take(waiting: told.append) == "c")
        // A wait that ends because the queue finished, or was stopped, is over too.
        for stops in [false, true] {
            let other = FetchQueue<String>(capacity: 4)
            let ended = Started()
            Thread.detachNewThread { ended.set(other.take(waiting: told.append) == nil ? 0 : nil) }
            Thread.sleep(forTimeInterval: 0.2)
            if stops { other.stop() } else { other.finish() }
            #expect(ended.wait(seconds: 10) == 0)
        }
        #expect(told.values == [true, false, true, false, true, false])
    }

    @Test func requestsOverlapUpToThePerHostLimit() throws {
        let delay = 0.4
        var routes: [String: Any] = [:]
        for i in 0..<6 { routes["/f\(i).rss"] = [["file": "world.rss", "delay": delay, "headers": ["Content-Type": "application/rss+xml"]]] }
        let server = try FixtureServer(routes: routes, files: ["world.rss": try FetchRunTests.fixture("world.rss")])
        defer { server.stop() }
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let sources = try (0..<6).map { try Self.source("{id: f\($0), kind: rss, url: '\(server.base)/f\($0).rss'}") }
        for perHost in [1, 3] {
            var run = FetchRun(
                roster: try Roster.load(contentsOf: Fixtures.roster), workspace: Workspace(databasePath: folder.path("glare-\(perHost).sqlite")),
                client: FetchRunTests.client(), credentials: try Credentials(environment: [:]), logger: .quiet, now: FetchRunTests.fetchedAt)
            run.connections = 8
            run.connectionsPerHost = perHost
            let before = server.arrivals().count
            let results = try run.run(sources)
            #expect(results.map(\.outcome) == Array(repeating: .fetched, count: 6))
            #expect(results.map(\.added) == [3, 0, 0, 0, 0, 0])  // one feed's items, stored once, by the first source
            let times = server.arrivals().dropFirst(before).map(\.time)
            #expect(times.count == 6)
            // A request arriving less than the server's delay after another overlapped it: a third one can
            // only start once one of two in flight was answered.
            let overlap = times.map { t in times.filter { $0 <= t && $0 > t - 0.9 * delay }.count }.max()
            #expect(overlap == perHost, "perHost \(perHost): \(times)")
        }
    }

    @Test func concurrentFetchesStoreWhatOneAtATimeStores() throws {
        // The first source is answered last: the storing side still takes the sources in their order, so the
        // item the two feeds share is stored under the first.
        let rss = ["Content-Type": "application/rss+xml"]
        let server = try FixtureServer(
            routes: [
                "/world.rss": [["file": "world.rss", "delay": 0.5, "headers": rss]],
                "/rights.atom": [["file": "rights.atom", "headers": ["Content-Type": "application/atom+xml"]]],
                "/truncated.rss": [["file": "truncated.rss", "delay": 0.2, "headers": rss]],
                "/again.rss": [["file": "world.rss", "headers": rss]],
                "/broken.rss": [["status": 404]],
            ],
            files: Dictionary(uniqueKeysWithValues: try ["world.rss", "rights.atom", "truncated.rss"].map { ($0, try FetchRunTests.fixture($0)) }))
        defer { server.stop() }
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let sources = try ["world.rss", "rights.atom", "truncated.rss", "again.rss", "broken.rss"].map { name in
            try Self.source("{id: \(name.split(separator: ".")[0]), kind: \(name.hasSuffix("atom") ? "atom" : "rss"), url: '\(server.base)/\(name)'}")
        }
        var stored: [[String]] = []
        for connections in [1, 8] {
            let workspace = Workspace(databasePath: folder.path("glare-\(connections).sqlite"))
            var run = FetchRun(
                roster: try Roster.load(contentsOf: Fixtures.roster), workspace: workspace, client: FetchRunTests.client(),
                credentials: try Credentials(environment: [:]), logger: .quiet, now: FetchRunTests.fetchedAt)
            run.connections = connections
            run.connectionsPerHost = connections
            let results = try run.run(sources)
            #expect(results.map(\.source) == ["world", "rights", "truncated", "again", "broken"])
            #expect(results.map(\.outcome) == [.fetched, .fetched, .fetched, .fetched, .failed])
            let db = try workspace.openDatabase()
            stored.append(
                try db.read { tx in
                    try tx.documents().map { "\($0.id) \($0.document.database) \($0.document.headline) \($0.mentions.keys.sorted())" }
                        + tx.series().map { "\($0.series.key) \($0.series.observations) \($0.series.coverage.map { $0?.description })" }
                        + tx.coverageSpans().map { "\($0.source) \($0.start) \($0.end) \($0.snapshotId ?? 0)" }
                })
        }
        #expect(stored[0].count > 10)
        #expect(stored[0] == stored[1])
    }
}

/// A value one thread sets and another waits for.
final class Started: @unchecked Sendable {
    private let condition = NSCondition()
    private var index: Int?
    private var isSet = false

    func set(_ value: Int?) {
        condition.lock()
        index = value
        isSet = true
        condition.broadcast()
        condition.unlock()
    }

    var value: Int? {
        condition.lock()
        defer { condition.unlock() }
        return index
    }

    func wait() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        while !isSet { condition.wait() }
        return index
    }

    /// `wait`, giving up after `seconds` (nil then): a test of something that should not block fails instead of hanging.
    func wait(seconds: TimeInterval) -> Int? {
        let deadline = Date(timeIntervalSinceNow: seconds)
        condition.lock()
        defer { condition.unlock() }
        while !isSet { if !condition.wait(until: deadline) { break } }
        return isSet ? index : nil
    }
}

/// What a queue's `waiting` hook was told, in order.
final class Told: @unchecked Sendable {
    private let lock = NSLock()
    private var told: [Bool] = []

    func append(_ value: Bool) {
        lock.lock()
        told.append(value)
        lock.unlock()
    }

    var values: [Bool] {
        lock.lock()
        defer { lock.unlock() }
        return told
    }
}
