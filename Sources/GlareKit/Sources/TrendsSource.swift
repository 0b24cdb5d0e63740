public import GlareCore
public import GlareStore

/// Google Trends search interest: every stored export (CSV downloads, API responses, fetched or
/// imported), grouped by resolution and stitched onto one scale per term and region
/// (`google-trends/daily/worldwide/liu-xia`). A person searched under two spellings has two series:
/// searches for different strings are different measures.
///
/// Evidence: each export's values and its columns' terms, with the person each maps to. Coverage: the
/// export's own periods (a period Trends marked incomplete is missing). `rematch` maps each column's
/// term to the roster again: a term that now names exactly one person goes to her; otherwise the
/// column keeps the person it was imported under.
public struct TrendsSource: SeriesSource {
    public var kind: SeriesKind { .trends }
    public var configuration: TrendsStitcher.Configuration

    public init(configuration: TrendsStitcher.Configuration = .init()) { self.configuration = configuration }

    /// The prefix of every search-interest source.
    public static let sourcePrefix = "google-trends/"

    /// The source name for a term's series (`google-trends-news/…` for a product other than web search).
    public static func source(resolution: Resolution, geo: String?, term: String, property: String? = nil) -> String {
        (property.map { "google-trends-\($0)/" } ?? sourcePrefix) + resolution.adjective + "/" + NameFolding.slug(geo ?? "unspecified") + "/"
            + NameFolding.slug(term)
    }

    /// How an export is named in stitching messages: its file name and the start of its hash
    /// (Trends names every download `multiTimeline.csv`, so names alone are not unique).
    static func label(_ snapshot: SnapshotRecord) -> String {
        "\(snapshot.originalName) [\(snapshot.snapshot.sha256.prefix(8))]"
    }

    public func rematch(_ context: DerivationContext) throws -> Int {
        var n = 0
        for c in try context.tx.trendsColumns() {
            let matches = context.roster.people(named: c.term)
            guard matches.count == 1, matches[0].id != c.person || !c.onRoster else { continue }
            try context.tx.remapTrendsColumn(exportId: c.exportId, position: c.position, person: matches[0].id, onRoster: true)
            n += 1
        }
        return n
    }

    public func derive(_ context: DerivationContext, only: Set<String>? = nil) throws -> [StoredSeries] {
        let stored = try context.tx.trendsExports()
        var series: [StoredSeries] = []
        // Exports of one resolution and one search product are stitched together; products never mix.
        let requests = Dictionary(grouping: stored) { "\($0.export.resolution.rawValue)\t\($0.export.property ?? "")" }
        for (_, members) in requests.sorted(by: { $0.key < $1.key }) {
            let resolution = members[0].export.resolution, property = members[0].export.property
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
                        SeriesInput(
                            snapshotSHA256: byLabel[join.label]!.snapshot.sha256, originalName: byLabel[join.label]!.originalName,
                            ontoSHA256: join.onto.flatMap { byLabel[$0]?.snapshot.sha256 },
                            overlapPoints: join.overlapPoints, factor: join.factor)
                    }
                    var points = entry.points
                    for p in group.partialPeriods[key] ?? [] where points[p] == nil { points[p] = .missing }
                    let k = SeriesKey(
                        person: personOf[key]!,
                        source: Self.source(
                            resolution: resolution, geo: entry.column.geo, term: entry.column.term,
                            property: property), measure: .search)
                    series.append(
                        StoredSeries(
                            series: AttentionSeries(
                                key: k, resolution: resolution, points: points,
                                standardErrors: group.standardErrors[key] ?? [:]),
                            term: entry.column.term, geo: entry.column.geo, inputs: inputs))
                }
            }
        }
        return series
    }
}
