public import Foundation
public import GlareCore

/// Reads the `multiTimeline.csv` files the Google Trends web page exports, in every variant analysts meet:
/// daily, weekly, monthly and hourly; one to five terms; with or without the `Category: …` preamble;
/// made in any interface language; re-saved by a spreadsheet (CRLF, `M/D/YYYY` or `D.M.YYYY` dates,
/// `;` delimiters, renamed headers, a BOM).
///
/// The header is found by shape, not by English words: the first line whose cell count matches the
/// next line's and whose next line starts with a date.
public enum TrendsCSVParser {
    /// How many leading lines may hold a preamble before the header.
    static let headerSearchLines = 30

    /// Parses an export; `source` names the file in errors.
    public static func parse(_ data: Data, source: String) throws -> TrendsExport {
        let text = try TextDecoding.decode(data, source: source)
        let (lines, endsWithNewline) = TextDecoding.lines(text)
        guard lines.contains(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) else {
            throw ParseError(source: source, reason: "the file is empty")
        }
        guard let (headerIndex, delimiter, dateFormat) = findHeader(lines) else {
            throw ParseError(source: source, reason: "not a Google Trends export: no header row followed by dated rows in the first \(headerSearchLines) lines")
        }
        let header = DelimitedLine.split(lines[headerIndex], delimiter: delimiter)
        let columns = header.dropFirst().map(column(from:))
        let category = lines[..<headerIndex].map { $0.trimmingCharacters(in: .whitespaces) }.first { !$0.isEmpty }

        // Data rows: from the line after the header to the first blank line.
        var dated: [(line: Int, day: Day, hour: Int?, cells: [String])] = []
        var index = headerIndex + 1
        while index < lines.count {
            let raw = lines[index]
            let lineNumber = index + 1
            if raw.trimmingCharacters(in: .whitespaces).isEmpty {
                if let extra = lines[(index + 1)...].firstIndex(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) {
                    throw ParseError(
                        source: source, line: extra + 1, reason: "unexpected content after the blank line that ended the data on line \(lineNumber)")
                }
                break
            }
            let cells = DelimitedLine.split(raw, delimiter: delimiter)
            let isLast = index == lines.count - 1
            if cells.count != header.count {
                let hint = isLast && !endsWithNewline ? " (the file ends mid-row: is it truncated?)" : ""
                throw ParseError(source: source, line: lineNumber, reason: "expected \(header.count) cells like the header, found \(cells.count)\(hint)")
            }
            guard let (day, hour) = dateFormat.parse(cells[0]) else {
                throw ParseError(source: source, line: lineNumber, reason: "'\(cells[0])' is not a date in the file's format (\(dateFormat.example))")
            }
            if isLast && !endsWithNewline && cells.last!.isEmpty {
                throw ParseError(source: source, line: lineNumber, reason: "the last row ends with an empty cell and no line break: is the file truncated?")
            }
            dated.append((lineNumber, day, hour, cells))
            index += 1
        }
        guard !dated.isEmpty else { throw ParseError(source: source, line: headerIndex + 1, reason: "the header is not followed by any data rows") }

        let resolution = try inferResolution(dated.map { ($0.line, $0.day, $0.hour) }, format: dateFormat, source: source)
        var rows: [TrendsExport.Row] = []
        rows.reserveCapacity(dated.count)
        var previous: Period?
        for entry in dated {
            let period = Period(resolution: resolution, start: entry.day, hour: entry.hour)
            if let previous, period != previous.next {
                let what = period <= previous ? "does not come after" : "leaves a gap after"
                throw ParseError(
                    source: source, line: entry.line,
                    reason:
                        "\(period.label) \(what) \(previous.label) (expected \(previous.next.label)); a Trends export has one row per \(resolution.rawValue) without gaps"
                )
            }
            previous = period
            var values: [TrendsExport.Value] = []
            for (c, cell) in entry.cells.dropFirst().enumerated() {
                guard let v = value(cell) else {
                    throw ParseError(
                        source: source, line: entry.line, reason: "'\(cell)' in column '\(header[c + 1])' is not a Trends value (a whole number 0–100, or <1)")
                }
                values.append(v)
            }
            rows.append(TrendsExport.Row(period: period, values: values))
        }
        return TrendsExport(format: .webCSV, resolution: resolution, columns: Array(columns), rows: rows, category: category)
    }

    /// Splits `Liu Xia: (Worldwide)` into term and geography; a renamed header is all term.
    static func column(from cell: String) -> TrendsExport.Column {
        let trimmed = cell.trimmingCharacters(in: .whitespaces)
        if trimmed.hasSuffix(")"), let open = trimmed.range(of: ": (", options: .backwards) {
            let term = String(trimmed[..<open.lowerBound]).trimmingCharacters(in: .whitespaces)
            let geo = String(trimmed[open.upperBound..<trimmed.index(before: trimmed.endIndex)])
            if !term.isEmpty { return .init(term: term, geo: geo) }
        }
        return .init(term: trimmed, geo: nil)
    }

    static func value(_ cell: String) -> TrendsExport.Value? {
        let t = cell.trimmingCharacters(in: .whitespaces)
        if t.isEmpty { return .missing }
        if t.replacingOccurrences(of: " ", with: "") == "<1" { return .belowOne }
        if let v = Int(t), (0...100).contains(v) { return .value(v) }
        // Spreadsheets sometimes write whole numbers as `12.0` or `12,0`.
        if let d = Double(t.replacingOccurrences(of: ",", with: ".")), d == d.rounded(), (0...100).contains(d) { return .value(Int(d)) }
        return nil
    }

    /// The header: the first of the leading `headerSearchLines` lines whose first cell is not shaped like
    /// a date while the next line's is, with as many cells. A data row with an impossible date
    /// (`2022-04-31`) is still date-shaped, so it can never be taken for the header: the data loop
    /// names it instead. The date notation is then decided once over the rows that follow (the one all
    /// of them parse in, else the one most of the first 200 parse in, so the first row that does not is named).
    /// The first such pair decides: one pass over the file, whatever its length.
    static func findHeader(_ lines: [Substring]) -> (Int, Character, DateFormat)? {
        for i in 0..<max(0, min(lines.count - 1, headerSearchLines)) {
            for delimiter in [",", ";", "\t"] as [Character] {
                let header = DelimitedLine.split(lines[i], delimiter: delimiter)
                guard header.count >= 2, !isDateShaped(header[0]) else { continue }
                let next = DelimitedLine.split(lines[i + 1], delimiter: delimiter)
                guard next.count == header.count, isDateShaped(next[0]) else { continue }
                var firsts: [String] = []
                for line in lines[(i + 1)...] {
                    if line.trimmingCharacters(in: .whitespaces).isEmpty { break }
                    firsts.append(DelimitedLine.split(line, delimiter: delimiter)[0])
                }
                // The first such pair is the header: no rescans of a long file for other candidates.
                guard let format = DateFormat.detect(firsts) ?? DateFormat.detect(Array(firsts.dropLast())) ?? DateFormat.mostCommon(Array(firsts.prefix(200)))
                else { return nil }
                return (i, delimiter, format)
            }
        }
        return nil
    }

    /// Whether a cell looks like a date or time stamp in any notation: a digit first, then only digits,
    /// separators (`-/.:T`) and spaces. Column headers (`Day`, `Woche`, `日`, `Semaine`) never do.
    static func isDateShaped(_ cell: String) -> Bool {
        let t = cell.trimmingCharacters(in: .whitespaces)
        guard let first = t.unicodeScalars.first, ("0"..."9").contains(first) else { return false }
        return t.unicodeScalars.allSatisfy { ("0"..."9").contains($0) || "-/.:T ".unicodeScalars.contains($0) }
    }

    static func inferResolution(_ rows: [(line: Int, day: Day, hour: Int?)], format: DateFormat, source: String) throws -> Resolution {
        if format == .isoHour { return .hour }
        if format == .isoMonth { return .month }
        guard rows.count >= 2 else { return .day }
        // The smallest step between rows is the resolution; larger steps are gaps, reported by the caller.
        let steps = zip(rows, rows.dropFirst()).map { ($0.day.distance(to: $1.day), $1.line) }.filter { $0.0 > 0 }
        guard let (step, line) = steps.min(by: { $0.0 < $1.0 }) else { return .day }
        switch step {
        case 1: return .day
        case 7: return .week
        case 28...31 where rows.allSatisfy({ $0.day == $0.day.firstOfMonth }): return .month
        default:
            throw ParseError(source: source, line: line, reason: "rows are \(step) days apart; expected a day, a week or a month")
        }
    }
}

/// The date notations seen in Trends exports and their spreadsheet re-saves.
enum DateFormat: CaseIterable {
    case isoDay, isoMonth, isoHour, monthDayYear, dayMonthYear, dotted, slashedISO

    var example: String {
        switch self {
        case .isoDay: "YYYY-MM-DD"
        case .isoMonth: "YYYY-MM"
        case .isoHour: "YYYY-MM-DDTHH"
        case .monthDayYear: "M/D/YYYY"
        case .dayMonthYear: "D/M/YYYY"
        case .dotted: "D.M.YYYY"
        case .slashedISO: "YYYY/MM/DD"
        }
    }

    /// The notation most samples parse in (the earliest-listed on a tie), or nil when none parses any.
    static func mostCommon(_ samples: [String]) -> DateFormat? {
        let scored = allCases.map { f in (f, samples.lazy.filter { f.parse($0) != nil }.count) }
        guard let best = scored.max(by: { $0.1 < $1.1 }), best.1 > 0 else { return nil }
        return scored.first { $0.1 == best.1 }?.0
    }

    /// Whether every sample parses in this notation.
    func parsesAll(_ samples: [String]) -> Bool { samples.allSatisfy { parse($0) != nil } }

    /// The first notation every sample parses in, or nil. `M/D/YYYY` is preferred to `D/M/YYYY` when both fit.
    static func detect(_ samples: [String]) -> DateFormat? {
        guard !samples.isEmpty else { return nil }
        return allCases.first { f in samples.allSatisfy { f.parse($0) != nil } }
    }

    func parse(_ raw: String) -> (Day, Int?)? {
        let text = raw.trimmingCharacters(in: .whitespaces)
        switch self {
        case .isoDay:
            return Day(iso: text).map { ($0, nil) }
        case .isoMonth:
            let p = text.split(separator: "-", omittingEmptySubsequences: false)
            guard p.count == 2, p[0].count == 4, p[1].count == 2, let y = Int(p[0]), let m = Int(p[1]),
                let d = Day(year: y, month: m, day: 1)
            else { return nil }
            return (d, nil)
        case .isoHour:
            let p = text.split(separator: "T", omittingEmptySubsequences: false)
            guard p.count == 2, let d = Day(iso: p[0]), p[1].count == 2, let h = Int(p[1]), (0...23).contains(h) else { return nil }
            return (d, h)
        case .monthDayYear, .dayMonthYear, .dotted, .slashedISO:
            // A spreadsheet may append a midnight time: `9/1/2015 0:00`.
            let datePart = text.split(separator: " ").first.map(String.init) ?? text
            let sep: Character = self == .dotted ? "." : "/"
            let p = datePart.split(separator: sep, omittingEmptySubsequences: false).map { Int($0) }
            guard p.count == 3, let a = p[0], let b = p[1], let c = p[2] else { return nil }
            let day: Day?
            switch self {
            case .monthDayYear: day = c >= 1000 ? Day(year: c, month: a, day: b) : nil
            case .dayMonthYear, .dotted: day = c >= 1000 ? Day(year: c, month: b, day: a) : nil
            default: day = a >= 1000 ? Day(year: a, month: b, day: c) : nil
            }
            return day.map { ($0, nil) }
        }
    }
}
