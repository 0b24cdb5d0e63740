import Foundation

/// `fsync` by path, for files written without it and for the folder entry a rename made.
enum FileSync {
    /// Flushes a file's contents to the disk.
    static func file(_ path: String) throws {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw StoreError.io(path: path, reason: "cannot open to sync (\(String(cString: strerror(errno))))") }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw StoreError.io(path: path, reason: "cannot sync (\(String(cString: strerror(errno))))") }
    }

    /// Flushes the folder holding `path`, so that a file renamed into it stays there after a crash.
    static func folder(of path: String) throws {
        try file(URL(fileURLWithPath: path).deletingLastPathComponent().path)
    }
}
