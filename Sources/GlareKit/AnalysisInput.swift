public import Foundation
public import GlareCore
public import GlareParsers

/// Reads series for `glare analyze --input` and `glare import counts`: any tidy CSV of counts per
/// period (`CountsCSVParser`), Glare's long export and the presets' exports included. Each value of the
/// group columns (or each station column of a GDELT television file) is a series (its person id the
/// value, or the file's name without one). Values that are a share of coverage (percent of airtime,
/// GDELT's volume intensity) become measure `share`, never a count.
public enum AnalysisInput {
    /// The series of a file, and how it was read.
    public struct Table: Sendable {
        public let series: [AttentionSeries]
        public let notes: [String]
        public let columns: CountsTable.Columns
        /// The measure of the series (of those not named by a Glare export's own measure column).
        public let measure: Measure
        /// What the values are: counts, or a percent of some whole.
        public let valueKind: CountsTable.ValueKind
    }

    public static func read(
        _ path: String, options: CountsCSVParser.Options = .init(), source: String = "input",
        measure: Measure? = nil
    ) throws -> Table {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw ImportError.unreadable(path: path, reason: (error as NSError).localizedDescription)
        }
        return try table(data, name: path, options: options, source: source, measure: measure)
    }

    /// The series of a file's bytes; `name` names the file in errors and, without a group column, the series.
    /// `measure` is what the values measure (news when nil); a table of shares is always measure `share`,
    /// and naming another measure for it is an error.
    public static func table(
        _ data: Data, name: String, options: CountsCSVParser.Options = .init(), source: String = "input",
        measure: Measure? = nil
    ) throws -> Table {
        let table = try CountsCSVParser.parse(data, source: name, options: options)
        let measure = try Self.measure(of: table, given: measure, name: name)
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
        let c = table.columns
        var read =
            "read \(URL(fileURLWithPath: name).lastPathComponent)"
            + (table.preset.map { " as \($0.title) (--preset \($0.rawValue))" } ?? "") + ": dates from '\(c.date)'"
        if c.perColumn.isEmpty {
            read +=
                ", \(table.valueKind.isShare ? "values" : "counts") from '\(c.count)'"
                + (c.group.isEmpty ? "" : ", one series per '\(c.group.joined(separator: "' × '"))'")
        } else {
            read += ", one series per column: " + c.perColumn.map { "'\($0)'" }.joined(separator: ", ")
        }
        read += c.total.map { ", totals from '\($0)'" } ?? ""
        var notes = [read]
        if table.valueKind.isShare { notes.append(shareNote(table.valueKind.description)) }
        notes += table.notes
        return Table(series: series.sorted { $0.key < $1.key }, notes: notes, columns: table.columns, measure: measure, valueKind: table.valueKind)
    }

    /// The measure of a table's series: `share` for a table of shares (another measure given for it is an
    /// error), else the one given, else news.
    static func measure(of table: CountsTable, given: Measure?, name: String) throws -> Measure {
        guard table.valueKind.isShare else { return given ?? .news }
        if let given, given != .share {
            throw ParseError(
                source: name,
                reason: "the values are \(table.valueKind.description), not counts: they are measure 'share', not '\(given.rawValue)' (leave out --measure)")
        }
        return .share
    }

    /// What `analyze` and `import counts` say about values that are a share (`what`: `percent of airtime`).
    public static func shareNote(_ what: String) -> String {
        "the values are \(what), not counts: they are measure 'share', analysed as levels on their own scale (like Trends' search index) "
            + "and never pooled with counts. The rate ratios are ratios of mean shares and the quasi-Poisson interval does not depend on the unit, "
            + "but the Poisson and NB2 intervals, the exact tests of a zero baseline and the sparse-series bootstrap assume counts: "
            + "a verdict on a share is a reading of an index, not a test of counts"
    }
}
