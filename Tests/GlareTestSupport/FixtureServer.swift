public import Foundation

/// The test HTTP server (`Tests/Support/fixture_server.py`) on 127.0.0.1, with routes and faults
/// given as JSON; stopped when `stop()` is called.
public final class FixtureServer: @unchecked Sendable {
    public let port: Int
    public let folder: URL
    private let process: Process

    /// Starts a server with the routes (see the script) and the files in `files` beside them.
    public init(routes: [String: Any], files: [String: Data] = [:]) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("glare-server-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, data) in files { try data.write(to: folder.appendingPathComponent(name)) }
        var all = routes
        all["log"] = "requests.jsonl"
        let routesFile = folder.appendingPathComponent("routes.json")
        try JSONSerialization.data(withJSONObject: all).write(to: routesFile)
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Fixtures.root.appendingPathComponent("Tests/Support/fixture_server.py").path, routesFile.path]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        // Read the "PORT n" line byte by byte (reading more could block on a server that says nothing else).
        var line = Data()
        let reader = out.fileHandleForReading
        while !line.contains(0x0A) {
            let byte = reader.readData(ofLength: 1)
            if byte.isEmpty { break }
            line.append(byte)
        }
        let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.hasPrefix("PORT "), let p = Int(text.dropFirst(5)) else {
            kill(process.processIdentifier, SIGKILL)
            throw NSError(domain: "FixtureServer", code: 1, userInfo: [NSLocalizedDescriptionKey: "the test server did not start: \(text)"])
        }
        port = p
    }

    public var base: String { "http://127.0.0.1:\(port)" }

    /// The paths requested so far, in order, with their headers.
    public func requests() -> [(path: String, headers: [String: String])] {
        guard let text = try? String(contentsOf: folder.appendingPathComponent("requests.jsonl"), encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line in
            guard let o = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { return nil }
            return (o["path"] as? String ?? "", o["headers"] as? [String: String] ?? [:])
        }
    }

    /// The client's port of each request, in order: requests over one kept-alive connection share it.
    public func connections() -> [Int] {
        guard let text = try? String(contentsOf: folder.appendingPathComponent("requests.jsonl"), encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["peer"] as? Int
        }
    }

    /// When each request arrived (seconds since 1970), in order, with its path.
    public func arrivals() -> [(path: String, time: Double)] {
        guard let text = try? String(contentsOf: folder.appendingPathComponent("requests.jsonl"), encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line in
            guard let o = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { return nil }
            return (o["path"] as? String ?? "", o["time"] as? Double ?? 0)
        }
    }

    /// Stops the server. SIGKILL, not SIGTERM: a child of the test runner may inherit a blocked SIGTERM.
    public func stop() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: folder)
    }

    deinit { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
}
