public import Foundation

/// Paths to the repository's bundled data, for tests.
public enum Fixtures {
    /// The repository's top folder.
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A file under `Snapshots/google-trends/`.
    public static func trends(_ name: String) -> URL {
        root.appendingPathComponent("Snapshots/google-trends/\(name)")
    }

    public static func trendsData(_ name: String) throws -> Data { try Data(contentsOf: trends(name)) }

    /// A file under `Tests/Fixtures/counts/` (tables of counts per period; PROVENANCE.md there).
    public static func counts(_ name: String) -> URL {
        root.appendingPathComponent("Tests/Fixtures/counts/\(name)")
    }

    /// The bundled roster.
    public static var roster: URL { root.appendingPathComponent("Feeds/roster.yaml") }
}

/// A fresh temporary folder, removed when the value is released by `remove()`.
public struct TemporaryFolder {
    public let url: URL

    public init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("glare-test-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    public func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    @discardableResult
    public func write(_ name: String, _ text: String) throws -> URL {
        let u = url.appendingPathComponent(name)
        try Data(text.utf8).write(to: u)
        return u
    }

    public func remove() { try? FileManager.default.removeItem(at: url) }
}

extension Fixtures {
    /// The reference script's folder (`scripts/reference`).
    public static var reference: URL { root.appendingPathComponent("scripts/reference") }
}

extension Fixtures {
    /// A file under `Tests/Fixtures/archives/` (written for the tests).
    public static func archive(_ name: String) -> URL { root.appendingPathComponent("Tests/Fixtures/archives/\(name)") }

    /// A real sample in the shared samples folder beside the repository, when present.
    public static func sharedSample(_ path: String) -> URL? {
        let url = root.deletingLastPathComponent().appendingPathComponent("shared/samples/\(path)")
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }
}
