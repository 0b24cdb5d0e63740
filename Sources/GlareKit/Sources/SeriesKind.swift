/// The registry of series kinds: each names one source implementation, which alone derives and
/// replaces the kind's rows of the `series` table (stored in its `kind` column).
public enum SeriesKind: String, Sendable, CaseIterable, Codable {
    /// Google Trends search interest, stitched (`google-trends/<resolution>/<region>/<term>`).
    case trends
    /// Imported archive downloads (`archive:<database>`, `archive:<database>/stories`).
    case archive
    /// Feeds and news APIs fetched by `glare fetch` (`feed:<id>`, `feed:<id>/stories`).
    case feed
    /// GDELT GKG articles and mentions (`gkg`, `gkg/mentions`, `gkg-translingual`…).
    case gkg
    /// Counts an API reports itself: Media Cloud, GDELT DOC timelines, Wikipedia page views.
    case reportedCounts = "reported-counts"
    /// Wikimedia hourly dump files (`wikipedia-pagecounts:<lang>`, `wikipedia-pageviews:<lang>`).
    case pageviewDump = "pageview-dump"
    /// Imported count tables (`counts:<name>`).
    case countsTable = "counts-table"

    /// The source that owns the kind.
    public var source: any SeriesSource {
        switch self {
        case .trends: TrendsSource()
        case .archive: DocumentSource(kind: .archive)
        case .feed: DocumentSource(kind: .feed)
        case .gkg: GKGSource()
        case .reportedCounts: ReportedCountsSource()
        case .pageviewDump: PageviewDumpSource()
        case .countsTable: CountsTableSource()
        }
    }

    /// Whether the kind's series change with the roster (and so record the roster they were derived under).
    public var dependsOnRoster: Bool { self != .countsTable }

    /// Whether the kind's series are kept by their source's periods where they share them
    /// (`StoreTransaction+SourcePeriods`): a feed's, which a fetch writes day by day, every person's count of the
    /// day beside one total and coverage.
    public var keptBySourcePeriods: Bool { self == .feed }
}
