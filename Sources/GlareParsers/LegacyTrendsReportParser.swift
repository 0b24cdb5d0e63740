public import Foundation
public import GlareCore

/// Reads the `report.csv` the Google Trends web page exported before its 2017 redesign: what a
/// researcher who downloaded Trends data in 2014–2016 has.
///
/// The layout: a title line `Web Search interest: TERM[; TERM…]` (or `Image Search`, `News Search`,
/// `YouTube Search`, `Google Shopping`), a line of regions, or one region and the time range
/// (`United States; Past 30 days`), a range line, then `Interest over time` and a header whose first
/// cell is `Day`, `Week` or `Month`. The other columns are regions (one term measured in several
/// regions) or terms (several terms in one region). Weeks are labelled as ranges
/// (`2013-10-27 - 2013-11-02`, Sunday to Saturday). A blank cell marks a period not complete at
/// download: missing, never zero. The data ends at a blank line; the sections after it (`Top cities
/// for …`, `Top regions`, `Top searches`, `Rising searches`) are skipped.
///
/// Dates are ISO (`2014-10-04`), as the export wrote them, or `M/D/YYYY` and `M/D/YY` as a spreadsheet
/// re-saves them. A two-digit year YY is 20YY: Trends has no data before 2004, so no other century is
/// possible.
public enum LegacyTrendsReportParser {
    /// The products a legacy title names, and the `gprop` name each is stored under (nil: web search).
    static let products: [(title: String, property: String?)] = [
        ("Web Search", nil), ("Image Search", "images"), ("News Search", "news"), ("YouTube Search", "youtube"), ("Google Shopping", "froogle"),
    ]

    /// Whether the bytes look like a legacy report (its title line).
    public static func recognises(_ data: Data) -> Bool {
        guard let text = try? TextDecoding.decode(data.prefix(4096), source: "") else { return false }
        let first = TextDecoding.lines(text).lines.first { !$0.trimmingCharacters(in: .whitespaces).isEmpty } ?? ""
        return title(first) != nil
    }

    /// The product and terms of a title line.
    static func title(_ line: Substring) -> (property: String?, terms: [String])? {
        let text = line.trimmingCharacters(in: .whitespaces)
        for p in products {
            let prefix = p.title + " interest: "
            guard text.hasPrefix(prefix) else { continue }
            let terms = text.dropFirst(prefix.count).split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            return terms.isEmpty ? nil : (p.property, terms)
        }
        return nil
    }

    /// Parses a report; `source` names the file in errors.
    public static func parse(_ data: Data, source: String) throws -> TrendsExport {
        let text = try TextDecoding.decode(data, source: source)
        let lines = TextDecoding.lines(text).lines
        guard let titleIndex = lines.firstIndex(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }),
            let (property, terms) = title(lines[titleIndex])
        else {
            throw ParseError(source: source, line: 1, reason: "not a pre-2017 Google Trends report: the first line is not 'Web Search interest: TERM'")
        }
        guard let sectionIndex = lines.indices.first(where: { $0 > titleIndex && lines[$0].trimmingCharacters(in: .whitespaces) == "Interest over time" })
        else {
            throw ParseError(source: source, reason: "no 'Interest over time' section: this report holds no series (only regions or related searches?)")
        }
        // Between the title and the section: regions and the time range.
        let preamble = lines[(titleIndex + 1)..<sectionIndex].map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        var regions: [String]
        var window: String?
        switch preamble.count {
        case 0:
            regions = []
        case 1:
            let parts = preamble[0].split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            regions = parts.count > 1 ? Array(parts.dropLast()) : []
            window = parts.last
        default:
            regions = preamble[0].split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            window = preamble[1]
        }
        regions = regions.filter { !$0.isEmpty }

        let headerIndex = sectionIndex + 1
        guard headerIndex < lines.count else {
            throw ParseError(source: source, line: sectionIndex + 1, reason: "'Interest over time' is not followed by a header row")
        }
        let header = DelimitedLine.split(lines[headerIndex], delimiter: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let resolution: Resolution
        switch header.first?.lowercased() {
        case "day": resolution = .day
        case "week": resolution = .week
        case "month": resolution = .month
        default:
            throw ParseError(
                source: source, line: headerIndex + 1,
                reason: "the header's first cell is '\((header.first ?? "").clipped(to: 78))', expected Day, Week or Month")
        }
        guard header.count >= 2 else { throw ParseError(source: source, line: headerIndex + 1, reason: "the header names no series") }
        let names = Array(header.dropFirst())
        let columns: [TrendsExport.Column]
        if terms.count == 1 {
            // One term: the columns are regions (or the term itself, in the region the preamble names).
            columns = names.map { name in
                let c = TrendsCSVParser.column(from: name)
                if c.geo != nil { return c }
                if NameFolding.fold(name) == NameFolding.fold(terms[0]) { return .init(term: terms[0], geo: regions.count == 1 ? regions[0] : nil) }
                return .init(term: terms[0], geo: name)
            }
        } else {
            // Several terms: the columns are terms, in the one region.
            guard regions.count <= 1 else {
                throw ParseError(
                    source: source, line: titleIndex + 2,
                    reason: "\(terms.count) terms and \(regions.count) regions: a report compares terms in one region or one term across regions")
            }
            columns = names.map { name in
                let c = TrendsCSVParser.column(from: name)
                return c.geo != nil ? c : .init(term: name, geo: regions.first)
            }
        }

        var rows: [TrendsExport.Row] = []
        var previous: Period?
        var index = headerIndex + 1
        while index < lines.count, !lines[index].trimmingCharacters(in: .whitespaces).isEmpty {
            let lineNumber = index + 1
            let cells = DelimitedLine.split(lines[index], delimiter: ",")
            guard cells.count == header.count else {
                throw ParseError(source: source, line: lineNumber, reason: "expected \(header.count) cells like the header, found \(cells.count)")
            }
            let start = try periodStart(cells[0], resolution: resolution, source: source, line: lineNumber)
            let period = Period(resolution: resolution, start: start)
            if let previous, period != previous.next {
                throw ParseError(
                    source: source, line: lineNumber, reason: "\(period.label) does not follow \(previous.label) (expected \(previous.next.label))")
            }
            previous = period
            var values: [TrendsExport.Value] = []
            for (c, cell) in cells.dropFirst().enumerated() {
                guard let v = TrendsCSVParser.value(cell) else {
                    throw ParseError(
                        source: source, line: lineNumber,
                        reason: "'\(cell.clipped(to: 78))' in column '\(names[c].clipped(to: 78))' is not a Trends value (a whole number 0–100, or blank)")
                }
                values.append(v)
            }
            rows.append(TrendsExport.Row(period: period, values: values))
            index += 1
        }
        guard !rows.isEmpty else { throw ParseError(source: source, line: headerIndex + 1, reason: "the header is not followed by any data rows") }
        return TrendsExport(format: .legacyCSV, resolution: resolution, columns: columns, rows: rows, property: property, window: window)
    }

    /// The first day of a row's period: a day, a month (`2004-01`), or a week's range `A - B` (B six days after A).
    static func periodStart(_ cell: String, resolution: Resolution, source: String, line: Int) throws -> Day {
        let text = cell.trimmingCharacters(in: .whitespaces)
        if resolution == .week {
            let parts = text.components(separatedBy: " - ")
            guard parts.count == 2, let a = day(parts[0]), let b = day(parts[1]) else {
                throw ParseError(source: source, line: line, reason: "'\(text.clipped(to: 78))' is not a week as 'YYYY-MM-DD - YYYY-MM-DD'")
            }
            guard a.distance(to: b) == 6 else {
                throw ParseError(source: source, line: line, reason: "the week '\(text.clipped(to: 78))' does not span seven days")
            }
            return a
        }
        if resolution == .month {
            let p = text.split(separator: "-")
            if p.count == 2, p[0].count == 4, let y = Int(p[0]), let m = Int(p[1]), let d = Day(year: y, month: m, day: 1) { return d }
            if let d = day(text), d == d.firstOfMonth { return d }
            throw ParseError(source: source, line: line, reason: "'\(text.clipped(to: 78))' is not a month as 'YYYY-MM'")
        }
        guard let d = day(text) else {
            throw ParseError(source: source, line: line, reason: "'\(text.clipped(to: 78))' is not a date (YYYY-MM-DD, M/D/YYYY or M/D/YY)")
        }
        return d
    }

    /// `YYYY-MM-DD`, `M/D/YYYY` or `M/D/YY` (20YY), within Trends' years.
    static func day(_ raw: String) -> Day? {
        let text = raw.trimmingCharacters(in: .whitespaces)
        if let d = Day(iso: text) { return (2004...2100).contains(d.components.year) ? d : nil }
        let p = text.split(separator: "/", omittingEmptySubsequences: false)
        guard p.count == 3, p.allSatisfy({ !$0.isEmpty && $0.count <= 4 && $0.allSatisfy(\.isASCII) }),
            let m = Int(p[0]), let d = Int(p[1]), var y = Int(p[2])
        else { return nil }
        if p[2].count == 2 { y += 2000 } else if p[2].count != 4 { return nil }
        guard (2004...2100).contains(y) else { return nil }
        return Day(year: y, month: m, day: d)
    }

}
