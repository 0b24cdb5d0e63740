public import GlareCore

/// A snapshot as the database records it.
public struct SnapshotRecord: Sendable, Equatable {
    public let id: Int64
    public let snapshot: Snapshot
    /// What the bytes are (`trends-csv`, `trends-api`, …).
    public let kind: String
    /// The imported file's name, or the fetched URL.
    public let originalName: String
    /// ISO 8601 UTC time of the import or fetch.
    public let importedAt: String
    /// Where its compressed bytes lie when they are in a pack (a fetch's); nil for a file of its own.
    public var packed: SnapshotArchive.PackMember? = nil
}

/// A stored Trends export with the person each column was mapped to.
public struct StoredTrendsExport: Sendable {
    public let snapshot: SnapshotRecord
    public let export: TrendsExport
    /// Per column: the person id (roster id, or a term slug) and whether it is on the roster.
    public let people: [(id: String, onRoster: Bool)]
}

/// Where one input of a derived series came from and how it was scaled.
public struct SeriesInput: Sendable, Equatable {
    public let snapshotSHA256: String
    public let originalName: String
    /// The snapshot this one was joined onto, nil for the reference.
    public let ontoSHA256: String?
    public let overlapPoints: Int
    public let factor: Double

    public init(snapshotSHA256: String, originalName: String, ontoSHA256: String?, overlapPoints: Int, factor: Double) {
        self.snapshotSHA256 = snapshotSHA256
        self.originalName = originalName
        self.ontoSHA256 = ontoSHA256
        self.overlapPoints = overlapPoints
        self.factor = factor
    }
}

/// A derived series with what it was made from.
public struct StoredSeries: Sendable {
    public let series: AttentionSeries
    /// The search term and region, for search-interest series.
    public let term: String?
    public let geo: String?
    public let inputs: [SeriesInput]
    /// The kind of source that owns the series (its registry name), as stored.
    public var kind: String?
    /// The fingerprint of the roster the series was derived under (nil: it does not depend on the roster).
    public var rosterHash: String?

    public init(series: AttentionSeries, term: String?, geo: String?, inputs: [SeriesInput]) {
        self.series = series
        self.term = term
        self.geo = geo
        self.inputs = inputs
    }
}
