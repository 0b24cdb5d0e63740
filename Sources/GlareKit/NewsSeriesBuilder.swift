import GlareCore
import GlareStore

/// Derives the `archive:<database>` news series from the stored documents: per person and day, the
/// documents that mention her, with the documents stored for that day as the total. An archive
/// download is a search result, not a census: days between a database's first and last document are
/// observed (zero when nothing matched), days outside are missing.
///
/// Beside each, `archive:<database>/stories` counts distinct stories instead of documents: reprints
/// of one wire story (near-duplicates on the same or adjacent days, `SyndicationDetector`) count once,
/// on the day the earliest copy appeared.
///
/// Documents fetched from feeds and news APIs (`glare fetch`) give `feed:<source id>` series the same way.
public struct NewsSeriesBuilder: Sendable {
    public static let sourcePrefix = "archive:"
    public static let fetchedPrefix = "feed:"
    /// Document formats that come from `glare fetch` rather than an imported download.
    public static let fetchedFormats: Set<String> = ["rss", "atom", "guardian", "nyt-archive", "gdelt-doc"]

    public init() {}

    typealias Document = (id: Int64, database: String, format: String, day: Day, sketch: StorySketch?, people: [String])

    public func rebuild(_ tx: StoreTransaction) throws {
        let all = try tx.documentSketches()
        for prefix in [Self.sourcePrefix, Self.fetchedPrefix] {
            let documents = all.filter { Self.fetchedFormats.contains($0.format) == (prefix == Self.fetchedPrefix) }
            var series: [StoredSeries] = []
            for database in Set(documents.map(\.database)).sorted() {
                let docs = documents.filter { $0.database == database }
                series += count(docs, source: prefix + database) { (String($0.id), $0.day) }
                let story = stories(docs)
                series += count(docs, source: prefix + database + "/stories") { story[$0.id]! }
            }
            try tx.replaceSeries(measure: .news, sourcePrefix: prefix, with: series.sorted { $0.series.key < $1.series.key })
        }
    }

    /// Each document's story and the day the story counts on (its earliest copy's). A document
    /// without text (a withheld body) is a story of its own.
    func stories(_ docs: [Document]) -> [Int64: (String, Day)] {
        let withText = docs.filter { $0.sketch != nil }
        let ids = SyndicationDetector().stories(withText.map { .init(id: String($0.id), day: $0.day, sketch: $0.sketch!) })
        var storyOf: [Int64: String] = [:]
        for (d, s) in zip(withText, ids) { storyOf[d.id] = s }
        var storyDay: [String: Day] = [:]
        for d in docs {
            let s = storyOf[d.id] ?? "document:\(d.id)"
            storyDay[s] = min(storyDay[s] ?? d.day, d.day)
        }
        var out: [Int64: (String, Day)] = [:]
        for d in docs {
            let s = storyOf[d.id] ?? "document:\(d.id)"
            out[d.id] = (s, storyDay[s]!)
        }
        return out
    }

    /// Per person and day, the distinct units (documents or stories) that mention her, with all units
    /// of the day as the total, over the database's span of days.
    func count(_ docs: [Document], source: String, unit: (Document) -> (String, Day)) -> [StoredSeries] {
        guard let first = docs.map(\.day).min(), let last = docs.map(\.day).max() else { return [] }
        var totals: [Day: Set<String>] = [:]
        var byPerson: [String: [Day: Set<String>]] = [:]
        for d in docs {
            let (u, day) = unit(d)
            totals[day, default: []].insert(u)
            for p in d.people { byPerson[p, default: [:]][day, default: []].insert(u) }
        }
        let days = (0...first.distance(to: last)).map { first.adding(days: $0) }
        return byPerson.map { person, counts in
            var points: [Period: Observation] = [:], denominators: [Period: Double] = [:]
            for day in days {
                points[.day(day)] = .value(Double(counts[day]?.count ?? 0))
                denominators[.day(day)] = Double(totals[day]?.count ?? 0)
            }
            let key = SeriesKey(person: person, source: source, measure: .news)
            return StoredSeries(series: AttentionSeries(key: key, resolution: .day, points: points, totals: denominators),
                                term: nil, geo: nil, inputs: [])
        }
    }
}
