public import GlareCore
public import GlareStore

/// Derives the series of some kinds from stored evidence inside one transaction, replaces the kinds'
/// stored series, and says what changed. Importers call it for the kinds they fed; `glare rebuild`
/// for every kind, after matching all evidence again.
public struct SeriesDeriver {
    public let roster: Roster
    public let archive: SnapshotArchive
    /// How Trends exports are stitched.
    public var stitching: TrendsStitcher.Configuration

    /// The roster's fingerprint, stamped on the series of kinds that depend on it (worked out once).
    public let rosterFingerprint: String

    public init(roster: Roster, archive: SnapshotArchive, stitching: TrendsStitcher.Configuration = .init()) {
        self.roster = roster
        self.archive = archive
        self.stitching = stitching
        rosterFingerprint = RosterFingerprint.of(roster)
    }

    /// The registry's source for a kind, with this deriver's settings.
    func source(_ kind: SeriesKind) -> any SeriesSource {
        kind == .trends ? TrendsSource(configuration: stitching) : kind.source
    }

    /// Derives `kinds` (in registry order); with `rematch`, first matches their evidence again. With
    /// `only`, just the series of those series sources (with their twins, see `covers`) are
    /// derived and replaced: what one fetch or import touched, not everything ever stored.
    ///
    /// `documentsInHand`: documents the caller holds, by database (see `DerivationContext.documentsInHand`).
    public func derive(
        _ kinds: [SeriesKind], in tx: StoreTransaction, rematch: Bool = false, only: Set<String>? = nil,
        documentsInHand: [String: [StoreTransaction.DocumentSketch]] = [:]
    ) throws -> [KindChange] {
        precondition(!rematch || documentsInHand.isEmpty, "documents in hand hold the mentions found before matching again")
        var context = DerivationContext(tx: tx, roster: roster, archive: archive)
        context.documentsInHand = documentsInHand
        var changes: [KindChange] = []
        for kind in SeriesKind.allCases where kinds.contains(kind) {
            let source = source(kind)
            var change = KindChange(kind: kind)
            if rematch { change.rematched = try source.rematch(context) }
            let inScope = { (key: SeriesKey) in only.map { Self.covers($0, key.source) } ?? true }
            let unsorted = try source.derive(context, only: only).filter { inScope($0.series.key) }
            let derived = Self.sortedByKey(unsorted)
            // Scoped, only the stored series of the sources in scope are read back.
            let storedSources = try only.map { scope in
                // Every source `covers` takes in begins with its scope entry (twins and a table's sources follow it).
                try tx.seriesSources(kind: kind.rawValue, prefixes: scope).filter { Self.covers(scope, $0) }
            }
            let before = Dictionary(
                try tx.series(kind: kind.rawValue, partialPeriods: true, sources: storedSources).filter { inScope($0.series.key) }.map {
                    ($0.series.key, $0)
                },
                uniquingKeysWith: { a, _ in a })
            let hash = kind.dependsOnRoster ? rosterFingerprint : nil
            var seen = Set<SeriesKey>()
            var restamp = false
            for s in derived {
                let key = s.series.key
                guard seen.insert(key).inserted else { throw StoreError.duplicateSeries(key.description) }
                guard let old = before[key] else { change.added.append(key); continue }
                if old.series == s.series && old.inputs == s.inputs { change.unchanged += 1 } else { change.changed.append(key) }
                restamp = restamp || old.rosterHash != hash
            }
            change.removed = before.keys.filter { !seen.contains($0) }.sorted()
            if !change.isEmpty || restamp {
                // Scoped, the series to delete are those stored in scope (deleting a source with none stored does nothing).
                try tx.replaceSeries(kind: kind.rawValue, sources: storedSources, with: derived, rosterHash: hash, bySource: kind.keptBySourcePeriods)
            }
            changes.append(change)
        }
        return changes
    }

    /// Series in key order (person, source, measure), sorted through their positions (moving whole series about
    /// cost more than the comparisons) and by the ranks of the keys' distinct texts: a fetch's batch derives
    /// thousands of series over a few dozen people and sources, and comparing strings was most of the sort.
    public static func sortedByKey(_ series: [StoredSeries]) -> [StoredSeries] {
        func ranks(_ texts: some Sequence<String>) -> [String: Int] {
            Dictionary(uniqueKeysWithValues: Set(texts).sorted().enumerated().map { ($1, $0) })
        }
        let keys = series.map(\.series.key)
        let (people, sources, measures) = (ranks(keys.map(\.person)), ranks(keys.map(\.source)), ranks(keys.map(\.measure.rawValue)))
        let ranked = keys.map { (people[$0.person]!, sources[$0.source]!, measures[$0.measure.rawValue]!) }
        return ranked.indices.sorted { ranked[$0] < ranked[$1] }.map { series[$0] }
    }

    /// Whether a scope entry (`feed:wire`) takes in a series source: itself, its `/stories` and `/mentions`
    /// twins, and for an imported table (`counts:NAME`) the sources a Glare export brought under it. Nothing
    /// else: a database may be named `ProQuest/Hist` beside `ProQuest`, and one must not take in the other.
    ///
    /// Set lookups only (the source's own prefixes), not a pass over the scope: a fetch batch's scope holds
    /// every feed of the batch, and each of their series is checked against it.
    public static func covers(_ scope: Set<String>, _ source: String) -> Bool {
        if scope.contains(source) { return true }
        for twin in ["/stories", "/mentions"] where source.hasSuffix(twin) {
            if scope.contains(String(source.dropLast(twin.count))) { return true }
        }
        guard source.hasPrefix("counts:") else { return false }
        var i = source.startIndex
        while let slash = source[i...].firstIndex(of: "/") {
            if scope.contains(String(source[..<slash])) { return true }
            i = source.index(after: slash)
        }
        return false
    }
}
