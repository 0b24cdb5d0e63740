import GlareCore
import GlareStore

extension DocumentSource {
    /// The most days one run's new evidence may touch before deriving the database in full is simpler.
    static let addedDaysLimit = 400

    /// Derives a fetched database's series again only on the days that evidence stored after the
    /// watermarks can change, and writes just those points: what `derive` would store for the database,
    /// without reading every document it ever stored.
    ///
    /// The days are those of the new documents, those the new coverage spans touch, and every day of a
    /// story holding a new document (a story counts on its earliest copy's day, so a new copy can move
    /// an old story). Stories are connected groups of copies at most a day apart, so the documents are
    /// read day by day outward until every story touching those days is whole. Other days keep their
    /// stored points: their documents, coverage and stories are what they were. Days the calendar gains
    /// between the stored series and the new days are uncovered and missing.
    ///
    /// `added` is every document stored after `documentWatermark` in this database, as derivation reads them,
    /// in day and id order (the caller has just stored them); the older ones are read from the store.
    /// `rosterFingerprint` is the context roster's, when the caller has it (it costs more than a day's derivation).
    /// Returns false, having written nothing, when the stored series cannot be extended this way (no
    /// series yet, another roster, a person the stored series lack, documents dated after the coverage,
    /// a stored calendar the new one does not contain): the caller then derives the database in full.
    func deriveAddedDays(
        _ context: DerivationContext, database: String, added: [Document], spans: [Range<Int>], documentWatermark: Int64,
        rosterFingerprint: String? = nil
    ) throws -> Bool {
        guard kind == .feed else { return false }
        let tx = context.tx
        let sources = [prefix + database, prefix + database + "/stories"]
        let rows = try sources.map { try tx.seriesRows(kind: kind.rawValue, source: $0) }
        let hash = kind.dependsOnRoster ? rosterFingerprint ?? RosterFingerprint.of(context.roster) : nil
        let people = Set(rows[0].map(\.person))
        // Series kept by their source's periods, or all point by point (a store from before keeps the latter until a
        // derivation in full replaces them); twins kept differently are derived in full.
        let bySource = rows[0].first?.bySource ?? false
        guard !people.isEmpty, Set(rows[1].map(\.person)) == people, rows[0].count == people.count, rows[1].count == people.count,
            rows.joined().allSatisfy({ $0.rosterHash == hash && $0.bySource == bySource }), Set(context.matchablePeople).isSubset(of: people),
            Set(added.flatMap(\.people)).isSubset(of: people)
        else { return false }

        // The days whose own evidence changed.
        var changed = Set(added.map(\.day))
        for span in spans {
            let (first, last) = (Day(unixSeconds: span.lowerBound), Day(unixSeconds: span.upperBound - 1))
            guard first.distance(to: last) < Self.addedDaysLimit else { return false }
            for i in 0...first.distance(to: last) { changed.insert(first.adding(days: i)) }
        }
        guard !changed.isEmpty else { return true }
        guard changed.count <= Self.addedDaysLimit else { return false }

        // The calendar `derive` would give both series: from the first covered or dated day to the last covered one.
        guard let coverage = try tx.coverageBounds(source: sources[0]) else { return false }
        var first = Day(unixSeconds: coverage.start)
        let last = Day(unixSeconds: coverage.end - 1)
        if let dated = try tx.documentDayBounds(database: database, formats: Self.fetchedFormats) {
            // A document after the last covered day may start the stories series' last day, or not; an archive
            // download's document may end the database's days: derive in full.
            guard !dated.mixed, let a = Day(iso: dated.first), let b = Day(iso: dated.last), b <= last else { return false }
            first = min(first, a)
        }
        var stored: [ClosedRange<Day>] = []
        for (source, r) in zip(sources, rows) {
            guard let bounds = try bySource ? tx.sourcePeriodBounds(source: source) : tx.seriesPeriodBounds(seriesId: r[0].id),
                let a = Day(iso: bounds.first), let b = Day(iso: bounds.last), first <= a, b <= last
            else { return false }
            stored.append(a...b)
        }

        // Read outward until every story touching the affected days is whole (copies are at most a day apart).
        var affected = changed
        var loaded = Set<Day>()
        var docs: [Document] = []
        var story: [Int64: (Int64, Day)] = [:]
        while true {
            var groups: [Int64: [Document]] = [:]
            for d in docs { groups[story[d.id]!.0, default: []].append(d) }
            var grown = affected
            for g in groups.values where g.contains(where: { $0.id > documentWatermark }) { grown.formUnion(g.map(\.day)) }
            var need = Set<Day>()
            for d in grown { need.formUnion([d.adding(days: -1), d, d.adding(days: 1)]) }
            for g in groups.values where g.contains(where: { grown.contains($0.day) }) {
                for d in g { need.formUnion([d.day.adding(days: -1), d.day, d.day.adding(days: 1)]) }
            }
            if grown == affected && need.isSubset(of: loaded) { break }
            affected = grown
            loaded.formUnion(need)
            guard loaded.count <= 3 * Self.addedDaysLimit else { return false }
            // Both parts are in derivation order: sorted together only when the store holds some of these days' documents.
            let older = try tx.documentSketches(database: database, days: loaded, upTo: documentWatermark)
            let new = added.filter { loaded.contains($0.day) }
            docs = (older.isEmpty ? new : StoreTransaction.inDerivationOrder(older + new)).filter { owns(format: $0.format) }
            story = Self.stories(docs)
        }

        // Each series gets the affected days, and the days its calendar gains (uncovered, so missing).
        let covered = CoveredSpans(
            try tx.coverageSpans(source: sources[0], overlapping: affected.min()!.ordinal * 86_400, (affected.max()!.ordinal + 1) * 86_400)
        ).days()
        var writes: [(source: String, series: [(seriesId: Int64, series: AttentionSeries)], periods: Set<Period>)] = []
        for (n, source) in sources.enumerated() {
            var write = affected.filter { (first...last).contains($0) }
            for i in 0...first.distance(to: last) where !stored[n].contains(first.adding(days: i)) { write.insert(first.adding(days: i)) }
            let dayCoverage = Dictionary(
                uniqueKeysWithValues: write.map {
                    (
                        Period.day($0),
                        affected.contains($0) ? covered[$0] ?? Coverage(covered: 0, units: 24, unit: "hours") : Coverage(covered: 0, units: 24, unit: "hours")
                    )
                })
            let series =
                n == 0
                ? count(docs, people: people, coverage: dayCoverage, source: source) { ($0.id, $0.day) }
                : count(docs, people: people, coverage: dayCoverage, source: source) { story[$0.id]! }
            let ids = Dictionary(uniqueKeysWithValues: rows[n].map { ($0.person, $0.id) })
            let periods = Set(write.map { Period.day($0) })
            writes.append((source, series.map { (seriesId: ids[$0.series.key.person]!, series: $0.series) }, periods))
        }
        // Series kept by their source's periods must still share them (they do, as `count` makes them); should they not,
        // nothing is written and the feed is derived in full.
        if bySource && !writes.allSatisfy({ StoreTransaction.sharePeriods($0.series.map(\.series)) }) { return false }
        for w in writes {
            if bySource {
                try tx.replaceSourcePeriods(source: w.source, series: w.series, at: w.periods)
            } else {
                try tx.replaceSeriesPoints(w.series, at: w.periods)
            }
        }
        return true
    }
}
