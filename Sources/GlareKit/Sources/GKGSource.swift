import Foundation
import GlareCore
import GlareParsers
public import GlareStore

/// GDELT GKG: per person and day, the distinct articles (by URL) whose record names her (`gkg`,
/// `gkg-translingual`), with the day's distinct articles of the whole stream as the total; beside each,
/// the name occurrences (`…/mentions`).
///
/// Evidence: per processed file, its name index (a snapshot), its matches, and per-day URL hashes
/// while the day is incomplete (`GKGDayTotals`).
/// Coverage: per day, the 96 slots processed, absent from GDELT's master list, or failed
/// (`GKGDayCoverage`): a day is observed only when all 96 are accounted for and none failed; a day with
/// some slots processed is partial. `rematch` matches every stored name index again, offline.
public struct GKGSource: SeriesSource {
    public var kind: SeriesKind { .gkg }

    public init() {}

    public func rematch(_ context: DerivationContext) throws -> Int {
        let processor = GKGFileProcessor(matcher: GKGNameMatcher(roster: context.roster))
        var n = 0
        // Names repeat from file to file: each distinct one is folded once for the whole rebuild.
        var cache = GKGNameMatcher.NameCache()
        for f in try context.tx.gkgFiles() where f.status == .done {
            guard let sha = f.indexSHA256, let record = try context.tx.snapshot(sha256: sha) else { continue }
            let data = try context.archive.load(record), source = GKGNameIndex.source(file: f.name, sha256: sha)
            // Only the matches change with the roster; the URL hashes stay as stored. A version 2 index is
            // matched in place (names by their number in its string table); a version 1 one record by record.
            let matches =
                try GKGNameIndexTable(data, source: source).map { try processor.matches($0, cache: &cache) }
                ?? processor.matches(try GKGNameIndex.decode(data, source: source), cache: &cache)
            try context.tx.replaceGKGMatches(fileId: f.id, with: matches)
            n += 1
        }
        return n
    }

    public func derive(_ context: DerivationContext, only: Set<String>? = nil) throws -> [StoredSeries] {
        let tx = context.tx
        var series: [StoredSeries] = []
        for stream in try tx.gkgStreams() {
            // Every day whose files changed gets its exact distinct-article total; complete days drop their URL hashes.
            try GKGDayTotals(archive: context.archive).settle(tx, stream: stream)
            let coverage = try tx.gkgCoverage(stream: stream)
            guard let first = coverage.keys.min(), let last = coverage.keys.max() else { continue }
            let totals = try tx.gkgDayTotals(stream: stream)
            var articles: [String: [Day: Int]] = [:]
            var mentions: [String: [Day: Int]] = [:]
            for a in try tx.gkgArticleMentions(stream: stream) {
                articles[a.person, default: [:]][a.day, default: 0] += 1
                mentions[a.person, default: [:]][a.day, default: 0] += a.mentions
            }
            let days = (0...first.distance(to: last)).map { first.adding(days: $0) }
            for person in Set(context.matchablePeople).union(articles.keys).sorted() {
                for (source, counts, withTotal) in [(stream, articles[person] ?? [:], true), (stream + "/mentions", mentions[person] ?? [:], false)] {
                    var points: [Period: Observation] = [:], denominators: [Period: Double] = [:], covered: [Period: Coverage] = [:]
                    for day in days {
                        let c = coverage[day] ?? GKGDayCoverage()
                        covered[.day(day)] = c.coverage
                        // A failed slot or none processed: nothing to count. Some slots: a partial day.
                        guard c.hasData else { points[.day(day)] = .missing; continue }
                        points[.day(day)] = .value(Double(counts[day] ?? 0))
                        if withTotal, let t = totals[day] { denominators[.day(day)] = Double(t) }
                    }
                    let key = SeriesKey(person: person, source: source, measure: .news)
                    series.append(
                        StoredSeries(
                            series: AttentionSeries(key: key, resolution: .day, points: points, totals: denominators, coverage: covered),
                            term: nil, geo: nil, inputs: []))
                }
            }
        }
        return series
    }
}
