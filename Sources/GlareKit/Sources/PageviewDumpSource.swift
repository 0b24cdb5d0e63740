import Foundation
import GlareCore
import GlareParsers
public import GlareStore

/// Wikimedia hourly dump files: per person and edition, the daily sum of the hourly views of her
/// confirmed titles, with the edition's total (`wikipedia-pagecounts:<lang>`, `wikipedia-pageviews:<lang>`;
/// the two series count differently and stay apart).
///
/// Evidence: per file, an extract (the lines of the roster's titles and alias-titles, and each
/// edition's total) kept as a snapshot. Coverage: the hours of a day imported, of 24: a day with fewer
/// is partial; a day whose files hold no line of the edition is missing. `rematch` reads every extract
/// again with the roster's confirmed titles. Series exist for people with a confirmed title in the
/// edition (a title without views on an observed day is 0 there).
public struct PageviewDumpSource: SeriesSource {
    public var kind: SeriesKind { .pageviewDump }

    /// The series source prefixes, one per dump series.
    public static let prefixes = ["wikipedia-pagecounts:", "wikipedia-pageviews:"]

    public init() {}

    /// An extract's views per edition and person (person `*`: the edition's total).
    static func views(extract: Data, mobile: Bool, titles: PageviewTitles) -> [(lang: String, person: String, views: Double)] {
        var views: [String: Double] = [:]
        var totals: [(String, String, Double)] = []
        for raw in extract.split(separator: 0x0A, omittingEmptySubsequences: true) {
            let line = ArraySlice(raw)
            if line.first == UInt8(ascii: "#") {
                let parts = String(decoding: line, as: UTF8.self).split(separator: " ")
                if parts.count == 3, parts[0] == "#total", let v = Double(parts[2]) { totals.append((String(parts[1]), "*", v)) }
                continue
            }
            guard let l = PageviewDumpLine.parse(line, foldingMobile: mobile), let person = titles.person(l) else { continue }
            views[l.project + "\t" + person, default: 0] += l.views
        }
        return totals
            + views.sorted { $0.key < $1.key }.map { key, v in
                let parts = key.split(separator: "\t", maxSplits: 1)
                return (String(parts[0]), String(parts[1]), v)
            }
    }

    public func rematch(_ context: DerivationContext) throws -> Int {
        let titles = PageviewTitles(roster: context.roster)
        var n = 0
        for f in try context.tx.pageviewFiles() {
            guard let record = try context.tx.snapshot(id: f.snapshotId) else { continue }
            let views = Self.views(extract: try context.archive.load(record), mobile: f.series == "wikipedia-pageviews", titles: titles)
            try context.tx.replacePageviewHour(series: f.series, hour: f.hour, views: views)
            n += 1
        }
        return n
    }

    /// Per dump series: the hours of each day imported.
    func hours(_ tx: StoreTransaction) throws -> [String: [Day: Int]] {
        var out: [String: [Day: Int]] = [:]
        for (series, hours) in try tx.pageviewHours() {
            for h in hours { if let d = Day(compact: h) { out[series, default: [:]][d, default: 0] += 1 } }
        }
        return out
    }

    public func derive(_ context: DerivationContext, only: Set<String>? = nil) throws -> [StoredSeries] {
        let titles = Set(context.roster.people.flatMap { p in p.wikipedia.keys.map { $0 + "\t" + p.id } })
        let hours = try hours(context.tx)
        var out: [StoredSeries] = []
        for prefix in Self.prefixes {
            let series = String(prefix.dropLast())
            let perDay = hours[series] ?? [:]
            guard let first = perDay.keys.min(), let last = perDay.keys.max() else { continue }
            var byKey: [String: [Day: Double]] = [:]  // "lang\tperson" -> day -> views
            for v in try context.tx.pageviewViews(series: series) {
                guard let day = Day(compact: v.hour) else { continue }
                byKey[v.lang + "\t" + v.person, default: [:]][day, default: 0] += v.views
            }
            for pair in titles.sorted() {
                let parts = pair.split(separator: "\t").map(String.init)
                let (lang, person) = (parts[0], parts[1])
                let counts = byKey[lang + "\t" + person] ?? [:], totals = byKey[lang + "\t*"] ?? [:]
                var points: [Period: Observation] = [:], denominators: [Period: Double] = [:], covered: [Period: Coverage] = [:]
                for offset in 0...first.distance(to: last) {
                    let day = first.adding(days: offset)
                    let c = Coverage(covered: perDay[day] ?? 0, units: 24, unit: "hours")
                    covered[.day(day)] = c
                    // Missing when no hour is in, or the files do not carry the edition at all; partial under 24 hours.
                    guard c.covered > 0, (totals[day] ?? 0) > 0 else { points[.day(day)] = .missing; continue }
                    points[.day(day)] = .value(counts[day] ?? 0)
                    denominators[.day(day)] = totals[day] ?? 0
                }
                out.append(
                    StoredSeries(
                        series: AttentionSeries(
                            key: SeriesKey(person: person, source: prefix + lang, measure: .views), resolution: .day,
                            points: points, totals: denominators, coverage: covered),
                        term: nil, geo: nil, inputs: []))
            }
        }
        return out
    }
}
