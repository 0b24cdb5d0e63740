import Foundation
import GlareCore
import GlareParsers
public import GlareStore

/// The URL, outlet and title of stored GKG matches' records, read from their files' name-index
/// snapshots (the store keeps a match by reference, see `GKGStoredMatch`). Each index is read once and
/// only its matched records are kept, so explaining many days in one go (the explorer page) reads each
/// file once, in little memory. Use on one thread.
public final class GKGMatchedRecords {
    let archive: SnapshotArchive
    /// Per name index read: its matched records by id.
    var records: [String: [String: [GKGEntry]]] = [:]
    /// Per name index that could not be read: why.
    var unreadable: [String: String] = [:]

    public init(archive: SnapshotArchive) { self.archive = archive }

    /// Stored matches with their records' URL, outlet and title, in the order given. A record whose
    /// index cannot be read, or does not hold it, has its URL's hash in place of the URL (so the records
    /// of one article still make one entry, as they made one count); `problems` says which indexes could
    /// not be read and why.
    func resolve(_ stored: [GKGStoredMatch], in db: GlareDatabase) throws -> (
        records: [(match: GKGStoredMatch, url: String, outlet: String, title: String)], problems: [String]
    ) {
        var files: [String: GKGStoredMatch] = [:]
        for m in stored { if let sha = m.indexSHA256, files[sha] == nil { files[sha] = m } }
        for (sha, m) in files where records[sha] == nil && unreadable[sha] == nil { load(sha, file: m.file, fileId: m.fileId, db) }
        var out: [(match: GKGStoredMatch, url: String, outlet: String, title: String)] = []
        for m in stored {
            // The record with the match's id, day and URL (a file should not repeat an id; if it does, the one that matched).
            let candidates = m.indexSHA256.flatMap { records[$0]?[m.recordId] } ?? []
            let urlMatches = candidates.filter { GKGMatchRow.urlHash($0.url) == m.urlHash }
            if let e = urlMatches.first(where: { $0.day == m.day }) ?? urlMatches.first {
                out.append((m, e.url, e.outlet, e.title))
            } else {
                out.append((m, "(the URL with hash \(String(m.urlHash, radix: 16)), not in a readable name index)", "?", ""))
            }
        }
        return (out, files.keys.sorted().compactMap { sha in unreadable[sha].map { "  (\($0))" } })
    }

    /// Reads a file's name index and keeps the records the store has matches of.
    func load(_ sha: String, file: String, fileId: Int64, _ db: GlareDatabase) {
        do {
            let (record, matched) = try db.read { tx in (try tx.snapshot(sha256: sha), try tx.gkgMatchedRecordIds(fileId: fileId)) }
            guard let record else {
                unreadable[sha] = "its name index \(sha.prefix(8)) is not recorded"
                return
            }
            let data = try archive.load(record), source = GKGNameIndex.source(file: file, sha256: sha)
            // Of a version 2 index only the matched records are made into entries.
            let entries =
                try GKGNameIndexTable(data, source: source).map { t in (0..<t.count).filter { matched.contains(t.recordId($0)) }.map(t.entry) }
                ?? GKGNameIndex.decode(data, source: source).filter { matched.contains($0.recordId) }
            records[sha] = Dictionary(grouping: entries, by: \.recordId)
        } catch {
            unreadable[sha] = "its name index \(sha.prefix(8)) cannot be read: \(error)"
        }
    }
}
