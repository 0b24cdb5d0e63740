import Foundation
import GlareTestSupport
import Testing

/// `glare fetch` as cron runs it: killed mid-run, run twice at once.
@Suite(.serialized) struct FetchCommandTests {
    static let feeds = 6

    /// Six feeds with distinct items, every other one naming Khadija Ismayilova; each answer delayed.
    static func server(delay: Double) throws -> FixtureServer {
        var routes: [String: Any] = [:]
        var files: [String: Data] = [:]
        for k in 0..<feeds {
            var items = ""
            for i in 0..<8 {
                let text = i % 2 == 0 ? "Khadija Ismayilova, the jailed journalist, item \(i) of feed \(k)." : "Other news \(i) of feed \(k)."
                items += "<item><title>Story \(k)-\(i)</title><link>https://n.example/\(k)/\(i)</link><pubDate>Tue, 0\(1 + i % 3) Sep 2015 10:00:00 GMT</pubDate><description>\(text)</description></item>"
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

    static func export(_ db: String) throws -> String {
        let r = try run(["export", "--db", db])
        #expect(r.status == 0, "\(r.err)")
        return r.out
    }

    @Test func aKilledFetchRerunCountsLikeAnUninterruptedOne() throws {
        let server = try Self.server(delay: 0.12)
        defer { server.stop() }
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let sources = try Self.sourcesFile(server, in: folder)
        let reference = folder.path("reference.sqlite")
        let full = try Self.run(["fetch", "--sources", sources, "--db", reference])
        #expect(full.status == 0, "\(full.err)")
        let expected = try Self.export(reference)
        #expect(expected.contains("khadija-ismayilova,feed:feed-0,news,2"))

        for (n, delay) in [0.05, 0.3, 0.5, 0.7, 0.9].enumerated() {
            let db = folder.path("killed-\(n).sqlite")
            let (p, _, _) = try Self.start(["fetch", "--sources", sources, "--db", db])
            Thread.sleep(forTimeInterval: delay)
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            let rerun = try Self.run(["fetch", "--sources", sources, "--db", db])
            #expect(rerun.status == 0, "killed after \(delay) s: \(rerun.err)")
            #expect(try Self.export(db) == expected, "killed after \(delay) s")
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
        #expect(try Self.export(db).contains("khadija-ismayilova,feed:feed-5,news,2"))
    }
}
