import Foundation
import GlareParsers

/// The inflate buffers of a run's workers: a worker takes one for a file and gives it back, so each
/// buffer is reused from file to file and there are never more than the files in flight.
final class InflateBufferPool: @unchecked Sendable {
    private let lock = NSLock()
    private var free: [InflateBuffer] = []

    /// A buffer no other worker holds.
    func take() -> InflateBuffer {
        lock.lock()
        defer { lock.unlock() }
        return free.popLast() ?? InflateBuffer()
    }

    /// Returns a buffer for the next file; one grown past 64 MiB by an unusually large file is shrunk.
    func give(_ buffer: InflateBuffer) {
        buffer.shrink(to: 64 << 20)
        lock.lock()
        defer { lock.unlock() }
        free.append(buffer)
    }
}
