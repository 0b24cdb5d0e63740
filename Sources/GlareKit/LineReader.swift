import Foundation

/// Reads a file or standard input line by line in chunks, so corpora larger than memory stream through.
/// Line breaks are found with `memchr` over the buffered bytes (not byte by byte), and a line's bytes
/// are copied once, into the `Data` handed out.
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

    /// The next line's bytes without its line break, or nil at the end.
    mutating func next() -> Data? {
        while true {
            let from = max(start, scanned)
            let newline: Int? = buffer.withUnsafeBufferPointer { b in
                guard from < b.count, let base = b.baseAddress, let hit = memchr(base + from, 0x0A, b.count - from) else { return nil }
                return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            }
            if let newline {
                var end = newline
                if end > start && buffer[end - 1] == 0x0D { end -= 1 }
                let line = Data(buffer[start..<end])
                start = newline + 1
                scanned = start
                lineNumber += 1
                return line
            }
            scanned = buffer.count
            if finished {
                guard start < buffer.count else { return nil }
                let line = Data(buffer[start...])
                start = buffer.count
                lineNumber += 1
                return line
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
}
