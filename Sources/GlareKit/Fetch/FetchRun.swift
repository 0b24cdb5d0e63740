public import Foundation
public import GlareCore
public import GlareFetch
import GlareStore
public import Logging

/// `glare fetch`: every enabled source of the sources file (or the ones named), each fetched, its
/// responses stored as snapshots (a batch's new ones in one pack, written and synced while the batch is
/// recorded) before the one transaction that records them, with the other sources of its batch, with the
/// documents, mentions, the sources' new states and the series derived again. A crash at any point
/// leaves either all of a source's run or none of it; an item seen again (in a later run or in another
/// feed) is stored once, by its link.
public struct FetchRun {
    /// How one source went.
    public struct SourceResult: Sendable {
        public enum Outcome: String, Sendable { case fetched, notModified = "not modified", failed }
        public let source: String
        public let outcome: Outcome
        public var documents = 0
        public var added = 0
        public var error: String? = nil
        /// For a failure: whether a later run may succeed (network, 429, 5xx).
        public var transient = false
        public var truncated: [String] = []
        public var notes: [String] = []
    }

    public let roster: Roster
    public let workspace: Workspace
    public let client: HTTPClient
    public let credentials: Credentials
    public let logger: Logger
    /// Waits between an API's requests at its documented pace (tests pass a no-op).
    let pause: (TimeInterval) -> Void
    /// The time of the run (tests fix it): items without a date are dated its day, and feed coverage ends at it.
    let now: () -> Date

    public init(
        roster: Roster, workspace: Workspace, client: HTTPClient, credentials: Credentials, logger: Logger,
        pause: @escaping (TimeInterval) -> Void = { Thread.sleep(forTimeInterval: $0) }, now: @escaping () -> Date = Date.init
    ) {
        self.pause = pause
        self.now = now
        self.roster = roster
        self.workspace = workspace
        self.client = client
        self.credentials = credentials
        self.logger = logger
    }

    /// Told after each source: sources done, sources in all (a progress bar).
    public var progress: ((_ done: Int, _ total: Int) -> Void)?
    /// Told once a run has recorded its last batch: where its time went (also logged, `run timings`); a run
    /// that throws tells nothing.
    public var timed: ((FetchRunTimings) -> Void)?

    /// Fetches the sources in order; failures are per source, in the results.
    ///
    /// Threads fetch the sources, several at once (`connections`; `connectionsPerHost` to one feed
    /// host; an API one request at a time), work out each item's sketch and mentions, and hash and
    /// compress the source's snapshots; this one records them, in the sources' order, in batches (up to
    /// `batchSources`, or what `batchSeconds` of fetching brought, or as soon as it has caught up with
    /// `batchMinimum` sources): one transaction records every source of the batch and derives again, once,
    /// the series they touched (for feeds, only the days the new evidence touches). Should the batch's
    /// transaction fail, its sources are committed one by one, so that a failure stays its own source's,
    /// as when each source had its own transaction. A batch's snapshots not stored before go into one
    /// pack (`SnapshotArchive.writePack`), written and synced on another thread while the batch is recorded:
    /// two syncs a batch, not two a snapshot; the transaction commits once the pack is on disk. Source ids
    /// must differ (a sources file's do).
    public func run(_ sources: [SourceDefinition], from: Day? = nil, to: Day? = nil) throws -> [SourceResult] {
        var timings = FetchRunTimings()
        timings.sources = sources.count
        let started = FetchRunTimings.now()
        let cpuAtStart = (storing: FetchRunTimings.clock(CLOCK_THREAD_CPUTIME_ID), process: FetchRunTimings.clock(CLOCK_PROCESS_CPUTIME_ID))
        let db = try workspace.openDatabase()
        SnapshotVacuum.sweep(workspace, logger: logger)
        // One matcher for the run: every fetching thread reads it (building it costs more than a feed's matching).
        let matcher = PersonMatcher(roster: roster)
        let deriver = SeriesDeriver(roster: roster, archive: workspace.archive)  // one for the run: it fingerprints the roster
        let today = Day(unixSeconds: Int(now().timeIntervalSince1970))
        // The states as the run starts: only the run itself changes them, one source at a time.
        let states = try db.read { tx in
            try sources.map { try tx.sourceState($0.id) ?? SourceState(source: $0.id, kind: $0.kind.rawValue) }
        }
        timings.opening = FetchRunTimings.now() - started
        let queue = FetchQueue<Fetched>(capacity: 2 * batchSources)
        let lanes = FetchLanes(sources, perHost: connectionsPerHost, cores: ProcessInfo.processInfo.activeProcessorCount)
        let fetched = DispatchSemaphore(value: 0)
        nonisolated(unsafe) let run = self
        Thread.detachNewThread {
            run.fetchAll(sources, states: states, from: from, to: to, today: today, matcher: matcher, lanes: lanes, into: queue)
            fetched.signal()
        }
        defer {
            queue.stop()
            fetched.wait()
            // When every snapshot the run wrote is recorded, its ledger is removed: the next run's sweep has none
            // of this run's names to visit (it would visit each twice: young first, then decided).
            SnapshotLedger.end(archive: workspace.snapshotDirectory)
        }
        var results: [SourceResult?] = Array(repeating: nil, count: sources.count)
        var pending: [Fetched] = []
        var batchStarted = Date()
        while var item = timings.timing(\.waiting, { queue.take(waiting: lanes.storing(waits:)) }) {
            defer { progress?(item.index + 1, sources.count) }
            if pending.isEmpty { batchStarted = Date() }
            if item.source.kind == .trends, let batch = item.batch {
                do { try timings.timing(\.recording) { try importTrends(batch) } } catch {
                    item = failure(item.source, index: item.index, state: item.state, error: error)
                }
            }
            pending.append(item)
            // A batch is committed when it is full, old, or at least `batchMinimum` sources long while no fetched source
            // waits (the storing side has caught up: committing now costs the run nothing).
            if pending.count >= batchSources || Date().timeIntervalSince(batchStarted) >= batchSeconds
                || (pending.count >= batchMinimum && queue.isEmpty)
            {
                try commit(pending, into: db, deriver: deriver, results: &results, timings: &timings)
                pending = []
            }
        }
        try commit(pending, into: db, deriver: deriver, results: &results, timings: &timings)
        timings.total = FetchRunTimings.now() - started
        timings.storingCPU = FetchRunTimings.clock(CLOCK_THREAD_CPUTIME_ID) - cpuAtStart.storing
        timings.processCPU = FetchRunTimings.clock(CLOCK_PROCESS_CPUTIME_ID) - cpuAtStart.process
        logger.info("run timings", metadata: timings.metadata)
        timed?(timings)
        return results.map { $0! }
    }

    /// The fetching side of `run`: up to `connections` threads, each taking the next source its lane
    /// allows (`lanes`), fetching it, working out its items' sketches and mentions, hashing and
    /// compressing its snapshots (stored with its batch), then handing it on in the sources' order; stops
    /// early when the storing side stops.
    /// The work on responses takes the cores the storing thread (the run's critical path) leaves, and
    /// its core while it waits (`FetchLanes.storing(waits:)`).
    func fetchAll(
        _ sources: [SourceDefinition], states: [SourceState], from: Day?, to: Day?, today: Day, matcher: PersonMatcher, lanes: FetchLanes,
        into queue: FetchQueue<Fetched>
    ) {
        defer { queue.finish() }
        let threads = max(1, min(connections, sources.count))
        let done = DispatchGroup()
        nonisolated(unsafe) let run = self
        for _ in 0..<threads {
            done.enter()
            let thread = Thread {
                defer { done.leave() }
                FetchRun.yieldToStoring()
                let fetcher = SourceFetcher(client: run.client, credentials: run.credentials, roster: run.roster, pause: run.pause)
                let recorder = DocumentRecorder(matcher: matcher)
                while let index = lanes.next() {
                    guard !queue.isStopped else { return lanes.stop() }  // the storing side gave up: fetch nothing more
                    let item = run.fetch(
                        sources[index], index: index, state: states[index], from: from, to: to, today: today, fetcher: fetcher, recorder: recorder,
                        lanes: lanes)
                    guard queue.put(item, at: index) else { return lanes.stop() }
                }
            }
            thread.stackSize = 8 << 20  // as the main thread's: feeds are parsed there (libxml2 recurses)
            thread.start()
        }
        done.wait()
    }

    /// Lowers the calling fetching thread's priority by five steps of `nice` (Linux keeps a nice value per
    /// thread; threads it starts inherit it): when the cores are short, the storing thread, the run's critical
    /// path once the store is large (every source waits for its commit), gets them first.
    static func yieldToStoring() {
        #if os(Linux)
            errno = 0
            let current = getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)
            guard errno == 0 else { return }
            _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, min(19, current + 5))
        #endif
    }

    /// Fetches one source and prepares what storing it needs, with its snapshots packed; a failure is its own result.
    /// The source's lane place is given back before it returns: a feed's as soon as its response is in (the host's
    /// next request does not wait for this one's parsing), an API's after its last page.
    func fetch(
        _ source: SourceDefinition, index: Int, state: SourceState, from: Day?, to: Day?, today: Day, fetcher: SourceFetcher, recorder: DocumentRecorder,
        lanes: FetchLanes
    ) -> Fetched {
        var laneHeld = true
        func freeLane() {
            if laneHeld { lanes.done(index) }
            laneHeld = false
        }
        defer { freeLane() }
        var state = state
        state.lastAttempt = StoreTransaction.stamp()
        func prepared(_ batch: SourceBatch) throws -> Fetched {
            let prepared = batch.pages.map { $0.documents.map(recorder.prepare) }
            let packed = try batch.pages.map { try SnapshotArchive.Packed($0.data) }
            return Fetched(index: index, source: source, state: state, batch: batch, prepared: prepared, packed: packed)
        }
        do {
            // A feed's parsing takes its turn with the other work on responses; an API's pages are read as they
            // come (the next page's request depends on the last), at its pace, before its turn.
            if source.kind.isFeed {
                let response = try fetcher.feedResponse(source, state: state)
                freeLane()
                return try lanes.work(index) { try prepared(fetcher.feed(source, state: state, today: today, response: response)) }
            }
            let batch = try fetcher.fetch(source, state: state, from: from, to: to, today: today)
            return try lanes.work(index) { try prepared(batch) }
        } catch {
            return failure(source, index: index, state: state, error: error)
        }
    }

    /// Most requests in flight at once (threads fetching).
    public var connections = 8
    /// Most requests in flight at once to one feed host (an API takes one at a time whatever this says).
    public var connectionsPerHost = 1
    /// How many points written day by day the store keeps apart before moving them into the series' own
    /// (nil: `StoreTransaction.recentPointsFoldLimit(series:)` of the feed series stored).
    public var recentPointsFoldLimit: Int?
    /// How many days of source periods written day by day the store keeps apart before moving them into their
    /// sources' own (nil: `StoreTransaction.recentSourcePeriodsFoldDays`).
    public var recentSourcePeriodsFoldDays: Int?

    /// Most sources one transaction records.
    var batchSources: Int { 100 }
    /// Fewest sources a transaction records when it is committed early (see `run`).
    var batchMinimum: Int { 10 }
    /// Seconds of fetching after which a batch is committed, checked as sources arrive (a killed run
    /// loses the uncommitted batch and the sources queued behind it, each whole: their states are not
    /// updated, so the next run fetches them again).
    var batchSeconds: TimeInterval { 2 }

    /// A source fetched (or failed) and not yet committed.
    struct Fetched {
        let index: Int
        let source: SourceDefinition
        var state: SourceState
        /// Nil when the fetch failed (the state then says why).
        var batch: SourceBatch?
        /// Per page, its documents' sketches and mentions.
        var prepared: [[DocumentRecorder.Prepared]] = []
        /// Per page, its bytes hashed and compressed (stored with its batch: `commit`).
        var packed: [SnapshotArchive.Packed] = []
        /// Per page, its snapshot.
        var snapshots: [Snapshot] { packed.map(\.snapshot) }
        var failure: SourceResult?
    }

    /// A failed source: logged now, its state saved with the batch.
    func failure(_ source: SourceDefinition, index: Int, state: SourceState, error: any Error) -> Fetched {
        let transient = (error as? FetchError)?.isTransient ?? false
        let message = Credentials.redact("\(error)", credentials.value(source.keyVariable))
        var state = state
        state.lastFailure = StoreTransaction.stamp()
        state.lastError = message
        state.transient = transient
        logger.error("fetch failed", metadata: ["source": "\(source.id)", "error": "\(message)", "transient": "\(transient)"])
        return Fetched(
            index: index, source: source, state: state, batch: nil,
            failure: SourceResult(source: source.id, outcome: .failed, error: message, transient: transient))
    }

    /// Records a batch in one transaction with the series it touched and stores its snapshots not stored
    /// before in one pack, written on another thread meanwhile (the transaction commits once the pack is on
    /// disk). Its time goes to `timings` (recording, deriving, syncing, and the rest of the transaction as
    /// committing).
    func commit(
        _ pending: [Fetched], into db: GlareDatabase, deriver: SeriesDeriver, results: inout [SourceResult?], timings: inout FetchRunTimings
    ) throws {
        guard !pending.isEmpty else { return }
        // What the parts below do not take (a failed batch's sources committed one by one take their own).
        let (start, charged) = (FetchRunTimings.now(), timings.charged)
        defer { timings.committing += FetchRunTimings.now() - start - (timings.charged - charged) }
        timings.batches += 1
        let added: [Int]
        var pack: SnapshotArchive.PackWrite?
        do {
            let stamp = StoreTransaction.stamp()
            added = try db.write { tx -> [Int] in
                pack = try timings.timing(\.recording) { try packNewSnapshots(of: pending, in: tx) }
                let documentMark = try tx.documentWatermark()
                let spanMark = try tx.coverageSpanWatermark()
                var added: [Int] = []
                var scopes: [SeriesKind: Set<String>] = [:]
                var stored: [StoreTransaction.DocumentSketch] = []  // the documents the batch stored, as derivation reads them
                for p in pending {
                    guard let batch = p.batch else {
                        try tx.saveSourceState(p.state)
                        added.append(0)
                        continue
                    }
                    added.append(
                        try timings.timing(\.recording) {
                            try record(
                                p.source, batch: batch, prepared: p.prepared, snapshots: p.snapshots, packed: pack?.members ?? [:], state: p.state,
                                stamp: stamp, in: tx, stored: &stored)
                        })
                    // Only the series of the batch's sources: a cron run costs what it fetched, not everything ever stored.
                    let touched = Set(batch.pages.compactMap(\.countSource) + [p.source.countSeriesSource, DocumentSource(kind: .feed).prefix + p.source.id])
                    for kind in p.source.kind.seriesKinds { scopes[kind, default: []].formUnion(touched) }
                }
                try timings.timing(\.deriving) {
                    try derive(scopes, documentsAfter: documentMark, spansAfter: spanMark, stored: stored, deriver: deriver, in: tx)
                }
                // The snapshots the transaction records are on disk before it commits.
                try timings.timing(\.syncing) { try pack?.wait() }
                return added
            }
        } catch {
            // The pack's thread is done before anything else is tried (a pack no committed row names is the sweep's).
            try? pack?.wait()
            guard pending.count == 1, let p = pending.first else {
                for p in pending { try commit([p], into: db, deriver: deriver, results: &results, timings: &timings) }
                return
            }
            guard p.batch != nil else { throw error }  // saving a failure's state failed: the store is unusable
            let failed = failure(p.source, index: p.index, state: p.state, error: error)
            try db.write { try $0.saveSourceState(failed.state) }
            results[p.index] = failed.failure
            return
        }
        // Committed: the batch's pack is named by its rows (a Trends page's snapshots are its importer's, recorded apart).
        if let pack { SnapshotLedger.recorded([pack.name], archive: workspace.snapshotDirectory) }
        for (p, added) in zip(pending, added) {
            guard let batch = p.batch else {
                results[p.index] = p.failure
                continue
            }
            let documents = batch.pages.map { $0.documents.count + $0.counts.count }.reduce(0, +)
            logger.info(
                "fetched",
                metadata: [
                    "source": "\(p.source.id)", "documents": "\(documents)", "new": "\(added)", "not_modified": "\(batch.notModified)",
                ])
            for t in batch.truncated { logger.warning("truncated feed: complete items kept", metadata: ["source": "\(p.source.id)", "url": "\(t)"]) }
            for n in batch.notes { logger.info("note", metadata: ["source": "\(p.source.id)", "note": "\(n)"]) }
            results[p.index] = SourceResult(
                source: p.source.id, outcome: batch.notModified ? .notModified : .fetched, documents: documents,
                added: added, truncated: batch.truncated, notes: batch.notes)
        }
    }

    /// Starts writing, in one pack, the snapshots of a batch's pages that no row records yet, each once (a
    /// Trends page's are its importer's); nil when there are none.
    func packNewSnapshots(of pending: [Fetched], in tx: StoreTransaction) throws -> SnapshotArchive.PackWrite? {
        var seen = Set<String>()
        var new: [SnapshotArchive.Packed] = []
        for p in pending {
            for (page, packed) in zip(p.batch?.pages ?? [], p.packed) where page.trends == nil && seen.insert(packed.snapshot.sha256).inserted {
                if try tx.snapshot(sha256: packed.snapshot.sha256) == nil { new.append(packed) }
            }
        }
        return new.isEmpty ? nil : try workspace.archive.writePack(new)
    }

    /// Records one fetched source: documents, mentions, counts, coverage, state; a snapshot not recorded
    /// before is recorded where it lies in the batch's pack (`packed`). The documents stored are appended to
    /// `stored` (see `DocumentRecorder.record`).
    func record(
        _ source: SourceDefinition, batch: SourceBatch, prepared: [[DocumentRecorder.Prepared]], snapshots: [Snapshot],
        packed: [String: SnapshotArchive.PackMember], state: SourceState, stamp: String, in tx: StoreTransaction,
        stored: inout [StoreTransaction.DocumentSketch]
    ) throws -> Int {
        var added = 0
        var snapshotIds: [Int64?] = []
        for (n, (page, snapshot)) in zip(batch.pages, snapshots).enumerated() {
            guard page.trends == nil else {  // stored by the Trends importer (a Trends source's coverage is its own)
                snapshotIds.append(nil)
                continue
            }
            let record: SnapshotRecord
            if let stored = try tx.snapshot(sha256: snapshot.sha256) {
                record = stored
            } else if let member = packed[snapshot.sha256] {
                record = try tx.insertSnapshot(snapshot, kind: page.kind, originalName: page.url, packed: member)
            } else {
                throw StoreError.io(path: page.url, reason: "snapshot \(snapshot.sha256) was not stored")  // `packNewSnapshots` stores every one
            }
            snapshotIds.append(record.id)
            let countSource = page.countSource ?? source.countSeriesSource
            for c in page.counts {
                try tx.upsertSourceCount(source: countSource, person: c.person, day: c.day, value: c.value, total: c.total, snapshot: record.id)
            }
            for person in Set(page.contributes + page.counts.map(\.person)) {
                try tx.recordSourceInput(source: countSource, person: person, snapshot: record.id)
            }
            // Keyed by canonical link alone, so an item in two feeds is stored once.
            added += try DocumentRecorder.record(page.documents, prepared: prepared[n], snapshot: record, key: \.documentId, in: tx, stored: &stored)
        }
        try recordCoverage(source, batch: batch, snapshotIds: snapshotIds, stamp: stamp, in: tx)
        var s = batch.state
        s.lastAttempt = state.lastAttempt
        s.lastSuccess = stamp
        s.items += added
        s.lastItems = added
        try tx.saveSourceState(s)
        return added
    }

    /// Derives the series a batch touched, kind by kind in registry order. A feed's series are brought
    /// up to date on the days its new documents and coverage touch, when its stored series allow
    /// (`DocumentSource.deriveAddedDays`); the others are derived in full, within their scope. The
    /// documents the batch stored (`stored`, every one: see `DocumentRecorder.record`) are not read back:
    /// a feed brought up to date reads only its older documents of the days in question, and a feed
    /// derived in full that held no document before the batch is derived from them alone. Points and source
    /// periods written day by day are moved into the series' and sources' own once enough are held
    /// (`foldRecentSeriesPoints`, `foldRecentSourcePeriods`).
    func derive(
        _ scopes: [SeriesKind: Set<String>], documentsAfter: Int64, spansAfter: Int64, stored: [StoreTransaction.DocumentSketch],
        deriver: SeriesDeriver, in tx: StoreTransaction
    ) throws {
        let context = DerivationContext(tx: tx, roster: roster, archive: workspace.archive)
        // The batch's documents by database, in day and id order (as derivation reads documents).
        let batchDocuments = Dictionary(grouping: stored, by: \.database).mapValues(StoreTransaction.inDerivationOrder)
        for kind in SeriesKind.allCases {
            guard var scope = scopes[kind] else { continue }
            if kind == .feed {
                let feeds = DocumentSource(kind: .feed)
                // The spans the batch added, read once and only when some feed of it has series to bring up to date (a
                // new feed is derived in full: nothing to read for it).
                var spans: [String: [Range<Int>]]?
                var byDay = 0
                for entry in scope.sorted() where entry.hasPrefix(feeds.prefix) {
                    guard try tx.hasSeries(kind: kind.rawValue, source: entry) else { continue }
                    if spans == nil { spans = try tx.coverageSpansAdded(after: spansAfter) }
                    let database = String(entry.dropFirst(feeds.prefix.count))
                    if try feeds.deriveAddedDays(
                        context, database: database, added: batchDocuments[database] ?? [], spans: spans?[entry] ?? [],
                        documentWatermark: documentsAfter, rosterFingerprint: deriver.rosterFingerprint)
                    {
                        scope.remove(entry)
                        byDay += 1
                    }
                }
                let inFull = scope.filter { $0.hasPrefix(feeds.prefix) }.map { String($0.dropFirst(feeds.prefix.count)) }
                var inHand: [String: [StoreTransaction.DocumentSketch]] = [:]
                // (A name ending in `/stories` is read from the store: derivation takes that ending off.)
                for database in inFull where try !database.hasSuffix("/stories") && !tx.hasDocuments(database: database, upTo: documentsAfter) {
                    inHand[database] = batchDocuments[database] ?? []
                }
                // Points and source periods written day by day are kept apart (by period) until there are enough to move together.
                let folded =
                    byDay > 0
                    ? try tx.foldRecentSeriesPoints(
                        ifAtLeast: recentPointsFoldLimit ?? StoreTransaction.recentPointsFoldLimit(series: tx.seriesCount(kind: kind.rawValue))) : 0
                let foldedPeriods =
                    byDay > 0
                    ? try tx.foldRecentSourcePeriods(ifSpanningAtLeast: recentSourcePeriodsFoldDays ?? StoreTransaction.recentSourcePeriodsFoldDays) : 0
                logger.debug(
                    "feed series derived",
                    metadata: [
                        "by_day": "\(byDay)", "in_full": "\(inFull.count)", "from_the_batch": "\(inHand.count)", "recent_points_folded": "\(folded)",
                        "recent_periods_folded": "\(foldedPeriods)",
                    ])
                guard !inFull.isEmpty else { continue }
                _ = try deriver.derive([kind], in: tx, only: scope, documentsInHand: inHand)
                continue
            }
            _ = try deriver.derive([kind], in: tx, only: scope)
        }
    }

    /// Records what a fetch covered. A feed shows its latest items: a fetch at time t holding items back
    /// to day d covers the days after d up to t completely (items of day d itself may have scrolled off);
    /// a feed that has not changed since (304) covers the same span up to now; an empty feed covers
    /// nothing. A news API covers the days it was asked for, up to the fetch.
    func recordCoverage(
        _ source: SourceDefinition, batch: SourceBatch, snapshotIds: [Int64?], stamp: String = StoreTransaction.stamp(), in tx: StoreTransaction
    ) throws {
        let now = Int(self.now().timeIntervalSince1970)
        let series = DocumentSource(kind: .feed).prefix + source.id
        switch source.kind {
        case .rss, .atom:
            if batch.notModified {
                guard let last = try tx.latestCoverageSpan(source: series) else { return }
                try tx.insertCoverageSpan(
                    CoverageSpanRecord(
                        source: series, start: last.start, end: now, snapshotId: last.snapshotId,
                        how: "feed unchanged (304) at \(stamp)"))
                return
            }
            for (page, snapshotId) in zip(batch.pages, snapshotIds) {
                // The oldest item after the last gap of more than 30 days between items: one stale or evergreen
                // item (dated 1970, or a year back) must not claim the years in between.
                let days = Set(page.documents.map(\.day)).sorted()
                guard var oldest = days.first else { continue }
                for (a, b) in zip(days, days.dropFirst()) where a.distance(to: b) > 30 { oldest = b }
                try tx.insertCoverageSpan(
                    CoverageSpanRecord(
                        source: series, start: oldest.adding(days: 1).ordinal * 86_400, end: now, snapshotId: snapshotId,
                        how: "feed fetched at \(stamp), oldest item \(oldest.iso)"))
            }
        default:
            for span in batch.covered {
                try tx.insertCoverageSpan(
                    CoverageSpanRecord(
                        source: series, start: span.lowerBound, end: min(span.upperBound, now), snapshotId: nil,
                        how: "\(source.kind.rawValue) query fetched at \(stamp)"))
            }
        }
    }

    /// Trends responses go through the importer, so they are stitched like imported exports (one
    /// transaction per person; a response imported before is skipped).
    func importTrends(_ batch: SourceBatch) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("glare-trends-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let importer = TrendsImporter(roster: roster, rosterName: "roster", workspace: workspace, logger: logger)
        var byPerson: [String: (term: String, paths: [String])] = [:]
        for (i, page) in batch.pages.enumerated() {
            guard let (person, term) = page.trends else { continue }
            let path = folder.appendingPathComponent("trends-api-\(person)-\(i).json").path
            try page.data.write(to: URL(fileURLWithPath: path))
            byPerson[person, default: (term, [])].paths.append(path)
        }
        for (person, entry) in byPerson.sorted(by: { $0.key < $1.key }) {
            _ = try importer.importFiles(entry.paths, options: .init(person: person, terms: [entry.term]))
        }
    }

    /// The exit status of a run: 0 when every source was fine, 75 when every failure may pass by
    /// itself (cron may retry), 69 when a source is unavailable otherwise.
    public static func status(_ results: [SourceResult]) -> ExitStatus {
        let failed = results.filter { $0.outcome == .failed }
        if failed.isEmpty { return .ok }
        return failed.allSatisfy(\.transient) ? .temporaryFailure : .unavailable
    }
}
