import Dispatch  // the module `stat`'s members come from here, under MemberImportVisibility
public import Foundation
import Glibc

/// A file's modification time and size as `lstat` gives them: what the snapshot sweep asks of every file
/// and ledger the runs noted, at the start of every fetch and import (Foundation's `attributesOfItem` cost
/// ~70 µs a file here, `lstat` ~15 µs).
public struct FileStatus {
    /// When the file was last written.
    public let modified: Date
    /// Its size in bytes.
    public let size: Int

    /// The file's status, or nil when there is none (or it cannot be asked).
    public init?(_ path: String) {
        var s = stat()
        guard lstat(path, &s) == 0 else { return nil }
        modified = Date(timeIntervalSince1970: TimeInterval(s.st_mtim.tv_sec) + TimeInterval(s.st_mtim.tv_nsec) / 1e9)
        size = Int(s.st_size)
    }
}
