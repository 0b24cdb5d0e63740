import Foundation

/// The reference `BatchReader` is held to (`glare match` read with it before): a file read line by line in chunks.
/// Line breaks are found with `memchr` over the buffered bytes (not byte by byte), and a line is lent
/// to the caller in place, without a copy.
struct LineReader {
    let handle: FileHandle
    private var buffer: [UInt8] = []
    /// Where the next line starts in `buffer`.
    private var start = 0
    /// Bytes from `start` up to here are known to hold no line break.
    private var scanned = 0
    private var finished = false
    private(set) var lineNumber = 0

    init(handle: FileHandle) { self.handle = handle }

    /// Calls `body` with the next line's bytes (without its line break, valid only during the call) and
    /// returns its result, or nil at the end.
    mutating func withNextLine<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result? {
        while true {
            let from = max(start, scanned)
            let newline: Int? = buffer.withUnsafeBufferPointer { b in
                guard from < b.count, let base = b.baseAddress, let hit = memchr(base + from, 0x0A, b.count - from) else { return nil }
                return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            }
            if let newline {
                var end = newline
                if end > start && buffer[end - 1] == 0x0D { end -= 1 }
                let lineStart = start
                start = newline + 1
                scanned = start
                lineNumber += 1
                return try buffer.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[lineStart..<end])) }
            }
            scanned = buffer.count
            if finished {
                guard start < buffer.count else { return nil }
                let lineStart = start
                start = buffer.count
                lineNumber += 1
                return try buffer.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[lineStart...])) }
            }
            if start > 0 {
                buffer.removeSubrange(0..<start)
                scanned -= start
                start = 0
            }
            let chunk = handle.readData(ofLength: 1 << 20)
            if chunk.isEmpty { finished = true } else { buffer.append(contentsOf: chunk) }
        }
    }

    /// The next line's bytes without its line break, or nil at the end.
    mutating func next() -> Data? { withNextLine { Data($0) } }
}
