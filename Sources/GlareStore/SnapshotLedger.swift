public import Foundation

/// Which snapshot files each process wrote, so that the sweep before every import and fetch visits what
/// earlier runs wrote, not every snapshot ever stored (a cron job's archive holds millions after a year).
///
/// A process that writes snapshots into an archive appends, before it creates each temporary file, that
/// file's name (`.<sha>.<pid>.<random>.tmp`, which names the snapshot too), and before it creates a pack,
/// the pack's (`<pid>.<random>.pack`, in the archive's `packs` folder), to a ledger of its own,
/// `<archive>/.ledger/<pid>.<random>`. The lines are not synced: a power cut may lose the last ones, and
/// what they named is then left for `glare vacuum`, which reads the whole archive. A process killed at any
/// point leaves a ledger naming everything it may have left behind. A fetch (`FetchRun`) ends its process's
/// ledger when it is done (`end`): removed once every snapshot it names is recorded and no write it names is
/// under way, so that nothing in it is left for a sweep to decide. Other writers leave theirs to the sweep.
public enum SnapshotLedger {
    /// The ledgers' folder in an archive.
    static func folder(of archive: URL) -> String { folder(of: archive.path) }

    /// The ledgers' folder in the archive at `path`.
    static func folder(of path: String) -> String { path + "/.ledger" }

    /// This process's ledgers, by archive folder (opened for each note: a process may write into many archives).
    nonisolated(unsafe) private static var ledgers: [String: Held] = [:]

    /// A ledger this process holds: the snapshots and packs it noted that no committed transaction is known
    /// to have recorded, and the writes it noted still under way (`SnapshotArchive.storeAll` calls that have
    /// not yet renamed or removed their temporary files, packs not yet synced or removed). Two writers may
    /// note one snapshot: the first to record it takes it off, while the other's temporary file is still
    /// counted as a write under way.
    private struct Held {
        var path: String
        var unrecorded: Set<String>
        var writing: Int
    }
    private static let lock = NSLock()

    /// Appends the temporary files' names to this process's ledger of the archive (made on first use);
    /// one write, so lines of several threads never interleave. Returns whether it noted any: then the write
    /// is under way until the writer calls `finishedWriting` (when it throws, nothing is under way).
    /// (Archives are named by their folder's path here: Foundation's `URL.path` costs more than a note.)
    static func note(_ temporaryNames: [String], archive: String) throws -> Bool {
        guard !temporaryNames.isEmpty else { return false }
        let shas = temporaryNames.map { parse(temporaryName: $0)?.sha256 ?? $0 }
        var path = try ledger(archive, noting: shas)
        do {
            var descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
            if descriptor < 0 && errno == ENOENT {  // the archive was removed since (and is being made again): a new ledger
                path = try ledger(archive, noting: shas, forgetting: path)
                descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
            }
            guard descriptor >= 0 else {
                throw StoreError.io(path: path, reason: "cannot open the snapshot ledger (\(String(cString: strerror(errno))))")
            }
            defer { close(descriptor) }
            let failure = Array(temporaryNames.map { $0 + "\n" }.joined().utf8).withUnsafeBytes { FileWrite.all($0, to: descriptor) }
            if let failure {
                throw StoreError.io(path: path, reason: "cannot note the snapshots being written (\(String(cString: strerror(failure))))")
            }
        } catch {
            finishedWriting(archive: archive)  // the writer stops here, before it makes any file
            throw error
        }
        return true
    }

    /// Tells this process's ledger of `archive` that a write `note` counted is over: its temporary files are
    /// renamed into place or removed, or its pack synced or removed.
    static func finishedWriting(archive: String) {
        lock.lock()
        defer { lock.unlock() }
        guard ledgers[archive] != nil else { return }
        ledgers[archive]!.writing -= 1
    }

    /// This process's ledger in the archive, made (under a name no other process has) on first use, with
    /// `shas` added to its unrecorded snapshots and a write counted as under way (under the lock, before the
    /// names are written: `end` never removes a ledger a note is about to write to). Made again in place of
    /// `gone` (its archive was removed meanwhile), it keeps what the old one held, and the write already counted.
    private static func ledger(_ archive: String, noting shas: [String], forgetting gone: String? = nil) throws -> String {
        lock.lock()
        defer { lock.unlock() }
        if var held = ledgers[archive], held.path != gone {
            held.unrecorded.formUnion(shas)
            held.writing += 1
            ledgers[archive] = held
            return held.path
        }
        let folder = folder(of: archive)
        // No archive yet: made, and its name synced into its parent, before any snapshot in it is recorded.
        let madeArchive = access(archive, F_OK) != 0
        do {
            try FileWrite.makeFolder(folder)
        } catch {
            throw StoreError.io(path: folder, reason: "cannot make the snapshot ledger's folder (\(error.localizedDescription))")
        }
        if madeArchive { try FileSync.folder(of: archive) }
        let path = folder + "/\(getpid()).\(UInt64.random(in: 0...UInt64.max))"
        let d = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard d >= 0 else { throw StoreError.io(path: path, reason: "cannot make the snapshot ledger (\(String(cString: strerror(errno))))") }
        close(d)
        let old = ledgers[archive]
        ledgers[archive] = Held(
            path: path, unrecorded: (old?.unrecorded ?? []).union(shas), writing: (old?.writing ?? 0) + (gone == nil ? 1 : 0))
        return path
    }

    /// Tells this process's ledger of `archive` that a committed transaction recorded these snapshots.
    public static func recorded(_ shas: some Sequence<String>, archive: URL) {
        let archive = archive.path
        lock.lock()
        defer { lock.unlock() }
        guard ledgers[archive] != nil else { return }
        ledgers[archive]!.unrecorded.subtract(shas)
    }

    /// Ends this process's ledger of `archive` when every snapshot it noted is recorded (`recorded`) and no
    /// write it noted is under way: the ledger is removed, so the next sweep has nothing of this process's to
    /// visit, and forgotten, so a later note makes another. Otherwise it stays for a sweep to settle once this
    /// process is gone. Returns whether it was removed. (A removal a crash loses leaves a ledger whose every
    /// snapshot is recorded: the sweep settles it.)
    @discardableResult
    public static func end(archive: URL) -> Bool {
        let archive = archive.path
        lock.lock()
        defer { lock.unlock() }
        guard let ledger = ledgers[archive], ledger.unrecorded.isEmpty, ledger.writing == 0 else { return false }
        ledgers[archive] = nil
        return unlink(ledger.path) == 0 || errno == ENOENT
    }

    /// One process's ledger, as the sweep reads it.
    public struct Entry: Sendable {
        /// The ledger file.
        public let path: String
        /// The process that wrote it.
        public let process: pid_t
        /// When it was last written to.
        public let modified: Date
        /// The temporary files' names it noted, in order (each `.<sha>.<pid>.<random>.tmp`).
        public let temporaryNames: [String]
        /// The packs it noted, in order (each `<pid>.<random>.pack`).
        public var packNames: [String] = []

        /// Whether its process may still be writing through it: a process of its number runs (or cannot be
        /// asked) and the ledger was written to within `age`. (A number is reused: in a container every run
        /// may be process 1, so an old ledger is taken as its writer's, ended, whatever runs under its number.)
        public func mayBeWriting(now: Date, age: TimeInterval) -> Bool {
            SnapshotLedger.isRunning(process) && now.timeIntervalSince(modified) < age
        }
    }

    /// Whether a process of this number runs here (or cannot be asked, which is taken as running).
    public static func isRunning(_ process: pid_t) -> Bool { process == getpid() || kill(process, 0) == 0 || errno == EPERM }

    /// The snapshot hash and the writing process a temporary file's name holds (`.<sha>.<pid>.<random>.tmp`),
    /// or nil for a name that is not one.
    public static func parse(temporaryName name: String) -> (sha256: String, process: pid_t)? {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 5, parts[0].isEmpty, parts[4] == "tmp", parts[1].count == 64,
            parts[1].utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }), isNumber(parts[3]),
            isNumber(parts[2]), let process = pid_t(parts[2])
        else { return nil }
        return (String(parts[1]), process)
    }

    /// Whether a name is a pack's as `SnapshotArchive.writePack` makes them: `<pid>.<random>.pack`.
    public static func isPackName(_ name: String) -> Bool {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 3 && isNumber(parts[0]) && isNumber(parts[1]) && parts[2] == "pack"
    }

    private static func isNumber(_ s: Substring) -> Bool { !s.isEmpty && s.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }

    /// The archive's ledgers (none when it has no ledger folder), in name order: files named
    /// `<pid>.<random>`, nothing else of the folder.
    public static func entries(of archive: URL) -> [Entry] {
        let folder = folder(of: archive)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
        return names.sorted().compactMap { name in
            let parts = name.split(separator: ".", omittingEmptySubsequences: false)
            let path = folder + "/" + name
            guard parts.count == 2, isNumber(parts[0]), isNumber(parts[1]), let pid = pid_t(parts[0]), pid > 0,
                let modified = FileStatus(path)?.modified,
                let text = FileManager.default.contents(atPath: path)
            else { return nil }
            // A line cut short by a kill mid-write names nothing whole: it is left out.
            let lines = String(decoding: text, as: UTF8.self).split(separator: "\n").map(String.init)
            return Entry(
                path: path, process: pid, modified: modified, temporaryNames: lines.filter { parse(temporaryName: $0) != nil },
                packNames: lines.filter(isPackName))
        }
    }

    /// Ends a ledger whose writer is done with it: removed when nothing it names is left to decide, else
    /// written again with only the names still to decide (a file of a name no ledger has, renamed over it).
    public static func settle(_ entry: Entry, keeping names: [String]) {
        guard !names.isEmpty else {
            unlink(entry.path)
            return
        }
        guard names != entry.temporaryNames + entry.packNames else { return }
        let folder = URL(fileURLWithPath: entry.path).deletingLastPathComponent().path
        let rewritten = folder + "/.rewrite.\(getpid()).\(UInt64.random(in: 0...UInt64.max))"
        guard FileManager.default.createFile(atPath: rewritten, contents: Data(names.map { $0 + "\n" }.joined().utf8)) else { return }
        if rename(rewritten, entry.path) != 0 { unlink(rewritten) }
    }
}
