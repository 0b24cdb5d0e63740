import Foundation
import GlareTestSupport
import Logging
import Testing

@testable import GlareFetch

@Suite(.serialized) struct HTTPClientTests {
    final class Waits: @unchecked Sendable {
        var list: [Double] = []
        let lock = NSLock()
        func add(_ s: Double) { lock.lock(); list.append(s); lock.unlock() }
    }

    func client(_ waits: Waits, _ configure: (inout HTTPClient.Configuration) -> Void = { _ in }) -> HTTPClient {
        var c = HTTPClient.Configuration()
        c.backoffBase = 0.01
        c.lowSpeedTime = 2
        c.connectTimeout = 2
        configure(&c)
        return HTTPClient(configuration: c, logger: Logger(label: "t", factory: { _ in SwiftLogNoOpLogHandler() }), sleep: { waits.add($0) })
    }

    @Test func requestsFromSeveralThreadsToOneHostAreSpaced() {
        // Each request takes the next turn at its host under the lock: three at once wait 0, 1 and 2 intervals.
        let waits = Waits()
        let c = client(waits) { $0.hostInterval = 1 }
        DispatchQueue.concurrentPerform(iterations: 3) { _ in c.throttle("https://feeds.example/a.rss") }
        c.throttle("https://other.example/b.rss")  // another host does not wait
        let sorted = waits.list.sorted()
        #expect(sorted.count == 2, "\(sorted)")
        #expect(sorted.count == 2 && abs(sorted[0] - 1) < 0.2 && abs(sorted[1] - 2) < 0.2, "\(sorted)")
    }

    @Test func retriesA429HonouringRetryAfterAndA500() throws {
        let server = try FixtureServer(routes: [
            "/limited": [["status": 429, "headers": ["Retry-After": "3"]], ["status": 200, "body": "ok"]],
            "/flaky": [["status": 500], ["status": 503], ["status": 200, "body": "fine"]],
            "/gone": [["status": 404]],
        ])
        defer { server.stop() }
        let waits = Waits()
        let http = client(waits)
        #expect(String(decoding: try http.get(server.base + "/limited").body, as: UTF8.self) == "ok")
        #expect(waits.list == [3])
        #expect(String(decoding: try http.get(server.base + "/flaky").body, as: UTF8.self) == "fine")
        #expect(waits.list.count == 3)
        #expect(throws: FetchError.status(404, url: server.base + "/gone")) { try http.get(server.base + "/gone") }
        #expect(server.requests().filter { $0.path == "/gone" }.count == 1)  // a 404 is not retried
    }

    @Test func givesUpAfterItsAttemptsAsTransient() throws {
        let server = try FixtureServer(routes: ["/down": [["status": 502]]])
        defer { server.stop() }
        let waits = Waits()
        do {
            _ = try client(waits) { $0.attempts = 3 }.get(server.base + "/down", display: "https://api.example/down?key=<hidden>")
            Issue.record("a 502 succeeded")
        } catch let e as FetchError {
            #expect(e.status == 502)
            #expect(e.isTransient)
            #expect(e.description == "https://api.example/down?key=<hidden>: HTTP 502")
        }
        #expect(server.requests().count == 3)
    }

    /// An origin that three requests in a row could not reach (each after its attempts) is not asked again by that
    /// client, redirects to it included: a run with many sources on a dead host pays three sources' retries, not each
    /// one's. An origin that answers, even with errors, is always asked; a new client (the next run) asks again.
    @Test func anOriginThreeRequestsCouldNotReachIsNotAskedAgain() throws {
        let closed = "http://127.0.0.1:\(try FixtureServer.closedPort())"
        let server = try FixtureServer(routes: [
            "/down*": [["status": 503]], "/gone": [["status": 404]], "/away*": [["status": 302, "headers": ["Location": closed + "/moved"]]],
        ])
        defer { server.stop() }
        let waits = Waits()
        // Errors from an origin that answers never stop it being asked.
        let http = client(waits) { $0.attempts = 2 }
        for n in 1...5 { #expect(throws: FetchError.status(503, url: server.base + "/down\(n)")) { try http.get(server.base + "/down\(n)") } }
        #expect(server.requests().count == 10)

        // A port nobody listens on: three requests (two attempts each), then none; the server is still asked.
        for n in 1...3 {
            do { _ = try http.get(closed + "/feed\(n)"); Issue.record("a closed port answered") } catch let e as FetchError {
                #expect(e.isTransient && !e.description.contains("not asked"), "\(e)")
            }
        }
        #expect(waits.list.count == 5 + 3)
        for n in 4...50 {
            do {
                _ = try http.get(closed + "/feed\(n)", display: "https://shown.example/feed\(n)")
                Issue.record("a closed port answered")
            } catch let e as FetchError {
                #expect(e.isTransient)
                #expect(
                    e.description.hasPrefix(
                        "https://shown.example/feed\(n): not asked: the last 3 requests to \(closed) could not reach it (the last: "),
                    "\(e)")
                #expect(e.description.hasSuffix("); the next run asks again"), "\(e)")
            }
        }
        #expect(waits.list.count == 8)  // no attempt, so no wait, for a request not asked
        #expect(throws: FetchError.status(404, url: server.base + "/gone")) { try http.get(server.base + "/gone") }
        #expect(server.requests().count == 11)

        // A redirect counts against the origin it leads to: three that could not reach it, then the fourth is not
        // followed there, while the origin that redirected answers each time.
        let redirected = client(waits) { $0.attempts = 1 }
        for n in 1...3 {
            do { _ = try redirected.get(server.base + "/away\(n)"); Issue.record("a redirect to a closed port answered") } catch let e as FetchError {
                #expect(e.isTransient && !e.description.contains("not asked"), "\(e)")
            }
        }
        do { _ = try redirected.get(server.base + "/away4"); Issue.record("a redirect to a closed port answered") } catch let e as FetchError {
            #expect(e.description.contains("not asked: the last 3 requests to \(closed) could not reach it"), "\(e)")
        }
        #expect(server.requests().filter { $0.path.hasPrefix("/away") }.count == 4)
        #expect(throws: FetchError.status(404, url: server.base + "/gone")) { try redirected.get(server.base + "/gone") }

        // A new client asks again; with the limit off, every request is made.
        let next = client(waits) { $0.attempts = 1 }
        do { _ = try next.get(closed + "/feed51"); Issue.record("a closed port answered") } catch let e as FetchError {
            #expect(!e.description.contains("not asked"), "\(e)")
        }
        let unlimited = client(waits) {
            $0.attempts = 1; $0.originFailureLimit = 0
        }
        for n in 52...56 {
            do { _ = try unlimited.get(closed + "/feed\(n)") } catch let e as FetchError { #expect(!e.description.contains("not asked"), "\(e)") }
        }
    }

    /// The count is of requests in a row: an answer from the origin starts it again.
    @Test func anAnswerStartsTheCountAgain() {
        let http = client(Waits())
        let origin = "http://feeds.example:80"
        http.noteUnreached(origin, reason: "Couldn't connect to server")
        http.noteUnreached(origin, reason: "Couldn't connect to server")
        http.noteAnswered(origin)
        http.noteUnreached(origin, reason: "Couldn't connect to server")
        http.noteUnreached(origin, reason: "Couldn't resolve host name")
        #expect(http.refusal(origin, shown: "https://feeds.example/a") == nil)
        http.noteUnreached(origin, reason: "Couldn't resolve host name")
        #expect(
            http.refusal(origin, shown: "https://feeds.example/a")?.description
                == "https://feeds.example/a: not asked: the last 3 requests to \(origin) could not reach it (the last: Couldn't resolve host name); the next run asks again"
        )
        #expect(http.refusal("http://other.example:80", shown: "x") == nil)
        // A minute after the last request that could not reach it, the origin is asked again; one more that cannot
        // stops its requests for another minute, an answer ends the count.
        let last = Date()
        http.noteUnreached(origin, reason: "Couldn't connect to server", now: last)
        #expect(http.refusal(origin, shown: "x", now: last.addingTimeInterval(59)) != nil)
        #expect(http.refusal(origin, shown: "x", now: last.addingTimeInterval(61)) == nil)
        http.noteUnreached(origin, reason: "Couldn't connect to server", now: last.addingTimeInterval(62))
        #expect(http.refusal(origin, shown: "x", now: last.addingTimeInterval(63))?.description.contains("the last 5 requests") == true)
        #expect(http.refusal(origin, shown: "x", now: last.addingTimeInterval(123)) == nil)
        http.noteAnswered(origin)
        http.noteUnreached(origin, reason: "Couldn't connect to server", now: last.addingTimeInterval(124))
        #expect(http.refusal(origin, shown: "x", now: last.addingTimeInterval(125)) == nil)
        #expect(HTTPClient.origin(of: "http://[::1]:8080/feed") == "http://[::1]:8080")
        #expect(HTTPClient.origin(of: "not a url?key=secret") == HTTPClient.noOrigin)
    }

    @Test func aResetMidBodyAndABodyThatNeverEnds() throws {
        let server = try FixtureServer(routes: ["/reset": [["fault": "reset"]], "/hang": [["fault": "hang"]]])
        defer { server.stop() }
        let waits = Waits()
        let http = client(waits) {
            $0.attempts = 1; $0.lowSpeedBytes = 1000; $0.lowSpeedTime = 1
        }
        do { _ = try http.get(server.base + "/reset"); Issue.record("a reset body was accepted") } catch let e as FetchError { #expect(e.isTransient) }
        let started = Date()
        do { _ = try http.get(server.base + "/hang"); Issue.record("a hanging body was accepted") } catch let e as FetchError {
            #expect(e.isTransient)
            if case .unreached = e.kind { Issue.record("a slow answer was counted as an origin that cannot be reached: \(e)") }
        }
        #expect(Date().timeIntervalSince(started) < 10)
    }

    /// Requests to one origin go over one kept-alive connection; a connection the server broke is not used
    /// again; another client (or origin) has its own.
    @Test func keepsConnectionsAliveByOrigin() throws {
        let server = try FixtureServer(routes: ["/a": [["body": "a"]], "/b": [["body": "b"]], "/reset": [["fault": "reset"]]])
        defer { server.stop() }
        let waits = Waits()
        let http = client(waits) { $0.attempts = 1 }
        for path in ["/a", "/b", "/a"] { #expect(String(decoding: try http.get(server.base + path).body, as: UTF8.self) == path.dropFirst()) }
        #expect(Set(server.connections()).count == 1, "\(server.connections())")
        #expect(throws: FetchError.self) { try http.get(server.base + "/reset") }
        _ = try http.get(server.base + "/b")
        _ = try client(waits).get(server.base + "/a")
        let ports = server.connections()
        #expect(ports.count == 6 && ports[3] == ports[0] && Set(ports[4...]).count == 2 && !ports[4...].contains(ports[0]), "\(ports)")
        #expect(HTTPClient.origin(of: "HTTP://Feeds.Example/x.rss") == "http://feeds.example:80")
        #expect(HTTPClient.origin(of: "https://feeds.example:8443/x") == "https://feeds.example:8443")
    }

    @Test func aGzipBombIsCutOff() throws {
        let server = try FixtureServer(routes: ["/bomb": [["fault": "gzip-bomb"]]])
        defer { server.stop() }
        let http = client(Waits()) { $0.maxBodyBytes = 1 << 20 }
        #expect(throws: FetchError.tooLarge(1 << 20, url: server.base + "/bomb")) { try http.get(server.base + "/bomb") }
    }

    /// Issue 18 item 23: an API key followed a redirect to another host, and a key the server echoed
    /// was stored verbatim. Credentials stay with their host (query parameter and header), follow a
    /// same-host redirect, and are redacted from bodies.
    @Test func credentialsStayWithTheirHost() throws {
        let secret = "s3cr3t-KEY-123"
        let server = try FixtureServer(routes: [
            "/same?api-key=\(secret)": [["status": 302, "headers": ["Location": "/landed?api-key=\(secret)&page=1"]]],
            "/landed?api-key=\(secret)&page=1": [["status": 200, "body": "{\"echo\": \"\(secret)\"}"]],
            "/away*": [["status": 200, "body": "elsewhere"]],
        ])
        defer { server.stop() }
        // The other host: the same server, named differently ("localhost" is not "127.0.0.1").
        let port = server.base.split(separator: ":").last!
        let away = "http://localhost:\(port)/away?api-key=\(secret)&page=2"
        let crossing = try FixtureServer(routes: ["/cross?api-key=\(secret)": [["status": 307, "headers": ["Location": away]]]])
        defer { crossing.stop() }
        let http = client(Waits())
        let same = try http.get(server.base + "/same?api-key=\(secret)", headers: ["Authorization": "Token \(secret)"], secrets: [secret])
        #expect(same.status == 200)
        #expect(String(decoding: same.body, as: UTF8.self) == "{\"echo\": \"[redacted]\"}")
        let crossed = try http.get(crossing.base + "/cross?api-key=\(secret)", headers: ["Authorization": "Token \(secret)"], secrets: [secret])
        #expect(String(decoding: crossed.body, as: UTF8.self) == "elsewhere")
        let requests = server.requests()
        let landed = try #require(requests.first { $0.path.hasPrefix("/landed") })
        #expect(landed.headers["Authorization"] == "Token \(secret)", "a same-host redirect keeps the credentials")
        let elsewhere = try #require(requests.first { $0.path.hasPrefix("/away") })
        #expect(elsewhere.path == "/away?page=2")
        #expect(elsewhere.headers["Authorization"] == nil)
        #expect(!requests.filter { $0.path.hasPrefix("/away") }.contains { "\($0.headers)".contains(secret) })
    }

    @Test func sendsItsUserAgentAndConditionalHeaders() throws {
        let server = try FixtureServer(routes: ["/etag": [["status": 304]]])
        defer { server.stop() }
        let http = client(Waits()) { $0.userAgent = "GlareTest/1 (test@example.invalid)" }
        let r = try http.get(server.base + "/etag", headers: ["If-None-Match": "\"abc\""])
        #expect(r.notModified)
        let sent = try #require(server.requests().first)
        #expect(sent.headers["User-Agent"] == "GlareTest/1 (test@example.invalid)")
        #expect(sent.headers["If-None-Match"] == "\"abc\"")
        #expect(sent.headers["Accept-Encoding"]?.contains("gzip") == true)
    }
}
