import Foundation
import GlareCore
import GlareParsers
import GlareStore

/// A GKG day's distinct-article total, exact: a URL counts once per day however many files carry it.
///
/// While a day is incomplete (slots still to come, or failed), each file keeps the hashes of its
/// records' URLs for that day in the store, so a new file only adds its own. Once the day is complete
/// (`GKGDayCoverage.observed`) and its total set, the hashes are dropped: they were most of the
/// store's bytes per record. Should the day change after that (a forgotten file, a slot GDELT's list
/// once called absent), the URLs are read back from the files' name-index snapshots, which keep them.
struct GKGDayTotals {
    let archive: SnapshotArchive

    /// Sets the total of every day of the stream whose files changed, and drops the URL hashes of
    /// every complete day that still keeps them.
    func settle(_ tx: StoreTransaction, stream: String) throws {
        for day in try tx.gkgDaysWithoutTotal(stream: stream) { try settle(tx, stream: stream, day: day) }
        for day in try tx.gkgDaysWithURLHashes(stream: stream) where try tx.gkgCoverage(stream: stream, day: day).observed {
            try tx.dropGKGURLHashes(stream: stream, day: day)
        }
    }

    /// Sets the day's total from its files (kept hashes, or their name indexes), and drops the hashes
    /// when the day is complete.
    func settle(_ tx: StoreTransaction, stream: String, day: Day) throws {
        var lists: [[UInt64]] = []
        for f in try tx.gkgFileDays(stream: stream, day: day) {
            if let hashes = f.urlHashes {
                lists.append(hashes)
            } else {
                lists.append(try urlHashes(f, day: day, tx))
            }
        }
        try tx.setGKGDayTotal(stream: stream, day: day, articles: DistinctCount.of(lists))
        if try tx.gkgCoverage(stream: stream, day: day).observed { try tx.dropGKGURLHashes(stream: stream, day: day) }
    }

    /// The URL hashes of a file's records dated `day`, read from its name-index snapshot.
    func urlHashes(_ f: GKGFileDay, day: Day, _ tx: StoreTransaction) throws -> [UInt64] {
        guard let sha = f.indexSHA256, let record = try tx.snapshot(sha256: sha) else {
            throw StoreError.io(path: f.name, reason: "the file's name index is not recorded, so day \(day.iso)'s article total cannot be counted again")
        }
        // A damaged stored index is the store's fault, not the file being imported: an I/O error (74).
        let entries: [GKGEntry]
        do { entries = try GKGNameIndex.decode(try archive.load(record), source: GKGNameIndex.source(file: f.name, sha256: sha)) } catch let error
            as ParseError
        {
            throw StoreError.io(path: archive.path(of: record), reason: "\(error)")
        }
        var hashes: [UInt64] = []
        for e in entries where e.day == day { hashes.append(GKGMatchRow.urlHash(e.url)) }
        guard hashes.count == f.records else {
            throw StoreError.io(
                path: f.name, reason: "its name index holds \(hashes.count) record(s) of \(day.iso), the store recorded \(f.records)")
        }
        return hashes
    }
}
