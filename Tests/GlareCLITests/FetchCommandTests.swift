import Foundation
import GlareTestSupport
import Testing

/// `glare fetch` as cron runs it: killed mid-run, run twice at once.
@Suite(.serialized) struct FetchCommandTests {
    static let feeds = 6

    /// The day `n` days before today (UTC), as RSS writes dates: the feeds are recent, as a cron job sees them.
    static func pubDate(daysAgo n: Int) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "EEE, dd MMM yyyy '10:00:00 GMT'"
        return f.string(from: Date().addingTimeInterval(-Double(n) * 86_400))
    }

    /// Six feeds with distinct items of the last three days, every other one naming Khadija Ismayilova; each answer delayed.
    static func server(delay: Double) throws -> FixtureServer {
        var routes: [String: Any] = [:]
        var files: [String: Data] = [:]
        for k in 0..<feeds {
            var items = ""
            for i in 0..<8 {
                let text = i % 2 == 0 ? "Khadija Ismayilova, the jailed journalist, item \(i) of feed \(k)." : "Other news \(i) of feed \(k)."
                items +=
                    "<item><title>Story \(k)-\(i)</title><link>https://n.example/\(k)/\(i)</link><pubDate>\(pubDate(daysAgo: 3 - i % 3))</pubDate><description>\(text)</description></item>"
            }
            files["f\(k).rss"] = Data("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Feed \(k)</title>\(items)</channel></rss>".utf8)
            routes["/f\(k).rss"] = [["file": "f\(k).rss", "delay": delay, "headers": ["Content-Type": "application/rss+xml"]]]
        }
        return try FixtureServer(routes: routes, files: files)
    }

    static func sourcesFile(_ server: FixtureServer, in folder: TemporaryFolder) throws -> String {
        var yaml = "sources:\n"
        for k in 0..<feeds { yaml += "  - {id: feed-\(k), kind: rss, url: \"\(server.base)/f\(k).rss\"}\n" }
        return try folder.write("sources.yaml", yaml).path
    }

    static func start(_ arguments: [String]) throws -> (Process, Pipe, Pipe) {
        let process = Process()
        process.executableURL = CommandLineTests.binary
        process.arguments = arguments
        process.currentDirectoryURL = Fixtures.root
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "GLARE_ROSTER")
        environment["HOME"] = "/nonexistent"
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        return (process, out, err)
    }

    static func run(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
        let (p, out, err) = try start(arguments)
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    /// The long export, without the coverage and standard error of today (the hours a feed covers today end at the fetch).
    static func export(_ db: String) throws -> String {
        let r = try run(["export", "--db", db])
        #expect(r.status == 0, "\(r.err)")
        let today = String(ISO8601DateFormatter().string(from: Date()).prefix(10))
        return r.out.split(separator: "\r\n").map { line in
            line.hasPrefix(today + ",") ? String(line.split(separator: ",", omittingEmptySubsequences: false).dropLast(2).joined(separator: ",")) : String(line)
        }.joined(separator: "\n")
    }

    /// Waits until the fetch `p` holds its lock: the lock file names its pid once `flock` succeeded.
    static func waitForLock(_ db: String, held p: Process, timeout: Double = 20) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline && p.isRunning {
            if let note = try? String(contentsOfFile: db + ".lock", encoding: .utf8), note.hasPrefix("pid \(p.processIdentifier) ") { return true }
            Thread.sleep(forTimeInterval: 0.005)
        }
        return false
    }

    @Test func aKilledFetchRerunCountsLikeAnUninterruptedOne() throws {
        // Each feed answers after 0.25 s, one after another: a run holds its lock for at least 1.5 s.
        let delay = 0.25
        let server = try Self.server(delay: delay)
        defer { server.stop() }
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let sources = try Self.sourcesFile(server, in: folder)
        let reference = folder.path("reference.sqlite")
        let full = try Self.run(["fetch", "--sources", sources, "--db", reference])
        #expect(full.status == 0, "\(full.err)")
        let expected = try Self.export(reference)
        #expect(expected.contains("khadija-ismayilova,feed:feed-0,news,day,value,1,"))

        // Kill times after the lock was taken; the sixth feed is not even asked for before 5 × 0.25 s.
        for (n, after) in [0.0, 0.2, 0.45, 0.7, 0.95].enumerated() {
            let db = folder.path("killed-\(n).sqlite")
            let asked = { server.requests().filter { $0.path.hasSuffix(".rss") }.count }
            let askedBefore = asked()
            let (p, _, _) = try Self.start(["fetch", "--sources", sources, "--db", db])
            // Evidence that the kill lands mid-run: the fetch had taken its lock (so it had started),
            // had not asked for every feed, and was still running when the signal came.
            try #require(Self.waitForLock(db, held: p), "killed at +\(after) s: the fetch never took its lock")
            Thread.sleep(forTimeInterval: after)
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            let askedAtKill = asked() - askedBefore
            #expect(
                p.terminationReason == .uncaughtSignal && p.terminationStatus == SIGKILL,
                "killed at +\(after) s: the fetch had already exited with \(p.terminationStatus)")
            #expect(askedAtKill < Self.feeds, "killed at +\(after) s: all \(askedAtKill) feeds had been asked for")
            let rerun = try Self.run(["fetch", "--sources", sources, "--db", db])
            #expect(rerun.status == 0, "killed at +\(after) s: \(rerun.err)")
            #expect(try Self.export(db) == expected, "killed at +\(after) s")
        }
    }

    @Test func aSecondFetchExitsWith75AndTheStoreStaysIntact() throws {
        let server = try Self.server(delay: 0.4)
        defer { server.stop() }
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let sources = try Self.sourcesFile(server, in: folder)
        let db = folder.path("glare.sqlite")
        let (first, out, err) = try Self.start(["fetch", "--sources", sources, "--db", db])
        Thread.sleep(forTimeInterval: 0.8)
        let second = try Self.run(["fetch", "--sources", sources, "--db", db])
        #expect(second.status == 75)
        #expect(second.err.contains("another glare fetch is running"))
        _ = out.fileHandleForReading.readDataToEndOfFile()
        _ = err.fileHandleForReading.readDataToEndOfFile()
        first.waitUntilExit()
        #expect(first.terminationStatus == 0)
        let status = try Self.run(["status", "--sources", sources, "--db", db])
        #expect(status.status == 0)
        #expect(status.out.contains("feed-5 (rss): ok"))
        #expect(try Self.export(db).contains("khadija-ismayilova,feed:feed-5,news,day,value,1,"))
    }
}
