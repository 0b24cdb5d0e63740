import Foundation
import GlareCore

/// The layouts of the presets (`CountsPreset`): each checks that the file is the export it names and
/// reads it; columns named in the options win over the preset's.
extension CountsCSVParser {
    /// The error for a file that is not the export its preset names.
    static func notThePreset(_ preset: CountsPreset, _ grid: Grid, source: String, found: String) -> ParseError {
        ParseError(
            source: source, line: grid.headerLine,
            reason: "not \(preset.title) (--preset \(preset.rawValue)): expected \(preset.expectedLayout); \(found)")
    }

    /// Media Cloud: the generic layout with its column names as defaults (`date`; `count`, `stories` or
    /// `sentences`; `total_count` as the total where the export has it).
    static func mediaCloudOptions(_ grid: Grid, _ options: Options, source: String) throws -> Options {
        var o = options
        let date = options.dateColumn ?? (grid.lower.contains("date") ? "date" : nil)
        let count = options.countColumn ?? CountsPreset.mediaCloudCounts.first(where: grid.lower.contains)
        guard let date, let count else {
            throw notThePreset(.mediacloud, grid, source: source, found: "the columns are \(grid.listed)")
        }
        o.dateColumn = date
        o.countColumn = count
        if o.totalColumn == nil, grid.lower.contains("total_count") { o.totalColumn = "total_count" }
        return o
    }

    /// The GDELT Television Explorer: `Date` as `YYYYMMDDYYYYMMDD`, then one column of percent of airtime
    /// per station (or `Combined`), each a series named by its column (`--count-column` picks one).
    static func readStations(_ grid: Grid, options: Options, source: String) throws -> Reading {
        let preset = CountsPreset.gdeltTV
        if !options.groupColumns.isEmpty || options.totalColumn != nil {
            throw ParseError(
                source: source,
                reason: "--preset \(preset.rawValue) reads one series per station column and has no totals: --group-column and --total-column do not apply")
        }
        let dateIndex: Int
        if let name = options.dateColumn {
            dateIndex = try grid.column(name, "date", source: source)
        } else if let i = grid.lower.firstIndex(of: "date") {
            dateIndex = i
        } else {
            throw notThePreset(preset, grid, source: source, found: "there is no 'Date' column (the columns are \(grid.listed))")
        }
        var labels: [PeriodLabel] = []
        for (k, row) in grid.rows.enumerated() {
            let cell = row.cells[dateIndex]
            guard cell.utf8.count == 16, cell.utf8.allSatisfy(isDigit), let label = PeriodLabel(cell) else {
                if k == 0 {
                    throw notThePreset(
                        preset, grid, source: source, found: "line \(row.line) has '\(cell.clipped(to: 78))' in column '\(grid.header[dateIndex])'")
                }
                throw ParseError(
                    source: source, line: row.line,
                    reason:
                        "'\(cell.clipped(to: 78))' in column '\(grid.header[dateIndex])' is not a GDELT television period (YYYYMMDDYYYYMMDD: its first and last day run together)"
                )
            }
            labels.append(label)
        }
        let valueColumns =
            try options.countColumn.map { [try grid.column($0, "count", source: source)] }
            ?? grid.header.indices.filter { $0 != dateIndex && !grid.header[$0].isEmpty }
        guard let first = valueColumns.first else {
            throw notThePreset(preset, grid, source: source, found: "there is no station column (the columns are \(grid.listed))")
        }
        var entries: [Entry] = []
        entries.reserveCapacity(grid.rows.count * valueColumns.count)
        for (k, row) in grid.rows.enumerated() {
            for c in valueColumns {
                let value = try observation(row.cells[c], column: grid.header[c], line: row.line, what: "a percent of airtime", source: source)
                try checkPercent(value, column: grid.header[c], line: row.line, source: source)
                entries.append(Entry(line: row.line, label: labels[k], key: grid.header[c], value: value, total: nil))
            }
        }
        let columns = CountsTable.Columns(
            date: grid.header[dateIndex], count: grid.header[first], group: [], total: nil,
            perColumn: valueColumns.map { grid.header[$0] })
        return Reading(columns: columns, entries: entries, valueKind: .percent(of: "airtime"))
    }

    /// The GDELT DOC API's timeline CSV: `Date,Series,Value`, with `Article Count` rows (counts) and
    /// `Total Monitored Articles` rows (their totals), or `Volume Intensity` rows (a percent of all
    /// monitored articles). One series per file; other series (tone, languages) are refused.
    static func readDocTimeline(_ grid: Grid, options: Options, source: String) throws -> Reading {
        let preset = CountsPreset.gdeltDoc
        if !options.groupColumns.isEmpty || options.totalColumn != nil {
            throw ParseError(
                source: source,
                reason: "--preset \(preset.rawValue) takes its totals from the 'Total Monitored Articles' rows: --group-column and --total-column do not apply")
        }
        let dateIndex = try options.dateColumn.map { try grid.column($0, "date", source: source) } ?? grid.lower.firstIndex(of: "date")
        let valueIndex = try options.countColumn.map { try grid.column($0, "count", source: source) } ?? grid.lower.firstIndex(of: "value")
        guard let dateIndex, let valueIndex, let seriesIndex = grid.lower.firstIndex(of: "series") else {
            throw notThePreset(preset, grid, source: source, found: "the columns are \(grid.listed)")
        }
        let labels = try labels(grid, column: dateIndex, source: source)
        var kinds: [String: String] = [:]  // lower-cased series name: as written
        var values: [(row: Int, line: Int)] = []
        var totals: [Day: (line: Int, value: Double?)] = [:]
        for (k, row) in grid.rows.enumerated() {
            let name = row.cells[seriesIndex]
            switch name.lowercased() {
            case CountsPreset.docTotal:
                if let earlier = totals[labels[k].day] {
                    throw ParseError(
                        source: source, line: row.line, reason: "a second '\(name)' row for \(labels[k].day.iso) (the first is on line \(earlier.line))")
                }
                totals[labels[k].day] = (row.line, try total(row.cells[valueIndex], column: grid.header[valueIndex], line: row.line, source: source))
            case CountsPreset.docArticleCount, CountsPreset.docVolumeIntensity:
                kinds[name.lowercased()] = name
                values.append((k, row.line))
            default:
                throw ParseError(
                    source: source, line: row.line,
                    reason:
                        "'\(name.clipped(to: 78))' in column '\(grid.header[seriesIndex])' is not a timeline Glare reads from GDELT DOC: 'Article Count' with 'Total Monitored Articles' (timelinevolraw), or 'Volume Intensity' (timelinevol)"
                )
            }
        }
        guard kinds.count == 1, let kind = kinds.keys.first else {
            throw ParseError(
                source: source,
                reason: kinds.isEmpty
                    ? "no 'Article Count' or 'Volume Intensity' rows: nothing to read as attention (\(preset.title))"
                    : "the file mixes 'Article Count' and 'Volume Intensity' rows: download each timeline on its own")
        }
        let share = kind == CountsPreset.docVolumeIntensity
        if share, let stray = totals.values.map(\.line).min() {
            throw ParseError(
                source: source, line: stray,
                reason:
                    "'Total Monitored Articles' rows beside 'Volume Intensity' rows: volume intensity is already a percent of all monitored articles; download the raw counts (timelinevolraw) to read counts against the totals"
            )
        }
        let entries = try values.map { v -> Entry in
            let k = v.row, line = v.line, row = grid.rows[k]
            let value = try observation(
                row.cells[valueIndex], column: grid.header[valueIndex], line: line,
                what: share ? "a percent of all monitored articles" : "a count", source: source)
            if share { try checkPercent(value, column: grid.header[valueIndex], line: line, source: source) }
            return Entry(line: line, label: labels[k], key: nil, value: value, total: totals[labels[k].day]?.value ?? nil)
        }
        let columns = CountsTable.Columns(
            date: grid.header[dateIndex], count: kinds[kind]!, group: [],
            total: totals.isEmpty ? nil : "Total Monitored Articles")
        return Reading(columns: columns, entries: entries, valueKind: share ? .percent(of: "all monitored articles") : .counts)
    }

    /// A percent is at most 100.
    static func checkPercent(_ value: Observation, column: String, line: Int, source: String) throws {
        if case .value(let v) = value, v > 100 {
            throw ParseError(source: source, line: line, reason: "\(v) in column '\(column)' is not a percent (0 to 100)")
        }
    }
}
