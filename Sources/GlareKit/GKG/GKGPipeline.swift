public import Foundation
public import GlareCore
import GlareParsers
import GlareStore
public import Logging

/// What `glare fetch gkg`, `glare import gkg` and `glare rebuild` share: processing files on all cores
/// (bounded), storing each file's name index as a snapshot before the one transaction that records the
/// file, its matches and URL hashes (dropped, with the day's total set, once its day is complete), and rebuilding the `gkg` series at the end of a run.
public final class GKGPipeline: @unchecked Sendable {
    /// Run settings.
    public struct Options: Sendable {
        /// Files processed at once (default: one per core).
        public var jobs = ProcessInfo.processInfo.activeProcessorCount
        /// Keep the raw GDELT files as snapshots too (they are large; off by default).
        public var keepRaw = false
        public init() {}
    }

    /// What happened to one file.
    public struct FileReport: Sendable {
        public enum Outcome: String, Sendable {
            case processed, skipped, failed, absent
        }
        public let name: String
        public let stream: String
        public let slot: String
        public let outcome: Outcome
        public var rows = 0
        public var skippedRows = 0
        public var matches = 0
        public var bytes = 0
        public var problems: String? = nil
        public var error: String? = nil
    }

    /// Progress, reported after each file.
    public struct Progress: Sendable {
        public let done: Int
        public let total: Int
        /// Uncompressed bytes read so far.
        public let bytes: Int
        public let elapsed: TimeInterval
        public let last: FileReport
    }

    /// A run's outcome.
    public struct Summary: Sendable {
        public let files: [FileReport]
        /// Days of the requested range that are not observed (a file failed, or none was processed).
        public let incompleteDays: [String: [Day]]
        public var processed: Int { files.filter { $0.outcome == .processed }.count }
        public var failed: Int { files.filter { $0.outcome == .failed }.count }
    }

    let database: GlareDatabase
    let archive: SnapshotArchive
    let roster: Roster
    let processor: GKGFileProcessor
    let options: Options
    let logger: Logger
    let progress: (@Sendable (Progress) -> Void)?

    public init(
        roster: Roster, workspace: Workspace, options: Options = .init(), logger: Logger,
        progress: (@Sendable (Progress) -> Void)? = nil
    ) throws {
        self.roster = roster
        database = try workspace.openDatabase()
        archive = workspace.archive
        processor = GKGFileProcessor(matcher: GKGNameMatcher(roster: roster))
        self.options = options
        self.logger = logger
        self.progress = progress
        SnapshotVacuum.sweep(workspace, logger: logger)
    }

    /// A processed file with its name index packed (hashed and compressed), to be stored and recorded.
    struct Stored {
        let result: GKGFileResult
        let index: SnapshotArchive.Packed
        /// The raw file's snapshot, stored already (a batch does not hold raw files, megabytes each).
        let raw: Snapshot?
        /// The slot was read from the file's records: record it only if no file took it meanwhile.
        let slotFromRecords: Bool
    }

    /// Stores a processed file now: snapshots first (temporary file, sync, rename), then one transaction.
    func store(_ output: GKGFileProcessor.Output, raw: Data?) throws {
        try record([try packed(output, raw: raw, slotFromRecords: false)])
    }

    /// A processed file's name index packed (the CPU work of storing it, done by the file's worker); a raw
    /// file kept as a snapshot (`keepRaw`) is stored now.
    func packed(_ output: GKGFileProcessor.Output, raw: Data?, slotFromRecords: Bool) throws -> Stored {
        Stored(
            result: output.result, index: try SnapshotArchive.Packed(output.index), raw: try raw.map { try archive.store($0) },
            slotFromRecords: slotFromRecords)
    }

    /// Stores the files' name indexes, all synced at once (their flushes overlap instead of queueing one
    /// after another: a worker waited for each file's), then records the files in one transaction.
    func record(_ files: [Stored]) throws {
        guard !files.isEmpty else { return }
        _ = try archive.storeAll(packed: files.map(\.index))
        try database.write { tx in
            var days: [String: Set<Day>] = [:]
            for f in files {
                let r = f.result
                if f.slotFromRecords, try tx.gkgStatus(stream: r.stream, slot: r.slot) == .done { continue }
                let (index, raw) = (f.index.snapshot, f.raw)
                let indexRecord =
                    try tx.snapshot(sha256: index.sha256)
                    ?? tx.insertSnapshot(index, kind: "gkg-name-index", originalName: r.name + ".names")
                let rawRecord = try raw.map { s in try tx.snapshot(sha256: s.sha256) ?? tx.insertSnapshot(s, kind: "gkg", originalName: r.name) }
                try tx.recordGKGFile(r, index: indexRecord, raw: rawRecord)
                days[r.stream, default: []].formUnion(Set(r.days.keys).union([r.day]))
            }
            // A day these files complete gets its exact total now and drops its URL hashes, so a long run
            // never holds more than the hashes of the days still open.
            for (stream, streamDays) in days.sorted(by: { $0.key < $1.key }) {
                for day in streamDays.sorted() where try tx.gkgCoverage(stream: stream, day: day).observed {
                    try GKGDayTotals(archive: archive).settle(tx, stream: stream, day: day)
                }
            }
        }
    }

    /// Files processed in a run, snapshots packed, waiting to be stored and recorded together: a
    /// transaction costs several fsyncs, far more than recording a file does, so the store is written
    /// every `batchFiles` files (or when a file finishes `batchSeconds` or more after the first waiting
    /// one: the age is checked as files finish, not by a timer), and at the end of the run.
    /// A crash loses at most that batch's work: its slots stay open and the next run does them again.
    private var batch: [Stored] = []
    private var batchStarted = Date()
    private let batchLock = NSLock()
    static let batchFiles = 8
    static let batchSeconds: TimeInterval = 2

    /// Adds a processed file to the batch, recording the batch when it is full or old.
    func storeInBatch(_ output: GKGFileProcessor.Output, raw: Data?, slotFromRecords: Bool) throws {
        let stored = try packed(output, raw: raw, slotFromRecords: slotFromRecords)
        batchLock.lock()
        if batch.isEmpty { batchStarted = Date() }
        batch.append(stored)
        let due = batch.count >= Self.batchFiles || Date().timeIntervalSince(batchStarted) >= Self.batchSeconds
        let files = due ? batch : []
        if due { batch = [] }
        batchLock.unlock()
        try record(files)
    }

    /// Records the files still waiting (at the end of a run).
    func flushBatch() throws {
        batchLock.lock()
        let files = batch
        batch = []
        batchLock.unlock()
        try record(files)
    }

    /// Shared state of a run's workers, guarded by its lock.
    private final class RunState: @unchecked Sendable {
        let lock = NSLock()
        var next = 0
        var reports: [FileReport?]
        var done = 0
        var bytes = 0
        init(count: Int) { reports = Array(repeating: nil, count: count) }
    }

    /// Runs `work` over `items` on `options.jobs` threads, reporting progress and logging one line per file.
    /// After an I/O failure no further item is started (those left out have no report).
    func run<Item: Sendable>(_ items: [Item], _ work: @escaping @Sendable (Item) -> FileReport) -> [FileReport] {
        let state = RunState(count: items.count)
        let start = Date()
        let workers = max(1, min(options.jobs, items.count))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                state.lock.lock()
                let i = state.next
                state.next += 1
                state.lock.unlock()
                guard i < items.count, !stopped else { return }
                let report = work(items[i])
                state.lock.lock()
                state.reports[i] = report
                state.done += 1
                state.bytes += report.bytes
                let p = Progress(done: state.done, total: items.count, bytes: state.bytes, elapsed: Date().timeIntervalSince(start), last: report)
                progress?(p)
                state.lock.unlock()
                log(report)
            }
        }
        do { try flushBatch() } catch { noteIOFailure(error) }
        return state.reports.compactMap { $0 }
    }

    func log(_ r: FileReport) {
        var metadata: Logger.Metadata = ["file": "\(r.name)", "stream": "\(r.stream)", "outcome": "\(r.outcome.rawValue)"]
        if r.outcome == .processed {
            metadata["rows"] = "\(r.rows)"
            metadata["skipped_rows"] = "\(r.skippedRows)"
            metadata["matches"] = "\(r.matches)"
        }
        if let e = r.error { metadata["error"] = "\(e)" }
        if r.outcome == .failed { logger.warning("gkg file", metadata: metadata) } else { logger.info("gkg file", metadata: metadata) }
    }

    /// Processes and stores one file, turning every failure into a report (and, when the slot is
    /// known, a `failed` record so its day is never read as complete).
    func processAndStore(
        _ input: GKGFileProcessor.Input, name: String, slot: GKGSlot?, translingual: Bool?,
        byteCount: Int? = nil, md5: String? = nil, raw: Data? = nil
    ) -> FileReport {
        let stream = translingual.map(GKGFileProcessor.stream(translingual:)) ?? "gkg"
        do {
            let output = try processor.process(input, name: name, slot: slot, translingual: translingual, byteCount: byteCount, md5: md5)
            let r = output.result
            if slot == nil, try database.read({ try $0.gkgStatus(stream: r.stream, slot: r.slot) }) == .done {
                return FileReport(name: name, stream: r.stream, slot: r.slot, outcome: .skipped)
            }
            try storeInBatch(output, raw: options.keepRaw ? raw : nil, slotFromRecords: slot == nil)
            return FileReport(
                name: name, stream: r.stream, slot: r.slot, outcome: .processed, rows: output.tally.rows,
                skippedRows: output.tally.skippedTotal, matches: r.matches.count, bytes: output.bytes, problems: r.problems)
        } catch let error as ParseError {
            // The file is damaged: its slot fails (missing, retried by a later run).
            if let slot { try? database.write { try $0.recordGKGFailure(stream: stream, slot: slot, name: name, reason: "\(error)") } }
            return FileReport(name: name, stream: stream, slot: slot?.stamp ?? "", outcome: .failed, error: "\(error)")
        } catch {
            // Reading the file or writing the store failed (not writable, disk full, locked): nothing is
            // recorded, the slot stays open for the next run, and the run stops with this error.
            noteIOFailure(error)
            return FileReport(name: name, stream: stream, slot: slot?.stamp ?? "", outcome: .failed, error: "\(error)")
        }
    }

    /// The first I/O failure of the current run; once set, no further file is started.
    private var ioFailure: (any Error)?
    private let ioLock = NSLock()

    func noteIOFailure(_ error: any Error) {
        ioLock.lock()
        defer { ioLock.unlock() }
        if ioFailure == nil { ioFailure = error }
    }

    var stopped: Bool {
        ioLock.lock()
        defer { ioLock.unlock() }
        return ioFailure != nil
    }

    /// Throws the run's I/O failure, if one happened (after the files that did get stored are derived).
    func throwIOFailure() throws {
        ioLock.lock()
        let error = ioFailure
        ioFailure = nil
        ioLock.unlock()
        if let error { throw error }
    }

    /// Derives the GKG series again and lists the days of `range` not observed (partly covered, or a file failed).
    func finish(streams: [String], range: ClosedRange<Day>?) throws -> [String: [Day]] {
        try database.write { tx in _ = try SeriesDeriver(roster: roster, archive: archive).derive([.gkg], in: tx) }
        var incomplete: [String: [Day]] = [:]
        for stream in streams {
            let coverage = try database.read { try $0.gkgCoverage(stream: stream) }
            let days = range.map { r in (0...r.lowerBound.distance(to: r.upperBound)).map { r.lowerBound.adding(days: $0) } } ?? coverage.keys.sorted()
            let missing = days.filter { coverage[$0]?.observed != true }
            if !missing.isEmpty { incomplete[stream] = missing }
        }
        return incomplete
    }
}
