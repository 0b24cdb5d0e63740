import Foundation
import GlareCore
import GlareParsers
import GlareStore

/// `glare import gkg-bigquery RESULT.csv|.jsonl`: the exported result of `glare gkg bigquery`'s query,
/// taken in as the GKG files of the days it covers: per 15-minute slot, the records (pre-filtered on
/// BigQuery) matched by Glare's rules, the slot's distinct-URL hashes as the day's denominator, the
/// slot recorded processed; slots of the queried days with no row are recorded absent (GDELT published
/// nothing), so those days are complete. A slot already processed (here or from files) is skipped.
///
/// Each slot's name-index snapshot holds only its pre-filtered records: a roster change that adds a
/// person needs the query run again for her (`glare rebuild` re-matches only what was sent).
public struct GKGBigQueryImporter: Sendable {
    public let pipeline: GKGPipeline

    public init(pipeline: GKGPipeline) { self.pipeline = pipeline }

    /// One slot's rows in the result.
    struct Slot {
        var records = 0
        var hashes: [UInt64] = []
        var rows: [String] = []  // GKG 2.1 rows rebuilt from the record rows, tab-separated
    }

    /// Imports a result file; `translingual` when the query was for the translingual stream.
    public func importResult(_ path: String, translingual: Bool = false) throws -> GKGPipeline.Summary {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ImportError.unreadable(path: path, reason: "no such file or not readable")
        }
        let rows = try Self.rows(data, source: path)
        var range: ClosedRange<Day>?
        var slots: [String: Slot] = [:]
        for (line, row) in rows {
            switch row["row_kind"] ?? "" {
            case "query":
                let parts = (row["slot"] ?? "").split(separator: "-").map(String.init)
                guard parts.count == 2, let a = Self.day(parts[0]), let b = Self.day(parts[1]), a <= b else {
                    throw ParseError(source: path, line: line, reason: "a query row whose slot is not YYYYMMDD-YYYYMMDD")
                }
                range = a...b
            case "slot":
                guard let stamp = row["slot"], GKGSlot(stamp: stamp) != nil, let records = Int(row["records"] ?? "") else {
                    throw ParseError(source: path, line: line, reason: "a slot row without a YYYYMMDDHHMMSS slot and a record count")
                }
                var hashes: [UInt64] = []
                for item in (row["url_hashes"] ?? "").split(separator: " ") {
                    guard let h = UInt64(item, radix: 16) else {
                        throw ParseError(source: path, line: line, reason: "'\(item)' is not a 64-bit hex URL hash")
                    }
                    hashes.append(h)
                }
                slots[stamp, default: Slot()].records = records
                slots[stamp, default: Slot()].hashes = Array(Set(hashes)).sorted()
            case "record":
                guard let stamp = row["slot"], GKGSlot(stamp: stamp) != nil else {
                    throw ParseError(source: path, line: line, reason: "a record row without its slot")
                }
                var fields = [String](repeating: "", count: GKGReader.fieldCount)
                for (i, column) in Self.columns {
                    fields[i] = (row[column] ?? "").replacingOccurrences(of: "\t", with: " ").replacingOccurrences(of: "\n", with: " ")
                }
                if let title = row["title"], !title.isEmpty { fields[26] = "<PAGE_TITLE>\(title)</PAGE_TITLE>" }
                slots[stamp, default: Slot()].rows.append(fields.joined(separator: "\t"))
            default:
                throw ParseError(
                    source: path, line: line,
                    reason: "row_kind '\(row["row_kind"] ?? "")' is not query, slot or record: is this the result of 'glare gkg bigquery'?")
            }
        }
        guard let range else {
            throw ParseError(source: path, reason: "no query row: the result of 'glare gkg bigquery' names the days it asked for in one")
        }
        let stream = GKGFileProcessor.stream(translingual: translingual)
        let db = pipeline.database
        let outside = slots.keys.filter { s in GKGSlot(stamp: s).map { !range.contains($0.day) } ?? true }
        if let first = outside.sorted().first {
            throw ParseError(source: path, reason: "slot \(first) lies outside the days the query row names (\(range.lowerBound.iso)..\(range.upperBound.iso))")
        }
        var reports: [GKGPipeline.FileReport] = []
        // An I/O failure stops the slots, but what was stored is still derived before it is thrown (74).
        var failure: (any Error)?
        for slot in GKGSlot.slots(from: range.lowerBound, to: range.upperBound) where failure == nil {
            do {
                let name = "bigquery:" + slot.fileName(translingual: translingual)
                guard let found = slots[slot.stamp] else {
                    try db.write { try $0.recordGKGAbsent(stream: stream, slots: [slot]) }
                    reports.append(.init(name: name, stream: stream, slot: slot.stamp, outcome: .absent))
                    continue
                }
                if try db.read({ try $0.gkgStatus(stream: stream, slot: slot.stamp) }) == .done {
                    reports.append(.init(name: name, stream: stream, slot: slot.stamp, outcome: .skipped))
                    continue
                }
                let text = Data(found.rows.map { $0 + "\n" }.joined().utf8)
                var entries: [GKGEntry] = []
                let tally = GKGReader.read(text) { entries.append($0) }
                let matched = try pipeline.processor.result(entries, tally: tally, name: name, slot: slot, translingual: translingual)
                // The denominator is the slot's, from every record BigQuery read, not only those sent.
                let result = GKGFileResult(
                    stream: stream, slot: slot.stamp, day: slot.day, name: name, byteCount: nil, md5: nil, rows: found.records,
                    skipped: tally.skippedTotal, problems: matched.problems, matches: matched.matches,
                    days: [slot.day: (found.records, found.hashes)], urlsInIndex: false)
                try pipeline.store(
                    GKGFileProcessor.Output(result: result, index: GKGNameIndex.encode(entries), bytes: text.count, tally: tally), raw: nil)
                reports.append(
                    .init(
                        name: name, stream: stream, slot: slot.stamp, outcome: .processed, rows: found.records, skippedRows: tally.skippedTotal,
                        matches: matched.matches.count, bytes: text.count, problems: matched.problems))
            } catch {
                failure = error
            }
        }
        let summary = GKGPipeline.Summary(files: reports, incompleteDays: try pipeline.finish(streams: [stream], range: range))
        if let failure { throw failure }
        return summary
    }

    /// Result columns -> GKG 2.1 field positions.
    static let columns: [(Int, String)] = [
        (0, "GKGRECORDID"), (1, "DATE"), (3, "SourceCommonName"), (4, "DocumentIdentifier"), (7, "Themes"), (11, "Persons"),
        (12, "V2Persons"), (13, "Organizations"), (23, "AllNames"),
    ]

    static func day(_ compact: String) -> Day? {
        guard compact.count == 8, let y = Int(compact.prefix(4)), let m = Int(compact.dropFirst(4).prefix(2)), let d = Int(compact.suffix(2)) else {
            return nil
        }
        return Day(year: y, month: m, day: d)
    }

    /// The rows of a BigQuery export, with their lines: CSV with a header (RFC 4180 quoting, as BigQuery
    /// writes it), or newline-delimited JSON (values as strings or numbers, null for NULL).
    static func rows(_ data: Data, source: String) throws -> [(Int, [String: String])] {
        guard let text = String(data: data, encoding: .utf8) else {
            throw ParseError(source: source, reason: "not UTF-8 text (BigQuery exports UTF-8)")
        }
        if text.drop(while: { $0.isWhitespace }).first == "{" {
            var out: [(Int, [String: String])] = []
            for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where !line.trimmingCharacters(in: .whitespaces).isEmpty
            {
                guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                    throw ParseError(source: source, line: i + 1, reason: "not a JSON object (a newline-delimited JSON export has one per line)")
                }
                var row: [String: String] = [:]
                for (k, v) in object {
                    switch v {
                    case let s as String: row[k] = s
                    case let n as NSNumber: row[k] = n.stringValue
                    default: break  // null
                    }
                }
                out.append((i + 1, row))
            }
            return out
        }
        let records = csvRecords(text)
        guard let header = records.first?.cells, header.contains("row_kind") else {
            throw ParseError(source: source, line: 1, reason: "no 'row_kind' column: not the result of 'glare gkg bigquery'")
        }
        return records.dropFirst().map { record in
            var row: [String: String] = [:]
            for (k, v) in zip(header, record.cells) where !v.isEmpty { row[k] = v }
            return (record.line, row)
        }
    }

    /// RFC 4180 records (quoted cells may hold commas, doubled quotes and line breaks), with the line each starts on.
    static func csvRecords(_ text: String) -> [(line: Int, cells: [String])] {
        var out: [(line: Int, cells: [String])] = []
        var cells: [String] = []
        var cell = ""
        var quoted = false
        var line = 1, start = 1
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        func next() -> Unicode.Scalar? {
            if let p = pending { pending = nil; return p }
            return iterator.next()
        }
        while let c = next() {
            if quoted {
                if c == "\"" {
                    if let following = next() {
                        if following == "\"" { cell.unicodeScalars.append("\"") } else { quoted = false; pending = following }
                    } else {
                        quoted = false
                    }
                } else {
                    if c == "\n" { line += 1 }
                    cell.unicodeScalars.append(c)
                }
                continue
            }
            switch c {
            case "\"" where cell.isEmpty: quoted = true
            case ",": cells.append(cell); cell = ""
            case "\r": break
            case "\n":
                cells.append(cell)
                if !(cells.count == 1 && cells[0].isEmpty) { out.append((start, cells)) }
                cells = []; cell = ""
                line += 1
                start = line
            default: cell.unicodeScalars.append(c)
            }
        }
        if !cell.isEmpty || !cells.isEmpty { cells.append(cell); out.append((start, cells)) }
        return out
    }
}
