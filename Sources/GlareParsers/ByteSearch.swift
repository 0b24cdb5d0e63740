import Foundation

/// Finding a byte string in bytes (`memchr` for the first byte, `memcmp` for the rest), for readers that
/// work on bytes: a GKG row's page title, a feed's document type declaration.
enum ByteSearch {
    /// Where `needle` first occurs in `b` at or after `from` (wholly inside `b`), if anywhere.
    static func find(_ b: UnsafeBufferPointer<UInt8>, _ needle: [UInt8], from: Int) -> Int? {
        guard let base = b.baseAddress, !needle.isEmpty else { return nil }
        var i = from
        let last = b.count - needle.count
        while i <= last {
            guard let hit = memchr(base + i, Int32(needle[0]), last - i + 1) else { return nil }
            let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if memcmp(base + at, needle, needle.count) == 0 { return at }
            i = at + 1
        }
        return nil
    }
}
