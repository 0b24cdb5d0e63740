import GlareCore
import GlareStore

/// Derives the search-interest series from every stored Trends export: groups them by resolution,
/// stitches each group onto one scale, and replaces the stored `google-trends/…` series.
///
/// A series' source names resolution, region and term (`google-trends/daily/worldwide/liu-xia`): a
/// person searched under two spellings has two series, since searches for different strings are
/// different measures.
public struct SearchSeriesBuilder: Sendable {
    /// The prefix of every search-interest source.
    public static let sourcePrefix = "google-trends/"

    public var configuration: TrendsStitcher.Configuration

    public init(configuration: TrendsStitcher.Configuration = .init()) { self.configuration = configuration }

    /// The source name for a term's series.
    public static func source(resolution: Resolution, geo: String?, term: String) -> String {
        sourcePrefix + resolution.adjective + "/" + NameFolding.slug(geo ?? "unspecified") + "/" + NameFolding.slug(term)
    }

    /// How an export is named in stitching messages: its file name and the start of its hash
    /// (Trends names every download `multiTimeline.csv`, so names alone are not unique).
    static func label(_ snapshot: SnapshotRecord) -> String {
        "\(snapshot.originalName) [\(snapshot.snapshot.sha256.prefix(8))]"
    }

    /// Recomputes every search series inside the transaction; throws `StitchError` when exports cannot be joined.
    public func rebuild(_ tx: StoreTransaction) throws {
        let stored = try tx.trendsExports()
        var series: [StoredSeries] = []
        for resolution in Resolution.allCases {
            let members = stored.filter { $0.export.resolution == resolution }
            guard !members.isEmpty else { continue }
            let pieces = members.map { TrendsStitcher.Piece(label: Self.label($0.snapshot), export: $0.export) }
            let groups = try TrendsStitcher(configuration: configuration).stitch(pieces)
            // Which person each term maps to, from the first export that holds it.
            var personOf: [TrendsStitcher.TermKey: String] = [:]
            for m in members {
                for (i, c) in m.export.columns.enumerated() where personOf[TrendsStitcher.TermKey(c)] == nil {
                    personOf[TrendsStitcher.TermKey(c)] = m.people[i].id
                }
            }
            let byLabel = Dictionary(members.map { (Self.label($0.snapshot), $0.snapshot) }, uniquingKeysWith: { a, _ in a })
            for group in groups {
                for (key, entry) in group.series.sorted(by: { $0.key < $1.key }) {
                    let holders = Set(members.filter { $0.export.columns.contains { TrendsStitcher.TermKey($0) == key } }.map { Self.label($0.snapshot) })
                    let inputs = group.joins.filter { holders.contains($0.label) }.map { join in
                        SeriesInput(snapshotSHA256: byLabel[join.label]!.snapshot.sha256, originalName: byLabel[join.label]!.originalName,
                                    ontoSHA256: join.onto.flatMap { byLabel[$0]?.snapshot.sha256 },
                                    overlapPoints: join.overlapPoints, factor: join.factor)
                    }
                    var points = entry.points
                    for p in group.partialPeriods[key] ?? [] where points[p] == nil { points[p] = .missing }
                    let k = SeriesKey(person: personOf[key]!, source: Self.source(resolution: resolution, geo: entry.column.geo, term: entry.column.term), measure: .search)
                    series.append(StoredSeries(series: AttentionSeries(key: k, resolution: resolution, points: points),
                                               term: entry.column.term, geo: entry.column.geo, inputs: inputs))
                }
            }
        }
        try tx.replaceSeries(measure: .search, sourcePrefix: Self.sourcePrefix, with: series)
    }
}
