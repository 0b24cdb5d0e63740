import Foundation
public import GRDB

/// A span of time a source covered, as stored: a feed fetch (its oldest item to the fetch time), a news
/// API query's date range, an archive download's search range. Days fully inside the union of a
/// source's spans are observed; days partly inside are partial; days outside are missing.
public struct CoverageSpanRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "coverageSpan"

    public var id: Int64?
    /// The series source the span covers (`feed:bbc-world`, `archive:LexisNexis`).
    public var source: String
    /// Seconds since 1970-01-01 00:00 UTC; the span is `[start, end)`.
    public var start: Int
    public var end: Int
    /// The snapshot the span comes from, if any.
    public var snapshotId: Int64?
    /// How the span was established (`--covers 2015-09-01..2015-10-31`, `feed fetched at …`).
    public var how: String

    public init(source: String, start: Int, end: Int, snapshotId: Int64?, how: String) {
        self.source = source
        self.start = start
        self.end = end
        self.snapshotId = snapshotId
        self.how = how
    }
}

extension StoreTransaction {
    /// Records a span a source covered (an empty or inverted span, such as a feed whose items are all
    /// dated after the fetch, covers nothing and is not recorded).
    public func insertCoverageSpan(_ span: CoverageSpanRecord) throws {
        guard span.start < span.end else { return }
        // Bound through SQLite's calls (see `BoundStatement`): GRDB's record insert, through `Encodable`, cost more than the row.
        let row = try BoundStatement(db, sql: "INSERT INTO coverageSpan (source, start, \"end\", snapshotId, how) VALUES (?, ?, ?, ?, ?)")
        row.reset()
        row.bind(1, span.source)
        row.bind(2, Int64(span.start))
        row.bind(3, Int64(span.end))
        row.bind(4, span.snapshotId)
        row.bind(5, span.how)
        try row.step()
    }

    /// One source's span that reaches furthest, the last recorded of those (a feed's last fetch's, as its
    /// spans end when they were fetched), if any: read from the end of `coverageSpanBySourceEnd`, not
    /// from every span the source has gained, one a run.
    public func latestCoverageSpan(source: String) throws -> CoverageSpanRecord? {
        try CoverageSpanRecord.filter(Column("source") == source).order(Column("end").desc, Column("id").desc).fetchOne(db)
    }

    /// The spans recorded for these sources, oldest first (read from the index, not every source's).
    public func coverageSpans(sources: Set<String>) throws -> [CoverageSpanRecord] {
        // One cached statement a source: a fetch's batch names a few hundred, and the statement of an IN list that
        // long cost more to prepare than the spans cost to read.
        let statement = try db.cachedStatement(sql: "SELECT * FROM coverageSpan WHERE source = ?")
        var out: [CoverageSpanRecord] = []
        for source in sources { out += try CoverageSpanRecord.fetchAll(statement, arguments: [source]) }
        return out.sorted { $0.id! < $1.id! }
    }

    /// Every recorded span, optionally only of sources starting with `prefix`, oldest first.
    public func coverageSpans(prefix: String? = nil) throws -> [CoverageSpanRecord] {
        var request = CoverageSpanRecord.order(Column("id"))
        if let prefix { request = request.filter(Column("source").like(prefix.replacingOccurrences(of: "%", with: "") + "%")) }
        return try request.fetchAll(db)
    }
}
