import Foundation
public import GlareCore
public import GlareParsers
import GlareStore
public import Logging

/// Imports a table of counts per period (`glare import counts FILE --source NAME`): a Media Cloud or
/// GDELT export, a colleague's weekly table, any tidy CSV `CountsCSVParser` reads. The file is kept as
/// a snapshot, and its series become the source `counts:NAME`, one per value of the group column (the
/// person), at the table's own resolution; a period of the grid without a row is missing. Importing
/// another file under the same name replaces that source's series (the earlier snapshot stays). One
/// transaction: a file that cannot be read changes nothing.
public struct CountsImporter {
    /// What an import did.
    public struct Result: Sendable {
        public let file: String
        public let source: String
        public let series: [String]
        public let resolution: String
        public let periods: Int
        public let replaced: Int
        public let notes: [String]
        /// The series' measure (`share` for a table of percents).
        public let measure: Measure
        /// What the values are: counts, or a percent of some whole (`percent of airtime`).
        public let values: CountsTable.ValueKind
    }

    public let workspace: Workspace
    public let logger: Logger

    public init(workspace: Workspace, logger: Logger) {
        self.workspace = workspace
        self.logger = logger
    }

    /// The source a name stands for.
    public static func source(_ name: String) -> String { "counts:" + name }

    /// Imports a file as the source `counts:NAME`; `measure` is what the counts measure (news when nil; a
    /// table of shares, e.g. with `--preset gdelt-tv`, is measure `share`).
    public func importFile(_ path: String, name: String, options: CountsCSVParser.Options = .init(), measure: Measure? = nil) throws -> Result {
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || "-_./".contains($0) }) else {
            throw ImportError.badName(name)
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ImportError.unreadable(path: path, reason: "no such file or not readable")
        }
        let source = Self.source(name)
        let table = try AnalysisInput.table(data, name: path, options: options, source: source, measure: measure)
        SnapshotVacuum.sweep(workspace, logger: logger)
        let snapshot = try workspace.archive.store(data)
        let original = URL(fileURLWithPath: path).lastPathComponent
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let optionsJSON = String(decoding: try encoder.encode(options), as: UTF8.self)
        let replaced = try workspace.openDatabase().write { tx -> Int in
            let before = try tx.series(kind: SeriesKind.countsTable.rawValue).filter {
                $0.series.key.source == source || $0.series.key.source.hasPrefix(source + "/")
            }.count
            let record = try tx.snapshot(sha256: snapshot.sha256) ?? tx.insertSnapshot(snapshot, kind: "counts", originalName: original)
            try tx.saveCountsTable(
                CountsTableRecord(source: source, snapshotId: record.id, originalName: original, measure: table.measure.rawValue, options: optionsJSON))
            _ = try SeriesDeriver(roster: Roster(name: "", people: []), archive: workspace.archive).derive([.countsTable], in: tx, only: [source])
            return before
        }
        logger.info("imported counts", metadata: ["file": "\(path)", "source": "\(source)", "series": "\(table.series.count)"])
        return Result(
            file: path, source: source, series: table.series.map(\.key.person),
            resolution: Set(table.series.map(\.resolution.adjective)).sorted().joined(separator: ", "),
            periods: table.series.map(\.periods.count).reduce(0, +), replaced: replaced, notes: table.notes,
            measure: table.measure, values: table.valueKind)
    }
}
