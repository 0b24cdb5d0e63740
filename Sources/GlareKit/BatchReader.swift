import Foundation

/// Reads `glare match`'s input in batches of whole lines, each batch's bytes read straight into its
/// own buffer (no copy per line, none from a chunk into a line buffer): the lines are found there with
/// `memchr`, and the line a read cut in two moves to the start of the next batch. Lines, their
/// numbers, blank lines (spaces, tabs and carriage returns only: skipped, but counted) and line breaks
/// (`\n`, a `\r` before it dropped) are those `LineReader` gives.
struct BatchReader {
    /// Held, so that its descriptor stays open while the reader reads.
    let handle: FileHandle
    /// The start of the line the last read cut in two.
    private var carry: [UInt8] = []
    private var finished = false
    private(set) var lineNumber = 0
    /// Why reading stopped early, when it did.
    private(set) var failure: String?

    init(handle: FileHandle) { self.handle = handle }

    /// The next batch of at least `batchBytes` bytes of whole lines (fewer at the end; longer when a
    /// line is), or nil at the end.
    mutating func next(batchBytes: Int) -> MatchRun.Batch? {
        var capacity = max(batchBytes, carry.count) + (1 << 16)
        // Read until the buffer holds more than this (or is full, or the input ends).
        var target = batchBytes + 1
        let descriptor = handle.fileDescriptor
        while true {
            guard !finished || !carry.isEmpty else { return nil }
            var filled = 0
            let bytes = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
                let base = buffer.baseAddress!
                carry.withUnsafeBufferPointer { if let from = $0.baseAddress { base.initialize(from: from, count: $0.count) } }
                filled = carry.count
                while !finished && filled < target && filled < capacity {
                    let got = read(descriptor, base + filled, capacity - filled)
                    if got > 0 {
                        filled += got
                    } else if got == 0 {
                        finished = true
                    } else if errno != EINTR {
                        failure = String(cString: strerror(errno))
                        finished = true
                    }
                }
                count = filled
            }
            // Whole lines end at the last line break (or at the end of the input).
            var cut = filled
            if !finished {
                while cut > 0 && bytes[cut - 1] != 0x0A { cut -= 1 }
                if cut == 0 {
                    // One line longer than the buffer: read on into a larger one.
                    carry = bytes
                    capacity *= 2
                    target = capacity
                    continue
                }
            }
            carry = Array(bytes[cut..<filled])
            var batch = MatchRun.Batch(bytes: bytes)
            bytes.withUnsafeBufferPointer { b in
                guard let base = b.baseAddress else { return }
                var start = 0
                while start < cut {
                    var end: Int
                    var next: Int
                    if let hit = memchr(base + start, 0x0A, cut - start) {
                        next = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                        end = next
                        if end > start && b[end - 1] == 0x0D { end -= 1 }
                        next += 1
                    } else {
                        (end, next) = (cut, cut)  // the input's last line, without a line break
                    }
                    lineNumber += 1
                    var blank = true
                    for k in start..<end where !(b[k] == 0x20 || b[k] == 0x09 || b[k] == 0x0D) {
                        blank = false
                        break
                    }
                    if !blank {
                        batch.starts.append(start)
                        batch.ends.append(end)
                        batch.lineNumbers.append(lineNumber)
                    }
                    start = next
                }
            }
            return batch
        }
    }
}
