import GlareCore
import GlareStore

/// Series from counts reported by APIs (`mediacloud:<id>`, `gdelt-doc:<id>`: their matching, not
/// Glare's, so kept as sources of their own; `wikipedia:<lang>`: page views). A day reported is
/// observed (zero included); a day not reported is missing. Each series lists the responses behind it.
public struct CountSeriesBuilder: Sendable {
    public static let prefixes: [(prefix: String, measure: Measure)] = [
        (SourceDefinition.Kind.mediacloud.rawValue + ":", .news), (SourceDefinition.Kind.gdeltDoc.rawValue + ":", .news), ("wikipedia:", .views),
    ]

    public init() {}

    public func rebuild(_ tx: StoreTransaction) throws {
        let sources = try tx.countSources()
        for (prefix, measure) in Self.prefixes {
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
                    series.append(StoredSeries(series: AttentionSeries(key: SeriesKey(person: person, source: source, measure: measure), resolution: .day,
                                                                       points: points, totals: totals), term: nil, geo: nil,
                                               inputs: try tx.sourceInputs(source: source, person: person)))
                }
            }
            try tx.replaceSeries(measure: measure, sourcePrefix: prefix, with: series)
        }
    }
}
