import CoreFoundation  // where this toolchain finds `timespec`'s members under MemberImportVisibility (importing Glibc is not enough)
import Foundation
public import Logging

/// Where a `glare fetch` run's time went, as its storing thread (the run's critical path once the store
/// is large) saw it. Logged once at the end of every run that completes (`run timings`, at info: a cron
/// log gets one line a run, so that a job's cost can be followed over the years) and handed to
/// `FetchRun.timed`.
///
/// The wall-time parts are disjoint stretches of the run and cover nearly all of it: opening the store,
/// then the storing thread either waiting for the next fetched source or recording, deriving, waiting for
/// the snapshots to be synced and committing batches (left out: starting the fetching threads, handing on
/// progress, deciding when to commit). The fetching threads' work overlaps all of it; `processCPU` counts theirs with the storing
/// thread's.
public struct FetchRunTimings: Sendable, Equatable {
    /// The sources of the run, and the transactions that recorded them (a failed batch's sources, then
    /// recorded one by one, count one each besides).
    public var sources = 0
    public var batches = 0
    /// Milliseconds of wall time before any source is fetched: opening the store (its migrations), the sweep
    /// of earlier runs' debris, the run's matcher and the sources' states.
    public var opening = 0.0
    /// Milliseconds the storing thread waited for the next fetched source.
    public var waiting = 0.0
    /// Milliseconds recording fetched sources: documents, mentions, counts, coverage and states (and Trends
    /// imports), with the look-up of which snapshots are new and the start of their pack.
    public var recording = 0.0
    /// Milliseconds deriving the series the batches touched.
    public var deriving = 0.0
    /// Milliseconds waiting, before a batch's commit, for its pack of new snapshots to be on disk (another
    /// thread writes and syncs it while the batch is recorded and derived: `SnapshotArchive.writePack`).
    public var syncing = 0.0
    /// Milliseconds of the batches' transactions besides, and what follows each: the watermarks read, failed
    /// sources' states saved, the commit with the journal's and the store's syncs, the pack marked
    /// recorded and each source's log line. (A failed batch's sources, then recorded one by one, count in
    /// the parts as any batch's do.)
    public var committing = 0.0
    /// Milliseconds of the whole run, from opening the store to the last commit.
    public var total = 0.0
    /// CPU milliseconds of the storing thread, and of the process (every thread) during the run.
    public var storingCPU = 0.0
    public var processCPU = 0.0

    public init() {}

    /// Milliseconds charged to the wall-time parts so far (what `total` nearly is once the run ends).
    var charged: Double { opening + waiting + recording + deriving + syncing + committing }

    /// The timings as log metadata: counts, and milliseconds rounded to one decimal.
    public var metadata: Logger.Metadata {
        func ms(_ value: Double) -> Logger.MetadataValue { .string(String(format: "%.1f", value)) }
        return [
            "sources": "\(sources)", "batches": "\(batches)", "opening_ms": ms(opening), "waiting_ms": ms(waiting),
            "recording_ms": ms(recording), "deriving_ms": ms(deriving), "syncing_ms": ms(syncing), "committing_ms": ms(committing), "total_ms": ms(total),
            "storing_cpu_ms": ms(storingCPU), "process_cpu_ms": ms(processCPU),
        ]
    }

    /// Runs `body`, adding its wall time in milliseconds to the part `part`.
    mutating func timing<T>(_ part: WritableKeyPath<FetchRunTimings, Double>, _ body: () throws -> T) rethrows -> T {
        let start = Self.now()
        defer { self[keyPath: part] += Self.now() - start }
        return try body()
    }

    /// The monotonic clock's reading in milliseconds (for wall time).
    static func now() -> Double { clock(CLOCK_MONOTONIC) }

    /// A clock's reading in milliseconds: `CLOCK_MONOTONIC` for wall time, `CLOCK_THREAD_CPUTIME_ID` and
    /// `CLOCK_PROCESS_CPUTIME_ID` for CPU time.
    static func clock(_ id: clockid_t) -> Double {
        var t = timespec()
        clock_gettime(id, &t)
        return Double(t.tv_sec) * 1000 + Double(t.tv_nsec) / 1_000_000
    }
}
