import Foundation
import GlareCore
import GlareParsers
public import GlareStore

/// Imported tables of counts (`counts:<name>`): the file is kept as a snapshot with the options it was
/// read with, and its series (one per value of the group column, at the table's own resolution) are
/// read from it again on every derivation. Coverage: a period with a row is covered; a period of the
/// table's grid without one is missing. The series do not depend on the roster.
public struct CountsTableSource: SeriesSource {
    public var kind: SeriesKind { .countsTable }

    public init() {}

    public func rematch(_ context: DerivationContext) throws -> Int { 0 }

    public func derive(_ context: DerivationContext, only: Set<String>? = nil) throws -> [StoredSeries] {
        let tables = try context.tx.countsTables()
        var series: [StoredSeries] = []
        for t in tables where only.map({ SeriesDeriver.covers($0, t.source) }) ?? true {
            guard let record = try context.tx.snapshot(id: t.snapshotId) else { continue }
            let data = try context.archive.load(record)
            series += try Self.series(data, table: t, snapshot: record.snapshot)
        }
        // Tables imported before their options were recorded cannot be read again: they stay as stored.
        let known = Set(tables.map(\.source))
        series += try context.tx.series(kind: kind.rawValue, partialPeriods: true).filter { !SeriesDeriver.covers(known, $0.series.key.source) }
        return series
    }

    /// The series of an imported table's bytes, all under its source (a Glare export's own sources become
    /// `counts:NAME/<source>`), each naming the snapshot it came from.
    static func series(_ data: Data, table t: CountsTableRecord, snapshot: Snapshot) throws -> [StoredSeries] {
        let options = try JSONDecoder().decode(CountsCSVParser.Options.self, from: Data(t.options.utf8))
        let table = try AnalysisInput.table(data, name: t.originalName, options: options, source: t.source, measure: Measure(rawValue: t.measure) ?? .news)
        let input = SeriesInput(snapshotSHA256: snapshot.sha256, originalName: t.originalName, ontoSHA256: nil, overlapPoints: 0, factor: 1)
        return table.series.map { s in
            let k = s.key
            let key = k.source == t.source ? k : SeriesKey(person: k.person, source: t.source + "/" + k.source, measure: k.measure)
            return StoredSeries(
                series: AttentionSeries(
                    key: key, resolution: s.resolution,
                    points: Dictionary(uniqueKeysWithValues: zip(s.periods, s.observations)),
                    totals: Dictionary(  // a total beside a missing count is not kept (it would describe nothing)
                        uniqueKeysWithValues: s.periods.indices.compactMap { i in
                            s.observations[i].isMissing ? nil : s.totals[i].map { (s.periods[i], $0) }
                        })),
                term: nil, geo: nil, inputs: [input])
        }
    }
}
