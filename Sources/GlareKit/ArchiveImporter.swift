import Foundation
import GlareCore
import GlareParsers
import GlareStore
import Logging

/// Imports archive downloads (`glare import archive`): each file is detected by content, parsed, its
/// documents matched against the roster and stored once each (the archive's id, or a content hash,
/// makes overlapping downloads idempotent), and the `archive:` news series are rebuilt. Each file is
/// one transaction: a damaged file imports nothing, the others still import.
public struct ArchiveImporter {
    /// What happened to one file.
    public struct FileResult: Sendable {
        public let file: String
        public let format: String?
        public let documents: Int
        public let added: Int
        public let withoutText: Int
        public let error: String?
    }

    public let roster: Roster
    public let workspace: Workspace
    public let logger: Logger

    public init(roster: Roster, workspace: Workspace, logger: Logger = Logger(label: "glare.import.archive")) {
        self.roster = roster
        self.workspace = workspace
        self.logger = logger
    }

    /// Imports every file; failures are reported per file, not thrown (but a store that cannot be opened is).
    public func importFiles(_ paths: [String]) throws -> [FileResult] {
        let db = try workspace.openDatabase()
        let recorder = DocumentRecorder(roster: roster)
        var results: [FileResult] = []
        for path in paths {
            do {
                guard let data = FileManager.default.contents(atPath: path) else {
                    throw ImportError.unreadable(path: path, reason: "no such file or not readable")
                }
                let format = try ArchiveFormat.detect(data, source: path)
                let documents = try format.parse(data, source: path)
                let snapshot = try workspace.archive.store(data)
                let added = try db.write { tx -> Int in
                    let record = try tx.snapshot(sha256: snapshot.sha256)
                        ?? tx.insertSnapshot(snapshot, kind: format.rawValue, originalName: URL(fileURLWithPath: path).lastPathComponent)
                    let added = try recorder.record(documents, snapshot: record, key: { "\($0.database):\($0.documentId)" }, in: tx)
                    try NewsSeriesBuilder().rebuild(tx)
                    return added
                }
                logger.info("imported", metadata: ["file": "\(path)", "format": "\(format.rawValue)", "documents": "\(documents.count)", "added": "\(added)"])
                results.append(FileResult(file: path, format: format.rawValue, documents: documents.count, added: added,
                                          withoutText: documents.filter { !$0.hasText }.count, error: nil))
            } catch {
                results.append(FileResult(file: path, format: nil, documents: 0, added: 0, withoutText: 0, error: "\(error)"))
            }
        }
        return results
    }
}
