public import GlareCore
public import GlareStore

/// Counts an API reports itself (`mediacloud:<id>`, `gdelt-doc:<id>`: their matching, not Glare's, so
/// kept as sources of their own; `wikipedia:<lang>`: page views of confirmed titles). Evidence: the
/// reported value and total per person and day, with the responses behind them. Coverage: a day the
/// API reported is covered (zero included); a day it did not report is missing. The counts do not
/// depend on the roster's aliases, so there is nothing to match again.
public struct ReportedCountsSource: SeriesSource {
    public var kind: SeriesKind { .reportedCounts }

    /// The series source prefixes and their measures.
    public static let prefixes: [(prefix: String, measure: Measure)] = [
        (SourceDefinition.Kind.mediacloud.rawValue + ":", .news), (SourceDefinition.Kind.gdeltDoc.rawValue + ":", .news), ("wikipedia:", .views),
    ]

    public init() {}

    public func rematch(_ context: DerivationContext) throws -> Int { 0 }

    public func derive(_ context: DerivationContext, only: Set<String>? = nil) throws -> [StoredSeries] {
        var series: [StoredSeries] = []
        for source in try context.tx.countSources() where only.map({ SeriesDeriver.covers($0, source) }) ?? true {
            guard let measure = Self.prefixes.first(where: { source.hasPrefix($0.prefix) })?.measure else { continue }
            let counts = try context.tx.sourceCounts(source: source)
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
                series.append(
                    StoredSeries(
                        series: AttentionSeries(
                            key: SeriesKey(person: person, source: source, measure: measure), resolution: .day,
                            points: points, totals: totals),
                        term: nil, geo: nil, inputs: try context.tx.sourceInputs(source: source, person: person)))
            }
        }
        return series
    }
}
