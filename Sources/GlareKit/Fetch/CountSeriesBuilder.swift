import GlareCore
import GlareStore

/// Series from the counts APIs report themselves (`mediacloud:<id>`, `gdelt-doc:<id>`): their
/// matching, not Glare's, so kept as sources of their own. A day the API reported is observed (zero
/// included); a day it did not report is missing.
public struct CountSeriesBuilder: Sendable {
    public static let prefixes = [SourceDefinition.Kind.mediacloud.rawValue + ":", SourceDefinition.Kind.gdeltDoc.rawValue + ":"]

    public init() {}

    public func rebuild(_ tx: StoreTransaction) throws {
        let sources = try tx.countSources()
        for prefix in Self.prefixes {
            var series: [StoredSeries] = []
            for source in sources where source.hasPrefix(prefix) {
                let counts = try tx.sourceCounts(source: source)
                let days = counts.values.flatMap(\.keys).compactMap { Day(iso: $0) }
                guard let first = days.min(), let last = days.max() else { continue }
                for (person, byDay) in counts.sorted(by: { $0.key < $1.key }) {
                    var points: [Period: Observation] = [:], totals: [Period: Double] = [:]
                    for offset in 0...first.distance(to: last) {
                        let day = first.adding(days: offset)
                        guard let c = byDay[day.iso] else { points[.day(day)] = .missing; continue }
                        points[.day(day)] = .value(c.value)
                        if let t = c.total { totals[.day(day)] = t }
                    }
                    series.append(StoredSeries(series: AttentionSeries(key: SeriesKey(person: person, source: source, measure: .news), resolution: .day,
                                                                       points: points, totals: totals), term: nil, geo: nil, inputs: []))
                }
            }
            try tx.replaceSeries(measure: .news, sourcePrefix: prefix, with: series)
        }
    }
}
