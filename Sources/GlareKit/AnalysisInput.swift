public import Foundation
public import GlareCore
public import GlareParsers

/// Reads series for `glare analyze --input` and `glare import counts`: any tidy CSV of counts per
/// period (`CountsCSVParser`), Glare's long export included. Each value of the group columns is a
/// series (its person id the value, or the file's name without one).
public enum AnalysisInput {
    /// The series of a file, and how it was read.
    public struct Table: Sendable {
        public let series: [AttentionSeries]
        public let notes: [String]
        public let columns: CountsTable.Columns
    }

    public static func read(_ path: String, options: CountsCSVParser.Options = .init(), source: String = "input",
                            measure: Measure = .news) throws -> Table {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw ImportError.unreadable(path: path, reason: (error as NSError).localizedDescription)
        }
        return try table(data, name: path, options: options, source: source, measure: measure)
    }

    /// The series of a file's bytes; `name` names the file in errors and, without a group column, the series.
    public static func table(_ data: Data, name: String, options: CountsCSVParser.Options = .init(), source: String = "input",
                             measure: Measure = .news) throws -> Table {
        let table = try CountsCSVParser.parse(data, source: name, options: options)
        let stem = URL(fileURLWithPath: name).deletingPathExtension().lastPathComponent
        let series = table.series.map { s -> AttentionSeries in
            let key: SeriesKey
            if table.isGlareExport, let parts = s.group?.split(separator: "|", omittingEmptySubsequences: false), parts.count == 3 {
                key = SeriesKey(person: String(parts[0]), source: String(parts[1]), measure: Measure(rawValue: String(parts[2])) ?? measure)
            } else {
                key = SeriesKey(person: s.group ?? stem, source: source, measure: measure)
            }
            return AttentionSeries(key: key, resolution: s.resolution, points: s.points, totals: s.totals)
        }
        var notes = ["read \(URL(fileURLWithPath: name).lastPathComponent): dates from '\(table.columns.date)', counts from '\(table.columns.count)'"
            + (table.columns.group.isEmpty ? "" : ", one series per '\(table.columns.group.joined(separator: "' × '"))'")
            + (table.columns.total.map { ", totals from '\($0)'" } ?? "")]
        notes += table.notes
        return Table(series: series.sorted { $0.key < $1.key }, notes: notes, columns: table.columns)
    }
}
