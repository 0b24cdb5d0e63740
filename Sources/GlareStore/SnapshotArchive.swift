public import Foundation
import GlareCore

/// A folder of snapshots, stored once each by content hash and gzip-compressed: `ab/abcdef….gz`.
///
/// A snapshot is written to a temporary file, synced and renamed into place, so a crash never leaves
/// a half-written snapshot under its final name. Callers record the snapshot in the database only
/// after `store` returns. Snapshots live beside the user's database, never in the source tree.
public struct SnapshotArchive: Sendable {
    public let directory: URL

    public init(directory: URL) { self.directory = directory }

    /// Where a snapshot's compressed bytes live.
    public func url(for snapshot: Snapshot) -> URL {
        directory.appendingPathComponent(String(snapshot.sha256.prefix(2)), isDirectory: true)
            .appendingPathComponent(snapshot.sha256 + ".gz")
    }

    /// Stores `data` (if not already stored) and returns its address.
    @discardableResult
    public func store(_ data: Data) throws -> Snapshot {
        let snapshot = Snapshot(of: data)
        let target = url(for: snapshot)
        let fm = FileManager.default
        if fm.fileExists(atPath: target.path) { return snapshot }
        let folder = target.deletingLastPathComponent()
        do {
            try fm.createDirectory(at: folder, withIntermediateDirectories: true)
            let compressed = try Gzip.compress(data, level: 1)
            let temporary = folder.appendingPathComponent(
                ".\(snapshot.sha256).\(ProcessInfo.processInfo.processIdentifier).\(UInt64.random(in: 0...UInt64.max)).tmp")
            guard fm.createFile(atPath: temporary.path, contents: nil) else {
                throw StoreError.io(path: temporary.path, reason: "cannot create the file")
            }
            let handle = try FileHandle(forWritingTo: temporary)
            do {
                try handle.write(contentsOf: compressed)
                try handle.synchronize()
                try handle.close()
            } catch {
                try? handle.close()
                try? fm.removeItem(at: temporary)
                throw error
            }
            if rename(temporary.path, target.path) != 0 {
                let reason = String(cString: strerror(errno))
                try? fm.removeItem(at: temporary)
                throw StoreError.io(path: target.path, reason: "cannot move the snapshot into place (\(reason))")
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.io(path: target.path, reason: "cannot write the snapshot (\(error.localizedDescription))")
        }
        return snapshot
    }

    /// Reads a snapshot's bytes back and checks them against its hash.
    public func load(_ snapshot: Snapshot) throws -> Data {
        let path = url(for: snapshot)
        guard let compressed = FileManager.default.contents(atPath: path.path) else {
            throw StoreError.io(path: path.path, reason: "snapshot \(snapshot.sha256) is missing from the archive")
        }
        let data: Data
        do {
            data = try Gzip.decompress(compressed)
        } catch {
            throw StoreError.io(path: path.path, reason: "snapshot \(snapshot.sha256) cannot be decompressed: \(error)")
        }
        guard Snapshot(of: data).sha256 == snapshot.sha256 else {
            throw StoreError.io(path: path.path, reason: "snapshot \(snapshot.sha256) is corrupt: its content no longer matches its hash")
        }
        return data
    }
}
