public import Foundation
import GlareStore
public import Logging

/// Snapshot files no database row refers to: the temporary files a killed write left
/// (`.<sha>.<pid>.<random>.tmp`), completed snapshots whose import then failed (a stitch refused, a
/// transaction rolled back, a kill between the fsync and the commit), and packs (`packs/<pid>.<random>.pack`,
/// a fetch's batch) no row names: a batch rolled back or killed, or every snapshot in it forgotten. A
/// pack only some of whose snapshots were forgotten is rewritten by `glare vacuum` with the others alone
/// (whatever its age), and the old pack left to the sweep an hour later, so that what `glare forget`
/// removed leaves no byte behind by then. `glare status` counts them and
/// `glare vacuum` removes them, and every import and fetch sweeps them first (`sweep`). Files younger
/// than `minimumAge` are left alone (an import running now writes its snapshots before the transaction
/// that records them), except temporary files whose writing process is gone (a pack waits whatever its
/// writer: one finished and closed before its commit, taken away, would be lost without a word; its
/// writer's process may also live where this one cannot see it, in another container). A pack is
/// asked about again, right before it is removed, whether a row names it now.
public struct SnapshotVacuum {
    /// What a pass found (and removed, unless it was a dry run).
    public struct Result: Sendable, Equatable {
        public var temporaryFiles: [String] = []
        public var orphanSnapshots: [String] = []
        public var orphanPacks: [String] = []
        /// Packs that also hold the bytes of snapshots no row names any more (forgotten): rewritten with the
        /// named ones alone.
        public var compactedPacks: [String] = []
        /// The bytes removed (or, in a dry run, that would be).
        public var bytes = 0
        public var isEmpty: Bool { temporaryFiles.isEmpty && orphanSnapshots.isEmpty && orphanPacks.isEmpty && compactedPacks.isEmpty }

        /// `2 temporary file(s) and 1 snapshot(s) no row refers to (3100 bytes)`; packs are named when there are any.
        public var summary: String {
            let packs = orphanPacks.isEmpty ? "" : ", \(orphanPacks.count) pack(s)"
            let compacted = compactedPacks.isEmpty ? "" : ", and forgotten snapshots' bytes in \(compactedPacks.count) pack(s)"
            return "\(temporaryFiles.count) temporary file(s)\(packs) and \(orphanSnapshots.count) snapshot(s) no row refers to\(compacted) (\(bytes) bytes)"
        }
    }

    public let workspace: Workspace
    /// Files younger than this are never touched (default one hour).
    public var minimumAge: TimeInterval = 3600

    public init(workspace: Workspace) { self.workspace = workspace }

    /// Finds orphans, and packs holding forgotten snapshots; removes the orphans and rewrites those packs
    /// unless `dryRun`.
    public func run(dryRun: Bool, now: Date = Date()) throws -> Result {
        let db = try workspace.openExistingDatabase()
        let records = try db.read { try $0.snapshots() }
        // A snapshot recorded in a pack does not keep a file of its own (one an import wrote of the same bytes).
        let known = Set(records.filter { $0.packed == nil }.map(\.snapshot.sha256))
        var result = Result()
        let fm = FileManager.default
        let root = workspace.snapshotDirectory
        // The packs first (fewer files: the recorded ones read at the start are still current when they are decided).
        try removeOrphanPacks(known: Set(records.compactMap(\.packed?.pack)), in: db, dryRun: dryRun, now: now, into: &result)
        try compactPacks(records, dryRun: dryRun, into: &result)
        guard let folders = try? fm.contentsOfDirectory(at: root, includingPropertiesForKeys: nil) else { return result }
        for folder in folders.sorted(by: { $0.path < $1.path }) where folder.lastPathComponent != "packs" {
            guard let files = try? fm.contentsOfDirectory(at: folder, includingPropertiesForKeys: [.contentModificationDateKey, .fileSizeKey]) else { continue }
            for file in files.sorted(by: { $0.path < $1.path }) {
                let name = file.lastPathComponent
                let values = try? file.resourceValues(forKeys: [.contentModificationDateKey, .fileSizeKey])
                guard let modified = values?.contentModificationDate else { continue }
                let age = now.timeIntervalSince(modified)
                let isTemporary = name.hasPrefix(".") && name.hasSuffix(".tmp")
                // Anything but a gone writer's temporary file waits `minimumAge`, for an import that has not committed yet.
                guard age >= minimumAge || (isTemporary && isDebris(temporaryAge: age, writerGone: !Self.writerIsAlive(name))) else { continue }
                let isOrphan = name.hasSuffix(".gz") && !known.contains(String(name.dropLast(3)))
                guard isTemporary || isOrphan else { continue }
                if isTemporary { result.temporaryFiles.append(file.path) } else { result.orphanSnapshots.append(file.path) }
                result.bytes += values?.fileSize ?? 0
                if !dryRun { try? fm.removeItem(at: file) }
            }
        }
        return result
    }

    /// `run`'s pass over the packs' folder: a pack no row names once `minimumAge` old, asked about again
    /// right before it goes (a run may have committed rows naming it since the rows were read).
    func removeOrphanPacks(known: Set<String>, in db: GlareDatabase, dryRun: Bool, now: Date, into result: inout Result) throws {
        let folder = workspace.archive.packsDirectory.path
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names.sorted() where SnapshotLedger.isPackName(name) && !known.contains(name) {
            let path = folder + "/" + name
            guard let status = FileStatus(path), now.timeIntervalSince(status.modified) >= minimumAge else { continue }
            guard try !db.read({ try $0.isNamed(pack: name) }) else { continue }
            result.orphanPacks.append(path)
            result.bytes += status.size
            if !dryRun { unlink(path) }
        }
    }

    /// `run`'s rewrite of the packs that hold bytes no row names (snapshots forgotten): the snapshots rows name
    /// are copied, as stored, into a new pack (written and synced first, `SnapshotArchive.writePack`) and the
    /// rows moved to it in one transaction. The old pack, which no row names then, is noted in this process's
    /// ledger and touched, so the sweep removes it an hour later: a reader that read its rows just before
    /// (a bundle being made) still finds it. A crash before the commit leaves the new pack to the sweep;
    /// after it, the old one to the next `glare vacuum`.
    func compactPacks(_ records: [SnapshotRecord], dryRun: Bool, into result: inout Result) throws {
        let byPack = Dictionary(grouping: records.filter { $0.packed != nil }, by: { $0.packed!.pack })
        var database: GlareDatabase?
        for (pack, members) in byPack.sorted(by: { $0.key < $1.key }) {
            let path = workspace.archive.path(ofPack: pack)
            guard let status = FileStatus(path) else { continue }  // missing: `glare verify` and the loads say so
            let kept = members.map { Int($0.packed!.length) }.reduce(0, +)
            guard status.size > kept else { continue }
            result.compactedPacks.append(path)
            result.bytes += status.size - kept
            guard !dryRun else { continue }
            let stored = try members.map { SnapshotArchive.Packed(stored: try workspace.archive.compressed($0), of: $0.snapshot) }
            if database == nil { database = try workspace.openExistingDatabaseForWriting() }
            let rewritten = try workspace.archive.writePack(stored)
            let moved: Bool
            do {
                moved = try database!.write { tx in
                    var moved = false
                    for record in members {
                        if try tx.moveSnapshot(id: record.id, from: pack, to: rewritten.members[record.snapshot.sha256]!) { moved = true }
                    }
                    try rewritten.wait()
                    return moved
                }
            } catch {
                try? rewritten.wait()  // its pack, named by no row, is the sweep's
                throw error
            }
            // A pack no row came to name (another vacuum, or a forget, was first) stays unrecorded: the sweep's.
            if moved { SnapshotLedger.recorded([rewritten.name], archive: workspace.snapshotDirectory) }
            if try !database!.read({ try $0.isNamed(pack: pack) }) { try workspace.archive.retire(pack: pack) }
        }
        if database != nil { SnapshotLedger.end(archive: workspace.snapshotDirectory) }
    }

    /// Whether a temporary file is left over: its writer is gone (a few seconds allowed for clocks), or it is
    /// `minimumAge` old, whatever runs under its process number (writing one takes seconds).
    func isDebris(temporaryAge age: TimeInterval, writerGone: Bool) -> Bool { age >= minimumAge || (writerGone && age >= 5) }

    /// Whether the process a temporary file's name records (`.<sha>.<pid>.<random>.tmp`) still runs here
    /// (a name of another shape is taken as a live writer's).
    static func writerIsAlive(_ name: String) -> Bool {
        SnapshotLedger.parse(temporaryName: name).map { SnapshotLedger.isRunning($0.process) } ?? true
    }

    /// The automatic pass every import and fetch makes before it writes: what earlier killed or failed
    /// runs left is removed, and a line is logged when anything was. Never fails the run.
    ///
    /// It reads the ledgers (`SnapshotLedger`), not the archive: each file a run noted is decided once, by
    /// the rules of `run` (a temporary file once its writer is gone, or after `minimumAge` whatever runs
    /// under its process number; a snapshot or pack no row refers to after `minimumAge`), so a pass costs what the
    /// runs since the last one wrote, however many snapshots the archive holds. A ledger whose writer is
    /// done with it (gone, or silent for `minimumAge`) is settled: removed once all it named is decided.
    /// Debris no ledger names (left by a Glare before ledgers, or lines a power cut lost) is `glare
    /// vacuum`'s. `now` is the time the ages are taken at.
    public static func sweep(_ workspace: Workspace, logger: Logger, now: Date = Date()) {
        let vacuum = SnapshotVacuum(workspace: workspace)
        var result = Result()
        var database: GlareDatabase?
        var storeMissing = false  // no store to ask (yet): no snapshot is decided, temporary files still are
        func age(_ status: FileStatus) -> TimeInterval { now.timeIntervalSince(status.modified) }
        for ledger in SnapshotLedger.entries(of: workspace.snapshotDirectory) {
            let writing = ledger.mayBeWriting(now: now, age: vacuum.minimumAge)
            var undecided: [String] = []
            for name in ledger.temporaryNames {
                guard let sha = SnapshotLedger.parse(temporaryName: name)?.sha256 else { continue }
                let file = workspace.archive.url(for: Snapshot(sha256: sha, byteCount: 0)).path
                let temporary = URL(fileURLWithPath: file).deletingLastPathComponent().path + "/" + name
                if let status = FileStatus(temporary) {
                    guard vacuum.isDebris(temporaryAge: age(status), writerGone: !writing) else { undecided.append(name); continue }
                    result.temporaryFiles.append(temporary)
                    result.bytes += status.size
                    unlink(temporary)
                }
                guard let status = FileStatus(file) else { continue }  // never made, or removed since
                guard age(status) >= vacuum.minimumAge, !storeMissing else { undecided.append(name); continue }
                do {
                    if database == nil { database = try workspace.openExistingDatabase() }
                    // Recorded as this file (a row placing it in a pack leaves a copy an import wrote to go).
                    if let row = try database!.read({ try $0.snapshot(sha256: sha) }), row.packed == nil { continue }
                } catch {
                    storeMissing = true
                    undecided.append(name)
                    continue
                }
                // Asked again after the store: a run that found it stored and is about to record it has touched it since.
                guard let current = FileStatus(file), age(current) >= vacuum.minimumAge else {
                    undecided.append(name)
                    continue
                }
                result.orphanSnapshots.append(file)
                result.bytes += status.size
                unlink(file)
            }
            // A pack: kept once a row names it; else removed `minimumAge` after it was made, whatever its writer (asked
            // about after its age, so that a run that commits meanwhile is seen).
            for name in ledger.packNames {
                let path = workspace.archive.path(ofPack: name)
                guard let status = FileStatus(path) else { continue }  // never made, or removed since
                guard age(status) >= vacuum.minimumAge, !storeMissing else { undecided.append(name); continue }
                do {
                    if database == nil { database = try workspace.openExistingDatabase() }
                    if try database!.read({ try $0.isNamed(pack: name) }) { continue }  // recorded
                } catch {
                    storeMissing = true
                    undecided.append(name)
                    continue
                }
                result.orphanPacks.append(path)
                result.bytes += status.size
                unlink(path)
            }
            if !writing { SnapshotLedger.settle(ledger, keeping: undecided) }
        }
        guard !result.isEmpty else { return }
        logger.notice("removed snapshot debris of earlier runs", metadata: ["removed": "\(result.summary)"])
    }
}
