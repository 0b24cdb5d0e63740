public import Foundation
public import GlareCore
public import GlareFetch
import GlareStore
public import Logging

/// `glare fetch`: every enabled source of the sources file (or the ones named), each fetched, its
/// responses stored as snapshots (temporary file, sync, rename) before the one transaction that records
/// them with the documents, mentions, the source's new state and the rebuilt series. A crash at any
/// point leaves either all of a source's run or none of it; an item seen again (in a later run or in
/// another feed) is stored once, by its link.
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

    /// Fetches the sources in order; failures are per source, in the results.
    public func run(_ sources: [SourceDefinition], from: Day? = nil, to: Day? = nil) throws -> [SourceResult] {
        let db = try workspace.openDatabase()
        SnapshotVacuum.sweep(workspace, logger: logger)
        let fetcher = SourceFetcher(client: client, credentials: credentials, roster: roster, pause: pause)
        let recorder = DocumentRecorder(roster: roster)
        let today = Day(unixSeconds: Int(now().timeIntervalSince1970))
        var results: [SourceResult] = []
        for source in sources {
            defer { progress?(results.count, sources.count) }
            var state = try db.read { try $0.sourceState(source.id) } ?? SourceState(source: source.id, kind: source.kind.rawValue)
            state.lastAttempt = StoreTransaction.stamp()
            do {
                let batch = try fetcher.fetch(source, state: state, from: from, to: to, today: today)
                if source.kind == .trends { try importTrends(batch) }
                let snapshots = try batch.pages.map { try workspace.archive.store($0.data) }
                let added = try db.write { tx -> Int in
                    var added = 0
                    for (page, snapshot) in zip(batch.pages, snapshots) {
                        guard page.trends == nil else { continue }  // stored by the Trends importer
                        let record = try tx.snapshot(sha256: snapshot.sha256) ?? tx.insertSnapshot(snapshot, kind: page.kind, originalName: page.url)
                        let countSource = page.countSource ?? source.countSeriesSource
                        for c in page.counts {
                            try tx.upsertSourceCount(source: countSource, person: c.person, day: c.day, value: c.value, total: c.total, snapshot: record.id)
                        }
                        for person in Set(page.contributes + page.counts.map(\.person)) {
                            try tx.recordSourceInput(source: countSource, person: person, snapshot: record.id)
                        }
                        // Keyed by canonical link alone, so an item in two feeds is stored once.
                        added += try recorder.record(page.documents, snapshot: record, key: \.documentId, in: tx)
                    }
                    try recordCoverage(source, batch: batch, snapshots: snapshots, in: tx)
                    var s = batch.state
                    s.lastAttempt = state.lastAttempt
                    s.lastSuccess = StoreTransaction.stamp()
                    s.items += added
                    s.lastItems = added
                    try tx.saveSourceState(s)
                    // Only this source's series: a cron run costs what it fetched, not everything ever stored.
                    let touched = Set(batch.pages.compactMap(\.countSource) + [source.countSeriesSource, DocumentSource(kind: .feed).prefix + source.id])
                    _ = try SeriesDeriver(roster: roster, archive: workspace.archive).derive(source.kind.seriesKinds, in: tx, only: touched)
                    return added
                }
                let documents = batch.pages.map { $0.documents.count + $0.counts.count }.reduce(0, +)
                logger.info(
                    "fetched",
                    metadata: [
                        "source": "\(source.id)", "documents": "\(documents)", "new": "\(added)",
                        "not_modified": "\(batch.notModified)",
                    ])
                for t in batch.truncated { logger.warning("truncated feed: complete items kept", metadata: ["source": "\(source.id)", "url": "\(t)"]) }
                for n in batch.notes { logger.info("note", metadata: ["source": "\(source.id)", "note": "\(n)"]) }
                results.append(
                    SourceResult(
                        source: source.id, outcome: batch.notModified ? .notModified : .fetched, documents: documents,
                        added: added, truncated: batch.truncated, notes: batch.notes))
            } catch {
                let transient = (error as? FetchError)?.isTransient ?? false
                let message = Credentials.redact("\(error)", credentials.value(source.keyVariable))
                state.lastFailure = StoreTransaction.stamp()
                state.lastError = message
                state.transient = transient
                try db.write { try $0.saveSourceState(state) }
                logger.error("fetch failed", metadata: ["source": "\(source.id)", "error": "\(message)", "transient": "\(transient)"])
                results.append(SourceResult(source: source.id, outcome: .failed, error: message, transient: transient))
            }
        }
        return results
    }

    /// Records what a fetch covered. A feed shows its latest items: a fetch at time t holding items back
    /// to day d covers the days after d up to t completely (items of day d itself may have scrolled off);
    /// a feed that has not changed since (304) covers the same span up to now; an empty feed covers
    /// nothing. A news API covers the days it was asked for, up to the fetch.
    func recordCoverage(_ source: SourceDefinition, batch: SourceBatch, snapshots: [Snapshot], in tx: StoreTransaction) throws {
        let now = Int(self.now().timeIntervalSince1970)
        let series = DocumentSource(kind: .feed).prefix + source.id
        let stamp = StoreTransaction.stamp()
        switch source.kind {
        case .rss, .atom:
            if batch.notModified {
                guard let last = try tx.coverageSpans(prefix: series).last(where: { $0.source == series }) else { return }
                try tx.insertCoverageSpan(
                    CoverageSpanRecord(
                        source: series, start: last.start, end: now, snapshotId: last.snapshotId,
                        how: "feed unchanged (304) at \(stamp)"))
                return
            }
            for (page, snapshot) in zip(batch.pages, snapshots) {
                // The oldest item after the last gap of more than 30 days between items: one stale or evergreen
                // item (dated 1970, or a year back) must not claim the years in between.
                let days = Set(page.documents.map(\.day)).sorted()
                guard var oldest = days.first else { continue }
                for (a, b) in zip(days, days.dropFirst()) where a.distance(to: b) > 30 { oldest = b }
                let record = try tx.snapshot(sha256: snapshot.sha256)
                try tx.insertCoverageSpan(
                    CoverageSpanRecord(
                        source: series, start: oldest.adding(days: 1).ordinal * 86_400, end: now, snapshotId: record?.id,
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
