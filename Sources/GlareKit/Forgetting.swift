import Foundation
public import GlareCore
public import GlareStore
public import Logging

/// `glare forget`: removes one import's evidence (a snapshot, a file, or everything a source was made
/// from) and derives every series again, in one transaction; the store is then as if the import had
/// never happened. The snapshot files stay until `glare vacuum` (which rewrites a fetch's pack without the
/// snapshots forgotten from it).
public struct Forgetting {
    /// What to forget.
    public enum Target: Sendable, Equatable {
        /// A snapshot id (as `glare series` lists them), a SHA-256 prefix (at least 6 hex digits), or a
        /// file: the snapshot of its bytes, else the import recorded under its name.
        case snapshot(String)
        /// Every snapshot a source's series were made from (`counts:mc`, `archive:ProQuest`), and its fetch state.
        case source(String)
    }

    /// What a forget did.
    public struct Result: Sendable {
        /// The snapshots removed.
        public var snapshots: [SnapshotRecord] = []
        /// Rows removed per table.
        public var rows: [String: Int] = [:]
        /// What changed in the series, kind by kind.
        public var changes: [KindChange] = []
    }

    public let roster: Roster
    public let workspace: Workspace
    public let logger: Logger

    public init(roster: Roster, workspace: Workspace, logger: Logger) {
        self.roster = roster
        self.workspace = workspace
        self.logger = logger
    }

    /// Forgets `target`; nothing is changed when it names nothing stored (`ForgetError.notFound`).
    public func forget(_ target: Target) throws -> Result {
        let db = try workspace.openExistingDatabaseForWriting()
        let deriver = SeriesDeriver(roster: roster, archive: workspace.archive)
        return try db.write { tx in
            let all = try tx.snapshots()
            let chosen: [SnapshotRecord]
            switch target {
            case .snapshot(let name): chosen = try Self.resolve(name, in: all)
            case .source(let source):
                let ids = Set(try tx.snapshotIDs(source: source))
                chosen = all.filter { ids.contains($0.id) }
                guard !chosen.isEmpty else { throw ForgetError.notFound("no stored import made the source '\(source)' (see 'glare series')") }
                try tx.forgetSourceState(source)
            }
            var result = Result(snapshots: chosen)
            for s in chosen {
                for (table, n) in try tx.forgetSnapshot(id: s.id) { result.rows[table, default: 0] += n }
                logger.info("forgot", metadata: ["snapshot": "\(s.id)", "sha256": "\(s.snapshot.sha256.prefix(12))", "name": "\(s.originalName)"])
            }
            result.changes = try deriver.derive(SeriesKind.allCases, in: tx)
            return result
        }
    }

    /// The snapshots a name picks out: an id, a SHA-256 prefix, a file's bytes, or an imported file's name.
    static func resolve(_ name: String, in all: [SnapshotRecord]) throws -> [SnapshotRecord] {
        if let id = Int64(name.hasPrefix("#") ? String(name.dropFirst()) : name), !FileManager.default.fileExists(atPath: name) {
            guard let s = all.first(where: { $0.id == id }) else { throw ForgetError.notFound("no snapshot with id \(id) (see 'glare series')") }
            return [s]
        }
        if FileManager.default.fileExists(atPath: name), let data = FileManager.default.contents(atPath: name) {
            let sha = Snapshot(of: data).sha256
            if let s = all.first(where: { $0.snapshot.sha256 == sha }) { return [s] }
        }
        let named = all.filter { $0.originalName == name }
        if !named.isEmpty { return named }
        let lower = name.lowercased()
        if lower.count >= 6, lower.allSatisfy(\.isHexDigit) {
            let matching = all.filter { $0.snapshot.sha256.hasPrefix(lower) }
            if matching.count == 1 { return matching }
            if matching.count > 1 { throw ForgetError.ambiguous("'\(name)' is the start of \(matching.count) snapshots' hashes; give more digits") }
        }
        throw ForgetError.notFound(
            FileManager.default.fileExists(atPath: name)
                ? "\(name): this file's bytes were never imported (see 'glare series')"
                : "'\(name)' names no snapshot id, hash, file or imported file name (see 'glare series')")
    }
}

/// Why `glare forget` changed nothing.
public enum ForgetError: Error, Equatable, CustomStringConvertible {
    case notFound(String)
    case ambiguous(String)

    public var description: String {
        switch self {
        case .notFound(let s), .ambiguous(let s): s
        }
    }
}
