import Foundation

/// Writing files with POSIX calls (the snapshot archive and its ledgers: Foundation's file manager and
/// handles cost more than the writes).
enum FileWrite {
    /// Writes all of `bytes` to `descriptor` (again after an interrupted call); the `errno` of a failure, or nil.
    static func all(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) -> Int32? {
        var offset = 0
        while offset < bytes.count {
            let n = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += n
        }
        return nil
    }

    /// Makes a folder (the umask applies): `mkdir` first, as another thread may have made it meanwhile;
    /// the file manager only when its parent is missing too. Throws the file manager's error.
    static func makeFolder(_ path: String) throws {
        guard mkdir(path, 0o777) != 0 && errno != EEXIST else { return }
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
}
