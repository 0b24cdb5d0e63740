import GlareCore
import GlareStore

/// Derives the GDELT news series from the stored matches: per person and day, the distinct articles
/// (by URL) whose record names her (`gkg`, `gkg-translingual`), with the day's distinct articles of the
/// whole stream as the total; and beside each, the name occurrences (`gkg/mentions`). A day is observed
/// when at least one of its files was processed and none failed; other days are missing, never zero.
public struct GKGSeriesBuilder: Sendable {
    public static let sourcePrefix = "gkg"

    /// Everyone the series are built for (a person never named gets a series of zeros on observed days).
    public let people: [String]

    public init(people: [String]) { self.people = people }

    public init(roster: Roster) { self.init(people: roster.people.filter(\.matchable).map(\.id)) }

    public func rebuild(_ tx: StoreTransaction) throws {
        var series: [StoredSeries] = []
        for stream in try tx.gkgStreams() {
            try tx.updateGKGDayTotals(stream: stream)
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
            for person in Set(people).union(articles.keys).sorted() {
                for (source, counts, withTotal) in [(stream, articles[person] ?? [:], true), (stream + "/mentions", mentions[person] ?? [:], false)] {
                    var points: [Period: Observation] = [:], denominators: [Period: Double] = [:]
                    for day in days {
                        guard coverage[day]?.observed == true else { points[.day(day)] = .missing; continue }
                        points[.day(day)] = .value(Double(counts[day] ?? 0))
                        if withTotal, let t = totals[day] { denominators[.day(day)] = Double(t) }
                    }
                    let key = SeriesKey(person: person, source: source, measure: .news)
                    series.append(StoredSeries(series: AttentionSeries(key: key, resolution: .day, points: points, totals: denominators),
                                               term: nil, geo: nil, inputs: []))
                }
            }
        }
        try tx.replaceSeries(measure: .news, sourcePrefix: Self.sourcePrefix, with: series)
    }
}
