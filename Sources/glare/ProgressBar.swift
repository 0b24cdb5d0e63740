import Foundation

/// A one-line progress bar on standard error, drawn only when standard error is a terminal (under
/// cron the per-file log lines say the same), and only once the work has taken a second (a quick
/// import stays quiet).
final class ProgressBar: @unchecked Sendable {
    let enabled = isatty(STDERR_FILENO) == 1
    private let lock = NSLock()
    private var lastDraw = Date.distantPast
    private let started = Date()
    private var drawn = false

    /// Draws `done` of `total` files with the bytes read, timing from the bar's creation.
    func update(done: Int, total: Int, bytes: Int, unit: String = "files") {
        update(done: done, total: total, bytes: bytes, elapsed: Date().timeIntervalSince(started), unit: unit)
    }

    /// Draws `done` of `total` with the bytes read and the rate; at most ten times a second.
    func update(done: Int, total: Int, bytes: Int, elapsed: TimeInterval, unit: String = "files") {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        guard done == total || Date().timeIntervalSince(lastDraw) > 0.1 else { return }
        guard drawn || elapsed >= 1 else { return }
        drawn = true
        lastDraw = Date()
        let width = 30
        let filled = total == 0 ? width : width * done / total
        let mb = Double(bytes) / 1_000_000
        let rate = elapsed > 0 ? mb / elapsed : 0
        let eta = done > 0 && done < total ? elapsed / Double(done) * Double(total - done) : 0
        let line = String(
            format: "\r[%@%@] %d/%d %@, %.0f MB, %.1f MB/s, ETA %@ ",
            String(repeating: "=", count: filled), String(repeating: " ", count: width - filled),
            done, total, unit, mb, rate, Self.clock(eta))
        FileHandle.standardError.write(Data(line.utf8))
        if done == total { FileHandle.standardError.write(Data("\n".utf8)) }
    }

    static func clock(_ seconds: TimeInterval) -> String {
        let s = Int(seconds.rounded())
        return s >= 3600 ? String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String(format: "%d:%02d", s / 60, s % 60)
    }
}
