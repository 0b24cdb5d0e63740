public import Foundation
import GlareCore

/// A folder of snapshots, stored once each by content hash and gzip-compressed: a file each,
/// `ab/abcdef….gz` (`store`, `storeAll`), or a fetch batch's in one pack, `packs/<pid>.<random>.pack`,
/// their gzip members one after another (`writePack`; each snapshot's row says where it lies).
///
/// A snapshot's file is written to a temporary file, synced and renamed into place, so a crash never
/// leaves a half-written snapshot under its final name; a pack is found only through the rows that name
/// it, committed once it is synced. Callers record a snapshot in the database only after `store` returns,
/// or commit the rows naming a pack only after its `wait`. Snapshots live beside the user's database,
/// never in the source tree.
public struct SnapshotArchive: Sendable {
    public let directory: URL
    /// `directory.path`, worked out once: Foundation's `URL.path` costs more than naming a snapshot's file.
    let directoryPath: String

    public init(directory: URL) {
        self.directory = directory
        directoryPath = directory.path
    }

    /// Where a snapshot's compressed bytes live.
    public func url(for snapshot: Snapshot) -> URL {
        URL(fileURLWithPath: paths(for: snapshot.sha256).file)
    }

    /// The folder and the file of the snapshot with this hash: `<directory>/ab/abcdef….gz`.
    func paths(for sha256: String) -> (folder: String, file: String) {
        let folder = directoryPath + "/" + sha256.prefix(2)
        return (folder, folder + "/" + sha256 + ".gz")
    }

    /// Stores `data` (if not already stored) and returns its address.
    @discardableResult
    public func store(_ data: Data) throws -> Snapshot {
        let snapshot = Snapshot(of: data)
        let (folder, file) = paths(for: snapshot.sha256)
        if access(file, F_OK) == 0, Self.touch(file) {  // stored before: not compressed again (its folder synced: see `storeAll`)
            try FileSync.file(folder)
            return snapshot
        }
        return try storeAll(packed: [Packed(data, snapshot: snapshot)])[0]
    }

    /// Stores several snapshots, syncing them together: every one is written to its temporary file
    /// first, then all are synced (several at once, so the disk's flushes overlap), then each is renamed
    /// into place. When it returns, every snapshot is on disk under its final
    /// name; when it throws, none is left half-written under its name (some may be stored whole).
    public func storeAll(_ items: [Data]) throws -> [Snapshot] {
        try storeAll(packed: items.map(Packed.init))
    }

    /// `storeAll` of snapshots already packed.
    public func storeAll(packed items: [Packed]) throws -> [Snapshot] {
        // In groups, so that a large batch never holds more open files than a process may (the fetching threads
        // store their sources' pages at once: eight threads of a group each).
        guard items.count <= Self.syncGroup else {
            var stored: [Snapshot] = []
            for start in stride(from: 0, to: items.count, by: Self.syncGroup) {
                stored += try storeAll(packed: Array(items[start..<min(start + Self.syncGroup, items.count)]))
            }
            return stored
        }
        let snapshots = items.map(\.snapshot)
        // POSIX calls on paths: Foundation's file manager and handles cost more than writing a feed's snapshot.
        var pending: [(temporary: String, target: String, descriptor: Int32)] = []
        var seen = Set<String>()
        var noted = false
        defer {
            for p in pending {
                close(p.descriptor)
                unlink(p.temporary)
            }
            // Every temporary file this call made is renamed or removed: its ledger may end (`SnapshotLedger.end`).
            if noted { SnapshotLedger.finishedWriting(archive: directoryPath) }
        }
        let process = getpid()
        var folders = Set<String>()  // synced once the renames are done, so that the names survive a crash too
        var madeFolder = false
        var writing: [(item: Packed, folder: String, target: String, name: String)] = []
        for item in items {
            let sha = item.snapshot.sha256
            let (folder, target) = paths(for: sha)
            guard seen.insert(sha).inserted else { continue }
            // Stored before (by this run or another): touched, and its folder synced with the others (its writer may
            // not have synced the rename yet); written anew if it went meanwhile.
            if access(target, F_OK) == 0, Self.touch(target) {
                folders.insert(folder)
                continue
            }
            writing.append((item, folder, target, ".\(sha).\(process).\(UInt64.random(in: 0...UInt64.max)).tmp"))
        }
        // Noted before any is made, so that a run killed from here on leaves a ledger naming them (`SnapshotLedger`,
        // which makes the archive's folder, synced into its parent, when there is none).
        noted = try SnapshotLedger.note(writing.map(\.name), archive: directoryPath)
        for (item, folder, target, name) in writing {
            let temporary = folder + "/" + name
            var descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            if descriptor < 0 && errno == ENOENT {  // the folder is new
                do {
                    try FileWrite.makeFolder(folder)
                } catch {
                    throw StoreError.io(path: target, reason: "cannot write the snapshot (\(error.localizedDescription))")
                }
                madeFolder = true
                descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            }
            folders.insert(folder)
            guard descriptor >= 0 else {
                let reason = String(cString: strerror(errno))
                throw StoreError.io(path: target, reason: "cannot create the snapshot's temporary file \(temporary) (\(reason))")
            }
            pending.append((temporary, target, descriptor))
            let failure = item.compressed.withUnsafeBytes { FileWrite.all($0, to: descriptor) }
            if let failure { throw StoreError.io(path: target, reason: "cannot write the snapshot (\(String(cString: strerror(failure))))") }
        }
        // fsync each file of the group at once: the flushes overlap instead of queueing one after another.
        let errors = UnsafeMutableBufferPointer<Int32>.allocate(capacity: pending.count)
        defer { errors.deallocate() }
        errors.initialize(repeating: 0)
        let descriptors = pending.map(\.descriptor)
        let lanes = min(Self.syncGroup, descriptors.count)
        let done = DispatchGroup()
        if lanes == 1, fsync(descriptors[0]) != 0 { errors[0] = errno }  // one file: no thread to start
        for lane in 0..<lanes where lanes > 1 {
            done.enter()
            nonisolated(unsafe) let errors = errors
            Thread.detachNewThread {
                for i in stride(from: lane, to: descriptors.count, by: lanes) where fsync(descriptors[i]) != 0 { errors[i] = errno }
                done.leave()
            }
        }
        done.wait()
        if let i = errors.firstIndex(where: { $0 != 0 }) {
            throw StoreError.io(path: pending[i].target, reason: "cannot write the snapshot (\(String(cString: strerror(errors[i]))))")
        }
        while let p = pending.first {
            close(p.descriptor)
            if rename(p.temporary, p.target) != 0 {
                let reason = String(cString: strerror(errno))
                unlink(p.temporary)
                pending.removeFirst()
                throw StoreError.io(path: p.target, reason: "cannot move the snapshot into place (\(reason))")
            }
            pending.removeFirst()
        }
        // The renames and any new folder made durable before a caller records the snapshots.
        for folder in folders { try FileSync.file(folder) }
        if madeFolder { try FileSync.file(directoryPath) }
        return snapshots
    }

    /// Marks a snapshot found already stored as just written: the caller records it soon, and the sweep
    /// (`SnapshotLedger`) must not take it meanwhile for an old snapshot no row refers to. False when the file
    /// is gone (another run's sweep removed it since it was seen); a file this user may not touch (another
    /// user's, in a shared archive) is taken as there.
    static func touch(_ path: String) -> Bool { utimensat(AT_FDCWD, path, nil, 0) == 0 || errno != ENOENT }

    /// Most snapshots `storeAll` holds open at once (each group is written, synced and renamed in turn).
    public static let syncGroup = 16

    /// The folder of the packs (`writePack`).
    public var packsDirectory: URL { URL(fileURLWithPath: packsPath, isDirectory: true) }
    var packsPath: String { directoryPath + "/packs" }

    /// Stores `items` (each snapshot once: the caller leaves out those already recorded) in one new pack
    /// file, `packs/<pid>.<random>.pack`, their gzip members one after another, on a thread of its own:
    /// written, synced, its name synced into the folder, so that a batch of snapshots costs two syncs, not
    /// two each (and the packs' folder's name, synced into the archive's once a process). The pack is noted
    /// in the process's ledger first (`SnapshotLedger`): a run killed before the rows that name it commit
    /// leaves it to the sweep, as a snapshot no row refers to.
    public func writePack(_ items: [Packed]) throws -> PackWrite {
        let name = "\(getpid()).\(UInt64.random(in: 0...UInt64.max)).pack"
        var members: [String: PackMember] = [:]
        var offset: Int64 = 0
        var contents: [Data] = []
        for item in items where members[item.snapshot.sha256] == nil {
            members[item.snapshot.sha256] = PackMember(pack: name, offset: offset, length: Int64(item.compressed.count))
            offset += Int64(item.compressed.count)
            contents.append(item.compressed)
        }
        _ = try SnapshotLedger.note([name], archive: directoryPath)
        let (archive, folder, path, chunks) = (directoryPath, packsPath, packsPath + "/" + name, contents)
        return PackWrite(name: name, members: members) {
            defer { SnapshotLedger.finishedWriting(archive: archive) }
            var descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            if descriptor < 0 && errno == ENOENT {  // the archive's first pack: its folder made
                do { try FileWrite.makeFolder(folder) } catch {
                    throw StoreError.io(path: folder, reason: "cannot make the packs' folder (\(error.localizedDescription))")
                }
                descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            }
            guard descriptor >= 0 else { throw StoreError.io(path: path, reason: "cannot create the pack (\(String(cString: strerror(errno))))") }
            defer { close(descriptor) }
            do {
                // The packs' folder's own name synced into the archive's folder, once a process: another process may
                // have made it and not synced it yet.
                if !Self.packsFolderSynced.contains(folder) {
                    try FileSync.file(archive)
                    Self.packsFolderSynced.insert(folder)
                }
                for data in chunks {
                    if let failure = data.withUnsafeBytes({ FileWrite.all($0, to: descriptor) }) {
                        throw StoreError.io(path: path, reason: "cannot write the pack (\(String(cString: strerror(failure))))")
                    }
                }
                guard fsync(descriptor) == 0 else { throw StoreError.io(path: path, reason: "cannot sync the pack (\(String(cString: strerror(errno))))") }
                try FileSync.file(folder)
            } catch {
                unlink(path)
                throw error
            }
        }
    }

    /// Leaves a pack no row names any more (its snapshots moved to another) to the sweep: noted in this
    /// process's ledger and touched, so that the sweep removes it an hour later, and a reader that read rows
    /// naming it just before still finds it meanwhile.
    public func retire(pack name: String) throws {
        _ = try SnapshotLedger.note([name], archive: directoryPath)
        SnapshotLedger.finishedWriting(archive: directoryPath)  // nothing is written: only the name is left to decide
        _ = Self.touch(path(ofPack: name))
    }

    /// The packs' folders whose name this process has synced into their archive's folder.
    static let packsFolderSynced = SyncedFolders()

    /// The path of the pack of this name.
    public func path(ofPack name: String) -> String { packsPath + "/" + name }

    /// The file a recorded snapshot's bytes are in: its pack, or its own file.
    public func path(of record: SnapshotRecord) -> String {
        record.packed.map { path(ofPack: $0.pack) } ?? url(for: record.snapshot).path
    }

    /// A recorded snapshot's compressed bytes, as stored: read from its pack, or its own file.
    public func compressed(_ record: SnapshotRecord) throws -> Data {
        guard let member = record.packed else { return try compressed(record.snapshot) }
        let path = path(ofPack: member.pack)
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw StoreError.io(path: path, reason: "snapshot \(record.snapshot.sha256)'s pack cannot be read (\(String(cString: strerror(errno))))")
        }
        defer { close(descriptor) }
        guard member.offset >= 0, member.length >= 0, member.length <= Int64(Int32.max) else {
            throw StoreError.io(path: path, reason: "snapshot \(record.snapshot.sha256) has an impossible place in its pack")
        }
        var bytes = Data(count: Int(member.length))
        let read = bytes.withUnsafeMutableBytes { buffer -> Int in
            var done = 0
            while done < buffer.count {
                let n = pread(descriptor, buffer.baseAddress! + done, buffer.count - done, off_t(member.offset) + off_t(done))
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { break }
                done += n
            }
            return done
        }
        guard read == bytes.count else {
            throw StoreError.io(path: path, reason: "snapshot \(record.snapshot.sha256) is cut short in its pack (\(read) of \(bytes.count) bytes)")
        }
        return bytes
    }

    /// Reads a recorded snapshot's bytes back (from its pack or its own file) and checks them against its hash.
    public func load(_ record: SnapshotRecord) throws -> Data {
        try Self.expand(try compressed(record), of: record.snapshot, at: path(of: record))
    }

    /// The compressed bytes of the snapshot's own file.
    func compressed(_ snapshot: Snapshot) throws -> Data {
        let path = url(for: snapshot).path
        guard let bytes = FileManager.default.contents(atPath: path) else {
            throw StoreError.io(path: path, reason: "snapshot \(snapshot.sha256) is missing from the archive")
        }
        return bytes
    }

    /// Reads a snapshot's bytes back and checks them against its hash.
    public func load(_ snapshot: Snapshot) throws -> Data {
        try Self.expand(try compressed(snapshot), of: snapshot, at: url(for: snapshot).path)
    }

    /// A snapshot's stored bytes decompressed and checked against its hash (`path` names where they were read).
    static func expand(_ compressed: Data, of snapshot: Snapshot, at path: String) throws -> Data {
        let data: Data
        do {
            data = try Gzip.decompress(compressed)
        } catch {
            throw StoreError.io(path: path, reason: "snapshot \(snapshot.sha256) cannot be decompressed: \(error)")
        }
        guard Snapshot(of: data).sha256 == snapshot.sha256 else {
            throw StoreError.io(path: path, reason: "snapshot \(snapshot.sha256) is corrupt: its content no longer matches its hash")
        }
        return data
    }
}
