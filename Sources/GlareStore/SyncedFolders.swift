import Foundation

/// Folders a process has synced once and need not sync again (a lock around a set: packs are written on
/// several threads).
final class SyncedFolders: @unchecked Sendable {
    private let lock = NSLock()
    private var folders = Set<String>()

    /// Whether `folder` was synced.
    func contains(_ folder: String) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return folders.contains(folder)
    }

    /// Notes that `folder` is synced (after the sync succeeded: two threads may both sync it first, which is harmless).
    func insert(_ folder: String) {
        lock.lock()
        defer { lock.unlock() }
        folders.insert(folder)
    }
}
