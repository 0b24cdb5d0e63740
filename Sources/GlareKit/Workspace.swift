public import Foundation
public import GlareStore

/// Where a user's data lives: the database file and, beside it, the snapshot folder.
public struct Workspace: Sendable {
    /// The SQLite file (default `./glare.sqlite`, or `GLARE_DB`).
    public var databasePath: String
    /// The snapshot folder (default: `glare-snapshots` beside a `glare.sqlite`, i.e. `<name>-snapshots`).
    public var snapshotDirectory: URL

    /// The database path used when neither `--db` nor `GLARE_DB` is given.
    public static let defaultDatabasePath = "glare.sqlite"

    public init(
        databasePath: String? = nil, snapshotDirectory: String? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) {
        let path = databasePath ?? environment["GLARE_DB"].flatMap { $0.isEmpty ? nil : $0 } ?? Self.defaultDatabasePath
        self.databasePath = path
        if let snapshotDirectory {
            self.snapshotDirectory = URL(fileURLWithPath: snapshotDirectory, isDirectory: true)
        } else {
            let db = URL(fileURLWithPath: path)
            let stem = db.deletingPathExtension().lastPathComponent
            self.snapshotDirectory = db.deletingLastPathComponent().appendingPathComponent(stem + "-snapshots", isDirectory: true)
        }
    }

    /// Opens the database (creating and migrating it as needed).
    public func openDatabase() throws -> GlareDatabase { try GlareDatabase(path: databasePath) }

    /// Opens an existing database for writing (a rebuild, a forget): a missing one is `StoreError.missing`.
    public func openExistingDatabaseForWriting() throws -> GlareDatabase {
        guard databasePath == ":memory:" || FileManager.default.fileExists(atPath: databasePath) else { throw StoreError.missing(path: databasePath) }
        return try GlareDatabase(path: databasePath)
    }

    /// Opens an existing database read-only: a missing one is `StoreError.missing` (exit 66) and
    /// nothing is created. For commands that only read (series, export, analyze, report, explain, status).
    public func openExistingDatabase() throws -> GlareDatabase { try GlareDatabase(path: databasePath, readOnly: true) }

    public var archive: SnapshotArchive { SnapshotArchive(directory: snapshotDirectory) }
}
