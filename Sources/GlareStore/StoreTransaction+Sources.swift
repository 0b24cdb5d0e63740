import Foundation
import GRDB

/// What the store remembers of a fetched source between runs.
public struct SourceState: Sendable, Equatable {
    public let source: String
    public var kind: String
    public var etag: String?
    public var lastModified: String?
    /// Where an incremental fetch resumes (a day, for date-ranged APIs).
    public var cursor: String?
    public var lastAttempt: String?
    public var lastSuccess: String?
    public var lastFailure: String?
    public var lastError: String?
    /// Whether the last failure was transient (a later run may succeed).
    public var transient: Bool
    /// Documents stored from the source, in all and by the last successful run.
    public var items: Int
    public var lastItems: Int

    public init(source: String, kind: String) {
        self.source = source
        self.kind = kind
        transient = false
        items = 0
        lastItems = 0
    }
}

extension StoreTransaction {
    public func sourceState(_ source: String) throws -> SourceState? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM sourceState WHERE source = ?"), arguments: [source]).map(Self.sourceState)
    }

    public func sourceStates() throws -> [SourceState] {
        try Row.fetchAll(db, sql: "SELECT * FROM sourceState ORDER BY source").map(Self.sourceState)
    }

    static func sourceState(_ r: Row) -> SourceState {
        var s = SourceState(source: r["source"], kind: r["kind"])
        s.etag = r["etag"]
        s.lastModified = r["lastModified"]
        s.cursor = r["cursor"]
        s.lastAttempt = r["lastAttempt"]
        s.lastSuccess = r["lastSuccess"]
        s.lastFailure = r["lastFailure"]
        s.lastError = r["lastError"]
        s.transient = r["transient"]
        s.items = r["items"]
        s.lastItems = r["lastItems"]
        return s
    }

    public func saveSourceState(_ s: SourceState) throws {
        try db.cachedStatement(
            sql: """
                INSERT OR REPLACE INTO sourceState (source, kind, etag, lastModified, cursor, lastAttempt, lastSuccess, lastFailure, lastError, transient, items, lastItems)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(
            arguments: [
                s.source, s.kind, s.etag, s.lastModified, s.cursor, s.lastAttempt, s.lastSuccess, s.lastFailure, s.lastError,
                s.transient, s.items, s.lastItems,
            ])
    }

    /// Records counts an API reported (Media Cloud, GDELT DOC): a later report of a day replaces it.
    public func upsertSourceCount(source: String, person: String, day: String, value: Double, total: Double?, snapshot: Int64) throws {
        try db.cachedStatement(sql: "INSERT OR REPLACE INTO sourceCount (source, person, day, value, total, snapshotId) VALUES (?, ?, ?, ?, ?, ?)").execute(
            arguments: [source, person, day, value, total, snapshot])
    }

    /// Records that a response (snapshot) went into a person's reported counts.
    public func recordSourceInput(source: String, person: String, snapshot: Int64) throws {
        try db.cachedStatement(sql: "INSERT OR IGNORE INTO sourceInput (source, person, snapshotId) VALUES (?, ?, ?)").execute(arguments: [
            source, person, snapshot,
        ])
    }

    /// The responses behind a person's reported counts, oldest first.
    public func sourceInputs(source: String, person: String) throws -> [SeriesInput] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT s.sha256, s.originalName FROM sourceInput i JOIN snapshot s ON s.id = i.snapshotId
                WHERE i.source = ? AND i.person = ? ORDER BY s.id
                """, arguments: [source, person]
        ).map {
            SeriesInput(snapshotSHA256: $0["sha256"], originalName: $0["originalName"], ontoSHA256: nil, overlapPoints: 0, factor: 1)
        }
    }

    /// The series sources that have reported counts.
    public func countSources() throws -> [String] {
        try String.fetchAll(db, sql: "SELECT DISTINCT source FROM sourceCount ORDER BY source")
    }

    /// A source's reported counts: person -> day -> (value, total).
    public func sourceCounts(source: String) throws -> [String: [String: (value: Double, total: Double?)]] {
        var out: [String: [String: (Double, Double?)]] = [:]
        for r in try Row.fetchAll(db, sql: "SELECT person, day, value, total FROM sourceCount WHERE source = ?", arguments: [source]) {
            out[r["person"], default: [:]][r["day"]] = (r["value"], r["total"])
        }
        return out
    }

    /// The current time as stored (see `timestamp`).
    public static func stamp() -> String { timestamp(Date()) }

    /// ISO 8601 UTC, as every stored time is written, with one formatter kept: making one costs more
    /// than a fetch's other work on a source.
    static func timestamp(_ date: Date) -> String {
        stampLock.lock()
        defer { stampLock.unlock() }
        return stampFormatter.string(from: date)
    }

    private nonisolated(unsafe) static let stampFormatter = ISO8601DateFormatter()
    private static let stampLock = NSLock()
}
