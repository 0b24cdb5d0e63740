public import Foundation
public import GlareCore

/// Reads any tidy CSV of counts per period: `date,count`, long tables with a group column
/// (`date,name,count,total`), Media Cloud's exports (quoted timestamps, `count`/`total_count`/`ratio`,
/// or the older `date,sentences` / `date,stories`), R's `write.csv` (quoted header, a row-name column,
/// `NA`), Excel's CSV (BOM, `;`, CRLF, `M/D/YYYY`), Google Trends' web CSV (its one-cell preamble is
/// skipped), and Glare's own long export.
///
/// - Columns are named by the options or found by name (case-insensitive; see `dateNames`,
///   `countNames`, `totalNames`, `groupNames`); a table with one numeric column besides the date needs no name.
/// - Dates: `YYYY-MM-DD`, timestamps (`2017-07-01 00:00:00`, `2017-07-01T00:00:00Z`), compact
///   `YYYYMMDD`, `YYYY-MM` (a month), `M/D/YYYY`, `D/M/YYYY`, `D.M.YYYY`, `YYYY/MM/DD`, and ranges
///   `A - B` (a period from A to B, as old Trends exports label weeks). A time of day is dropped: two
///   rows of one series on one day are an error (aggregate sub-daily data to days first).
/// - The resolution comes from the dates: months when every date is the same day of its month (or
///   every date a month's last day) and rows are at least 28 days apart; otherwise runs of g days, g the
///   greatest common divisor of the steps between the distinct dates (1 a day, 7 a week labelled by
///   whatever weekday the file uses, 3 Media Cloud's buckets). A period of the grid with no row is
///   missing. `resolution` in the options overrides the inference.
/// - Values: empty, `NA`, `NaN`, `null`, `-` are missing; `<1` is Google Trends' below-one; otherwise
///   a finite number of at least 0 (thousands separators allowed), anything else an error naming the line.
/// - Presets (`Options.preset`, `CountsPreset`) read known exports by name: Media Cloud's, the GDELT
///   Television Explorer's (one series per station column, percent of airtime: a share) and the GDELT DOC
///   API's timeline CSV (`Date,Series,Value`), and refuse a file of another layout.
public enum CountsCSVParser {
    /// Which columns to read, an optional resolution, and an optional preset. Imports store the options
    /// (as JSON) to read the file again; options stored before presets existed decode without one.
    public struct Options: Sendable, Equatable, Codable {
        public var dateColumn: String?
        public var countColumn: String?
        public var groupColumns: [String]
        public var totalColumn: String?
        public var resolution: Resolution?
        /// A known export's layout (`CountsPreset`): its defaults apply where the other options are not given.
        public var preset: CountsPreset?

        public init(
            dateColumn: String? = nil, countColumn: String? = nil, groupColumns: [String] = [], totalColumn: String? = nil,
            resolution: Resolution? = nil, preset: CountsPreset? = nil
        ) {
            self.dateColumn = dateColumn
            self.countColumn = countColumn
            self.groupColumns = groupColumns
            self.totalColumn = totalColumn
            self.resolution = resolution
            self.preset = preset
        }
    }

    static let dateNames = ["date", "day", "week", "month", "period", "time", "timestamp", "datetime", "publish_date", "dates", "date_start"]
    static let countNames = [
        "count", "value", "n", "stories", "sentences", "articles", "mentions", "hits", "views", "volume",
        "frequency", "freq", "story_count", "attention", "y",
    ]
    static let totalNames = ["total", "total_count", "total_stories", "total_sentences", "denominator", "total_articles", "all"]
    static let groupNames = ["name", "person", "group", "series", "term", "candidate", "id", "query", "keyword"]
    static let delimiters: [Character] = [",", ";", "\t", "|"]
    static let missingTokens: Set<String> = ["", "na", "nan", "null", "none", "-", "n/a", "#n/a"]
    /// The most rows a table may have.
    public static let maximumRows = 5_000_000

    /// Parses a table; `source` names the file in errors.
    public static func parse(_ data: Data, source: String, options: Options = Options()) throws -> CountsTable {
        if options.resolution?.unit == .hour {
            throw ParseError(source: source, reason: "a table of counts is read in days, N-day periods, weeks or months; aggregate hourly rows to days first")
        }
        let grid = try Grid(data, source: source)
        let reading: Reading
        switch options.preset {
        case .gdeltTV: reading = try readStations(grid, options: options, source: source)
        case .gdeltDoc: reading = try readDocTimeline(grid, options: options, source: source)
        case .mediacloud: reading = try readColumns(grid, options: try mediaCloudOptions(grid, options, source: source), source: source)
        case nil: reading = try readColumns(grid, options: options, source: source)
        }
        return try assemble(reading, options: options, source: source)
    }

    /// The cells of a file: its header and data rows, each with its 1-based line.
    struct Grid {
        let header: [String]
        /// The header in lower case, for finding columns by name.
        let lower: [String]
        let headerLine: Int
        let rows: [(line: Int, cells: [String])]

        init(_ data: Data, source: String) throws {
            let text = try TextDecoding.decode(data, source: source)
            let (allLines, _) = TextDecoding.lines(text)
            // Keep line numbers; drop blank lines and comment lines (`# …`, as `--provenance` writes).
            var lines = allLines.enumerated().filter { !$0.element.trimmedSpaces.isEmpty && !$0.element.hasPrefix("#") }
            guard !lines.isEmpty else { throw ParseError(source: source, reason: "the file is empty") }
            // A preamble of one-cell lines (Google Trends' `Category: All categories`) comes before the header.
            while lines.count > 2, !delimiters.contains(where: { lines[0].element.contains($0) }) { lines.removeFirst() }
            let headerLine = lines[0]
            guard lines.count - 1 <= maximumRows else { throw ParseError(source: source, reason: "more than \(maximumRows) rows") }
            let delimiter = detectDelimiter(headerLine.element, lines.dropFirst().prefix(5).map(\.element))
            let header = DelimitedLine.split(headerLine.element, delimiter: delimiter).map {
                $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\u{FEFF}"))
            }
            guard header.count >= 2 else {
                throw ParseError(
                    source: source, line: headerLine.offset + 1,
                    reason: "expected a header with a date column and a count column, found '\(headerLine.element.clipped(to: 78))'")
            }
            rows = try lines.dropFirst().map { entry in
                var cells = DelimitedLine.split(entry.element, delimiter: delimiter).map { $0.trimmingCharacters(in: .whitespaces) }
                // R's write.csv without a name for the row-name column: data rows have one cell more.
                if cells.count == header.count + 1, header.first != "" { cells.removeFirst() }
                guard cells.count == header.count else {
                    throw ParseError(source: source, line: entry.offset + 1, reason: "expected \(header.count) cells like the header, found \(cells.count)")
                }
                return (entry.offset + 1, cells)
            }
            guard !rows.isEmpty else { throw ParseError(source: source, line: headerLine.offset + 1, reason: "the header is not followed by any data rows") }
            self.header = header
            self.headerLine = headerLine.offset + 1
            lower = header.map { $0.lowercased() }
        }

        /// The column named `name` (case-insensitive), or an error listing the columns.
        func column(_ name: String, _ what: String, source: String) throws -> Int {
            guard let i = lower.firstIndex(of: name.lowercased()) else {
                throw ParseError(source: source, line: headerLine, reason: "no \(what) column '\(name)'; the columns are \(listed)")
            }
            return i
        }

        /// The header's columns, quoted, for messages.
        var listed: String { header.map { "'\($0)'" }.joined(separator: ", ") }
    }

    /// One value of one series, as a layout read it from a row.
    struct Entry {
        let line: Int
        let label: PeriodLabel
        let key: String?
        let value: Observation
        let total: Double?
    }

    /// What a layout read from a file: its values, which columns played which part, and what they are.
    struct Reading {
        let columns: CountsTable.Columns
        let entries: [Entry]
        var isGlareExport = false
        var valueKind: CountsTable.ValueKind = .counts
        var notes: [String] = []
    }

    /// The dates of a column, read as one notation throughout (see the type's documentation).
    static func labels(_ grid: Grid, column dateIndex: Int, source: String) throws -> [PeriodLabel] {
        let rows = grid.rows
        var labels: [PeriodLabel] = []
        labels.reserveCapacity(rows.count)
        let slashed = rows.map(\.cells[dateIndex]).filter { $0.contains("/") || $0.contains(".") }.map { String($0.split(separator: " ").first ?? "") }
        let slashFormat = DateFormat.detect(slashed)
        if slashFormat == .monthDayYear, DateFormat.dayMonthYear.parsesAll(slashed),
            slashed.contains(where: { DateFormat.monthDayYear.parse($0)?.0 != DateFormat.dayMonthYear.parse($0)?.0 })
        {
            throw ParseError(
                source: source, line: rows.first.map(\.line),
                reason: "the dates in column '\(grid.header[dateIndex])' read both as M/D/YYYY and as D/M/YYYY (no day above 12): re-save them as YYYY-MM-DD")
        }
        for row in rows {
            guard let label = PeriodLabel(row.cells[dateIndex], slashFormat: slashFormat) else {
                throw ParseError(
                    source: source, line: row.line,
                    reason:
                        "'\(row.cells[dateIndex].clipped(to: 78))' in column '\(grid.header[dateIndex])' is not a date (YYYY-MM-DD, a timestamp, YYYYMMDD, YYYY-MM, M/D/YYYY, D.M.YYYY or a range A - B)"
                )
            }
            labels.append(label)
        }
        return labels
    }

    /// A value cell: missing, below one, or a number of at least 0.
    static func observation(_ raw: String, column: String, line: Int, what: String = "a count", source: String) throws -> Observation {
        if missingTokens.contains(raw.lowercased()) { return .missing }
        if raw == "<1" { return .belowOne(ceiling: 1) }
        guard let v = number(raw) else {
            throw ParseError(
                source: source, line: line,
                reason: "'\(raw.clipped(to: 78))' in column '\(column)' is not \(what) (a number of at least 0, or empty or NA for a missing period)")
        }
        return .value(v)
    }

    /// A total cell: missing, or a number of at least 0.
    static func total(_ raw: String, column: String, line: Int, source: String) throws -> Double? {
        if missingTokens.contains(raw.lowercased()) { return nil }
        guard let v = number(raw) else {
            throw ParseError(source: source, line: line, reason: "'\(raw.clipped(to: 78))' in column '\(column)' is not a total (a number of at least 0)")
        }
        return v
    }

    /// The generic layout: a date column, a count column, optional group and total columns (found by
    /// name unless the options name them), or Glare's own long export.
    static func readColumns(_ grid: Grid, options: Options, source: String) throws -> Reading {
        let header = grid.header, lower = grid.lower, rows = grid.rows
        func find(_ name: String, _ what: String) throws -> Int { try grid.column(name, what, source: source) }
        let glareExport = Array(lower.prefix(4)) == ["date", "person", "source", "measure"] && lower.contains("value")

        // Dates.
        let dateIndex: Int
        if let name = options.dateColumn {
            dateIndex = try find(name, "date")
        } else if let i = lower.firstIndex(where: dateNames.contains) {
            dateIndex = i
        } else if let i = header.indices.first(where: { c in rows.prefix(20).allSatisfy { PeriodLabel($0.cells[c]) != nil } }) {
            dateIndex = i
        } else {
            throw ParseError(source: source, line: grid.headerLine, reason: "no date column: name one with --date-column (the columns are \(grid.listed))")
        }
        let labels = try labels(grid, column: dateIndex, source: source)

        // Groups, count and total.
        var groupIndexes: [Int]
        if glareExport {
            groupIndexes = [1, 2, 3]
        } else if !options.groupColumns.isEmpty {
            groupIndexes = try options.groupColumns.map { try find($0, "group") }
        } else if let i = lower.firstIndex(where: groupNames.contains), i != dateIndex, !rows.allSatisfy({ Double($0.cells[i]) != nil }) {
            groupIndexes = [i]
        } else {
            groupIndexes = []
        }
        let totalIndex: Int?
        if let name = options.totalColumn {
            totalIndex = try find(name, "total")
        } else if glareExport {
            totalIndex = lower.firstIndex(of: "total")
        } else {
            totalIndex = lower.firstIndex(where: totalNames.contains)
        }
        let taken = Set([dateIndex] + groupIndexes + (totalIndex.map { [$0] } ?? []))
        let countIndex: Int
        if let name = options.countColumn {
            countIndex = try find(name, "count")
        } else if glareExport {
            countIndex = try find("value", "value")
        } else if let i = lower.indices.first(where: { !taken.contains($0) && countNames.contains(lower[$0]) }) {
            countIndex = i
        } else {
            let numeric = header.indices.filter { c in
                !taken.contains(c) && header[c] != "" && lower[c] != "ratio"
                    && rows.prefix(50).allSatisfy { number($0.cells[c]) != nil || $0.cells[c] == "<1" || missingTokens.contains($0.cells[c].lowercased()) }
            }
            guard numeric.count == 1 else {
                throw ParseError(
                    source: source, line: grid.headerLine,
                    reason:
                        "cannot tell which column holds the counts\(numeric.isEmpty ? "" : " (candidates: \(numeric.map { "'\(header[$0])'" }.joined(separator: ", ")))"): name it with --count-column"
                )
            }
            countIndex = numeric[0]
        }
        for g in groupIndexes where g == countIndex || g == dateIndex {
            throw ParseError(source: source, reason: "column '\(header[g])' cannot be both the group and the \(g == countIndex ? "count" : "date")")
        }
        let entries = try rows.enumerated().map { k, row in
            Entry(
                line: row.line, label: labels[k], key: groupIndexes.isEmpty ? nil : groupIndexes.map { row.cells[$0] }.joined(separator: "|"),
                value: try observation(row.cells[countIndex], column: header[countIndex], line: row.line, source: source),
                total: try totalIndex.flatMap { try total(row.cells[$0], column: header[$0], line: row.line, source: source) })
        }
        let columns = CountsTable.Columns(
            date: header[dateIndex], count: header[countIndex], group: groupIndexes.map { header[$0] },
            total: totalIndex.map { header[$0] })
        return Reading(columns: columns, entries: entries, isGlareExport: glareExport)
    }

    /// Lays a layout's values on their periods: one resolution per inference group (the whole file, or
    /// each source of a Glare export), one series per key, every period on its series' grid.
    static func assemble(_ reading: Reading, options: Options, source: String) throws -> CountsTable {
        let glareExport = reading.isGlareExport
        struct Row { let line: Int; let label: PeriodLabel; let value: Observation; let total: Double? }
        var groups: [String?: [Row]] = [:]
        var order: [String?] = []
        for e in reading.entries {
            if groups[e.key] == nil { order.append(e.key) }
            groups[e.key, default: []].append(Row(line: e.line, label: e.label, value: e.value, total: e.total))
        }
        guard !order.isEmpty else { throw ParseError(source: source, reason: "no values to read") }

        var notes = reading.notes
        var resolutions: [String: Resolution] = [:]
        func inferenceKey(_ group: String?) -> String { glareExport ? String(group?.split(separator: "|").dropFirst().first ?? "") : "" }
        var ownGrid: [String?: Resolution] = [:]
        for key in Set(order.map(inferenceKey)).sorted() {
            let members = order.filter { inferenceKey($0) == key }
            let rows = members.flatMap { groups[$0]! }
            // A preset's resolution for a file whose one date cannot show it (Media Cloud counts per day).
            let single = Set(rows.map(\.label.day)).count < 2 && rows.allSatisfy { $0.label.spanDays == nil && !$0.label.isMonth }
            let presetDefault = single ? options.preset?.singleRowResolution : nil
            let given = options.resolution ?? presetDefault
            var resolution = try given ?? inferResolution(rows.map { ($0.line, $0.label) }, source: source)
            // Groups on grids of their own (weeks from Sunday for one, from Monday for another) make the dates
            // of the whole file look daily: when no group steps at the file's step, each keeps its own grid.
            if given == nil, members.count > 1, resolution.unit == .day {
                let steps = members.compactMap { m -> (String?, Int)? in
                    let days = Set(groups[m]!.map(\.label.day)).sorted()
                    guard days.count > 1 else { return nil }
                    return (m, zip(days, days.dropFirst()).map { $0.distance(to: $1) }.reduce(0, gcd))
                }
                if let smallest = steps.map(\.1).min(), smallest > resolution.count {
                    guard steps.allSatisfy({ $0.1 == smallest }) else {
                        let list = steps.map { "'\($0.0 ?? "")' every \($0.1) days" }.joined(separator: ", ")
                        throw ParseError(source: source, reason: "the series step by different numbers of days (\(list)): split the file or give --resolution")
                    }
                    resolution = smallest == 1 ? .day : .days(smallest)
                    for m in members { ownGrid[m] = resolution }
                    notes.append("\(key.isEmpty ? "" : key + ": ")each series on its own \(resolution.adjective) grid (their periods start on different days)")
                }
            }
            resolutions[key] = resolution
            let how =
                options.resolution != nil
                ? "as given" : presetDefault != nil ? "\(options.preset!.title)'s \(resolution.adjective) periods: one date cannot show them" : "from the dates"
            notes.append("\(key.isEmpty ? "" : key + ": ")\(resolution.adjective) periods (\(how)), \(describe(rows.map(\.label.day), resolution))")
        }
        var series: [CountsTable.Series] = []
        for key in order {
            let resolution = ownGrid[key] ?? resolutions[inferenceKey(key)]!
            var points: [Period: Observation] = [:], totals: [Period: Double] = [:]
            var anchor: Period?
            for row in groups[key]! {
                let period = Period(resolution: resolution, start: row.label.day, hour: resolution == .hour ? 0 : nil)
                if let a = anchor {
                    let aligned = a.aligned(containing: row.label.day)
                    guard aligned.start == period.start else {
                        throw ParseError(
                            source: source, line: row.line,
                            reason:
                                "\(row.label.day.iso) is not on the \(resolution.adjective) grid that starts \(a.start.iso) (periods start \(aligned.start.iso), \(aligned.next.start.iso), …); give --resolution if the inferred one is wrong"
                        )
                    }
                } else {
                    anchor = period
                }
                guard points[period] == nil else {
                    throw ParseError(
                        source: source, line: row.line,
                        reason:
                            "a second row for \(period.label)\(key.map { " in '\($0)'" } ?? "") (sub-daily rows must be summed to \(resolution.adjective) periods first)"
                    )
                }
                points[period] = row.value
                if let t = row.total { totals[period] = t }
            }
            series.append(CountsTable.Series(group: key, resolution: resolution, points: points, totals: totals))
        }
        return CountsTable(
            columns: reading.columns, series: series, notes: notes, isGlareExport: glareExport,
            valueKind: reading.valueKind, preset: options.preset)
    }

    /// The resolution the dates imply (see the type's documentation).
    static func inferResolution(_ rows: [(line: Int, label: PeriodLabel)], source: String) throws -> Resolution {
        if let span = rows.first?.label.spanDays, rows.allSatisfy({ $0.label.spanDays == span && !$0.label.isMonth }) {
            guard span <= Resolution.maximumCount else {
                throw ParseError(source: source, line: rows.first?.line, reason: "periods of \(span) days are longer than \(Resolution.maximumCount)")
            }
            return span == 1 ? .day : .days(span)
        }
        if rows.contains(where: { $0.label.isMonth && $0.label.spanDays == nil }) || rows.allSatisfy(\.label.isMonth) {
            return .months(try monthStep(rows, source: source))
        }
        let days = Set(rows.map(\.label.day)).sorted()
        guard days.count >= 2 else {
            throw ParseError(source: source, line: rows.first?.line, reason: "one date cannot show the resolution: give --resolution (day, week, month, N-day)")
        }
        let steps = zip(days, days.dropFirst()).map { $0.distance(to: $1) }
        let dayOfMonth = Set(days.map { $0.components.day })
        let monthEnds = days.allSatisfy { $0.adding(days: 1).components.day == 1 }
        if steps.min()! >= 28, dayOfMonth.count == 1 || monthEnds { return .months(try monthStep(rows, source: source)) }
        let g = steps.reduce(0, gcd)
        guard g <= Resolution.maximumCount else { throw ParseError(source: source, reason: "rows are \(g) days apart: give --resolution") }
        return g == 1 ? .day : .days(g)
    }

    static func monthStep(_ rows: [(line: Int, label: PeriodLabel)], source: String) throws -> Int {
        let months = Set(rows.map { $0.label.day.components.year * 12 + $0.label.day.components.month }).sorted()
        let g = zip(months, months.dropFirst()).map { $1 - $0 }.reduce(0, gcd)
        guard g <= Resolution.maximumCount else { throw ParseError(source: source, reason: "rows are \(g) months apart: give --resolution") }
        return max(g, 1)
    }

    static func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }

    static func describe(_ days: [Day], _ r: Resolution) -> String {
        guard let first = days.min(), let last = days.max() else { return "no rows" }
        var text = "\(first.iso) to \(last.iso)"
        if r == .week {
            let names = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
            text += ", weeks labelled by their first day, a \(names[first.weekday])"
        } else if r.unit == .day, r.count > 1 {
            text += ", each period labelled by its first day"
        } else if r.unit == .month, !days.allSatisfy({ $0 == $0.firstOfMonth }) {
            text += ", dates taken as the calendar months that hold them"
        }
        return text
    }

    /// A non-negative finite number: digits with an optional fraction and exponent; `1,234` thousands
    /// allowed. Checked byte by byte (no regular expression: it runs on every cell of large tables).
    static func number(_ raw: String) -> Double? {
        var bytes = Array(raw.utf8)
        if bytes.contains(0x2C) {
            // Thousands: 1–3 digits, then groups of ",ddd", then an optional fraction.
            let whole = bytes.prefix { $0 != 0x2E }
            let groups = whole.split(separator: 0x2C, omittingEmptySubsequences: false)
            guard groups.count > 1, (1...3).contains(groups[0].count), groups.dropFirst().allSatisfy({ $0.count == 3 }),
                groups.allSatisfy({ $0.allSatisfy(isDigit) })
            else { return nil }
            bytes.removeAll { $0 == 0x2C }
        }
        var i = 0
        if i < bytes.count, bytes[i] == 0x2B { i += 1 }  // +
        var digits = 0
        while i < bytes.count, isDigit(bytes[i]) { i += 1; digits += 1 }
        if i < bytes.count, bytes[i] == 0x2E {  // .
            i += 1
            while i < bytes.count, isDigit(bytes[i]) { i += 1; digits += 1 }
        }
        guard digits > 0 else { return nil }
        if i < bytes.count, bytes[i] == 0x65 || bytes[i] == 0x45 {  // e, E
            i += 1
            if i < bytes.count, bytes[i] == 0x2B || bytes[i] == 0x2D { i += 1 }
            let start = i
            while i < bytes.count, isDigit(bytes[i]) { i += 1 }
            guard i > start else { return nil }
        }
        guard i == bytes.count, let v = Double(String(decoding: bytes, as: UTF8.self)), v.isFinite, v >= 0, v <= 1e15 else { return nil }
        return v
    }

    static func isDigit(_ b: UInt8) -> Bool { (0x30...0x39).contains(b) }

    static func detectDelimiter(_ header: Substring, _ rows: [Substring]) -> Character {
        let candidates = delimiters
        let scored = candidates.map { d -> (Character, Int) in
            let n = DelimitedLine.split(header, delimiter: d).count
            let consistent = rows.allSatisfy { DelimitedLine.split($0, delimiter: d).count >= n }
            return (d, n > 1 && consistent ? n : 0)
        }
        return scored.max { $0.1 < $1.1 }.map { $0.1 > 0 ? $0.0 : "," } ?? ","
    }

}
