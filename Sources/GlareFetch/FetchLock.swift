import Foundation

/// One fetch at a time per database: an exclusive `flock` on `<database>.lock`, taken without waiting.
/// The kernel releases it when the process ends, however it ends (a `kill -9` leaves no stale lock).
public final class FetchLock: @unchecked Sendable {
    public let path: String
    private var descriptor: Int32

    /// Takes the lock, or throws `FetchError.locked` at once when another process holds it.
    public init(path: String) throws {
        self.path = path
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw FetchError.transport("cannot open the lock file \(path): \(String(cString: strerror(errno)))", url: path)
        }
        if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            close(descriptor)
            descriptor = -1
            throw FetchError.locked(path)
        }
        // Who holds it, for a person looking at the file.
        _ = ftruncate(descriptor, 0)
        let note = "pid \(getpid()) since \(ISO8601DateFormatter().string(from: Date()))\n"
        _ = note.withCString { write(descriptor, $0, strlen($0)) }
    }

    /// The lock for a database file.
    public convenience init(database: String) throws { try self.init(path: database + ".lock") }

    /// Releases the lock (also done when the object goes away or the process ends).
    public func release() {
        guard descriptor >= 0 else { return }
        flock(descriptor, LOCK_UN)
        close(descriptor)
        descriptor = -1
    }

    deinit { release() }
}
