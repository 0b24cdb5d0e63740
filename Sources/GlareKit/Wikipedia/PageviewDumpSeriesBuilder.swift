import GlareCore
import GlareStore

/// Daily `views` series from imported hourly dump files: per person, the sum of her titles' hours,
/// with the edition's total; a day with fewer than 24 imported hours, or whose files hold no line of
/// the edition, is missing. Series exist for
/// the roster's confirmed titles only (a title without views in an observed day is 0 there).
public struct PageviewDumpSeriesBuilder: Sendable {
    public static let prefixes = ["wikipedia-pagecounts:", "wikipedia-pageviews:"]

    /// (language, person) pairs with a confirmed title: only these get series.
    public let titles: Set<String>

    public init(roster: Roster) {
        titles = Set(roster.people.flatMap { p in p.wikipedia.keys.map { $0 + "\t" + p.id } })
    }

    public func rebuild(_ tx: StoreTransaction) throws {
        let hours = try tx.pageviewHours()
        for prefix in Self.prefixes {
            let series = String(prefix.dropLast())
            var out: [StoredSeries] = []
            let imported = hours[series] ?? []
            var perDay: [Day: Int] = [:]
            for h in imported { if let d = Day(compact: h) { perDay[d, default: 0] += 1 } }
            let days = Array(perDay.keys)
            guard let first = days.min(), let last = days.max() else {
                try tx.replaceSeries(measure: .views, sourcePrefix: prefix, with: [])
                continue
            }
            var byKey: [String: [String: Double]] = [:]                  // "lang\tperson" -> day -> views
            for v in try tx.pageviewViews(series: series) {
                guard let day = Day(compact: v.hour) else { continue }
                byKey[v.lang + "\t" + v.person, default: [:]][day.iso, default: 0] += v.views
            }
            for pair in titles.sorted() {
                let parts = pair.split(separator: "\t").map(String.init)
                let (lang, person) = (parts[0], parts[1])
                do {
                    let counts = byKey[lang + "\t" + person] ?? [:], totals = byKey[lang + "\t*"] ?? [:]
                    var points: [Period: Observation] = [:], denominators: [Period: Double] = [:]
                    for offset in 0...first.distance(to: last) {
                        let day = first.adding(days: offset)
                        // Missing unless all 24 hours are in, and the files carry the edition at all.
                        guard perDay[day] == 24, (totals[day.iso] ?? 0) > 0 else {
                            points[.day(day)] = .missing
                            continue
                        }
                        points[.day(day)] = .value(counts[day.iso] ?? 0)
                        denominators[.day(day)] = totals[day.iso] ?? 0
                    }
                    out.append(StoredSeries(series: AttentionSeries(key: SeriesKey(person: person, source: prefix + lang, measure: .views), resolution: .day,
                                                                    points: points, totals: denominators), term: nil, geo: nil, inputs: []))
                }
            }
            try tx.replaceSeries(measure: .views, sourcePrefix: prefix, with: out)
        }
    }
}
