public import GRDB

/// An imported table of counts (`glare import counts FILE --source NAME`): the snapshot of the file and
/// the options it was read with, so its series can be derived again from the stored bytes.
public struct CountsTableRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "countsTable"

    /// The series source, `counts:NAME`.
    public var source: String
    public var snapshotId: Int64
    public var originalName: String
    /// The measure's raw value (`news`, `search`, `views`).
    public var measure: String
    /// The reader's options as JSON.
    public var options: String

    public init(source: String, snapshotId: Int64, originalName: String, measure: String, options: String) {
        self.source = source
        self.snapshotId = snapshotId
        self.originalName = originalName
        self.measure = measure
        self.options = options
    }
}

extension StoreTransaction {
    /// Records (or replaces) the table behind a counts source.
    public func saveCountsTable(_ table: CountsTableRecord) throws {
        try table.save(db)
    }

    /// Every imported counts table, by source.
    public func countsTables() throws -> [CountsTableRecord] {
        try CountsTableRecord.order(Column("source")).fetchAll(db)
    }

    /// The snapshot with this row id.
    public func snapshot(id: Int64) throws -> SnapshotRecord? {
        try Row.fetchOne(db, sql: "SELECT * FROM snapshot WHERE id = ?", arguments: [id]).map(Self.snapshotRecord)
    }
}
