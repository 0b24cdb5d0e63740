import Foundation
public import GlareCore
public import GlareParsers
import GlareStore
public import Logging

/// Imports archive downloads (`glare import archive`): each file is detected by content, parsed, its
/// documents matched against the roster and stored once each (the archive's id, or a content hash,
/// makes overlapping downloads idempotent), the span it covered recorded, and the `archive:` series
/// derived again. Each file is one transaction: a damaged file imports nothing, the others still import.
///
/// A document whose date or body cannot be read (an entry the archive blocked for copyright, a truncated
/// last document) is skipped and named in the result, and the rest of the file is imported; with
/// `strict` such a file is refused instead, with the first skipped document's error, and nothing is stored.
///
/// A download is a search result, not a census: it covers the date range that was searched. Give it
/// with `covers` (`--covers FROM..TO`); without it the span from the file's first to its last document is
/// taken, and the result says so (days before the first and after the last hit are then missing even
/// when the search covered them).
public struct ArchiveImporter {
    /// What happened to one file.
    public struct FileResult: Sendable {
        public let file: String
        public let format: String?
        public let documents: Int
        public let added: Int
        public let withoutText: Int
        /// The documents left out because their date or body could not be read.
        public var skipped: [SkippedDocument] = []
        /// The days recorded as covered, and whether they were inferred from the documents.
        public var covers: ClosedRange<Day>? = nil
        public var coversInferred = false
        public let error: String?
        /// How the file failed: bad data (65), or I/O (74: the snapshot folder not writable, a full
        /// disk) that a retry may get past; `.ok` when it imported.
        public var status: ExitStatus = .ok
    }

    public let roster: Roster
    public let workspace: Workspace
    public let logger: Logger

    public init(roster: Roster, workspace: Workspace, logger: Logger) {
        self.roster = roster
        self.workspace = workspace
        self.logger = logger
    }

    /// Imports every file; failures are reported per file, not thrown (but a store that cannot be opened is).
    /// `covers` is the date range the downloads' searches covered, when the user knows it; `strict` refuses
    /// a file with a document that cannot be read instead of skipping the document. `progress` is told
    /// after each file: files done, files in all, bytes read.
    public func importFiles(
        _ paths: [String], covers: ClosedRange<Day>? = nil, strict: Bool = false, progress: ((_ done: Int, _ total: Int, _ bytes: Int) -> Void)? = nil
    ) throws -> [FileResult] {
        var bytes = 0
        let db = try workspace.openDatabase()
        SnapshotVacuum.sweep(workspace, logger: logger)
        let recorder = DocumentRecorder(roster: roster)
        var results: [FileResult] = []
        for path in paths {
            defer { progress?(results.count, paths.count, bytes) }
            do {
                guard let data = FileManager.default.contents(atPath: path) else {
                    throw ImportError.unreadable(path: path, reason: "no such file or not readable")
                }
                bytes += data.count
                let format = try ArchiveFormat.detect(data, source: path)
                let download = try format.parse(data, source: path)
                if strict, let first = download.skipped.first { throw first.error(source: path) }
                let documents = download.documents
                let days = documents.map(\.day)
                guard let span = covers ?? days.min().flatMap({ first in days.max().map { first...$0 } }) else {
                    throw ParseError(source: path, reason: "the download holds no document, and no --covers range says what its search covered")
                }
                let how = covers.map { "--covers \($0.lowerBound.iso)..\($0.upperBound.iso)" } ?? "first to last document (no --covers given)"
                let snapshot = try workspace.archive.store(data)
                let added = try db.write { tx -> Int in
                    let record =
                        try tx.snapshot(sha256: snapshot.sha256)
                        ?? tx.insertSnapshot(snapshot, kind: format.rawValue, originalName: URL(fileURLWithPath: path).lastPathComponent)
                    let added = try recorder.record(documents, snapshot: record, key: { "\($0.database):\($0.documentId)" }, in: tx)
                    let databases = Set(documents.map(\.database)).union(documents.isEmpty ? [format.database] : [])
                    let seconds = CoveredSpans.span(days: span)
                    let sources = Set(databases.map { DocumentSource(kind: .archive).prefix + $0 })
                    for source in sources.sorted() {
                        try tx.insertCoverageSpan(
                            CoverageSpanRecord(
                                source: source, start: seconds.lowerBound, end: seconds.upperBound,
                                snapshotId: record.id, how: how))
                    }
                    _ = try SeriesDeriver(roster: roster, archive: workspace.archive).derive([.archive], in: tx, only: sources)
                    return added
                }
                logger.info(
                    "imported",
                    metadata: [
                        "file": "\(path)", "format": "\(format.rawValue)", "documents": "\(documents.count)", "added": "\(added)",
                        "covers": "\(span.lowerBound.iso)..\(span.upperBound.iso)", "skipped": "\(download.skipped.count)",
                    ])
                var result = FileResult(
                    file: path, format: format.rawValue, documents: documents.count, added: added,
                    withoutText: documents.filter { !$0.hasText }.count, error: nil)
                result.skipped = download.skipped
                result.covers = span
                result.coversInferred = covers == nil
                results.append(result)
            } catch {
                var failed = FileResult(file: path, format: nil, documents: 0, added: 0, withoutText: 0, error: "\(error)")
                failed.status = ExitStatus.of(error)
                results.append(failed)
            }
        }
        return results
    }
}
