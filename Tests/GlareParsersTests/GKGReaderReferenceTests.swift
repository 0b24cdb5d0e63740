import Foundation
import GlareCore
import GlareParsers
import Testing

/// Issue 19: an import reads GKG rows as bytes (`GKGRow`) and writes the name index from them with no
/// string made. Checked against the reader's rules written plainly (`Reference`: whole lines split with
/// `split`, UTF-8 checked by the standard library, lists made distinct by comparing byte arrays) over
/// rows built to break them: invalid bytes in every field (kept or not), bad and odd dates, empty URLs,
/// names with and without offsets, canonically equal names in different bytes, lists of more than 64
/// distinct items, titles with character references, carriage returns and no end tag, short, long and
/// blank lines, CRLF.
@Suite struct GKGReaderReferenceTests {
    /// What the reader must give for a file: entries, rows, skip reasons and the first examples.
    struct Reference {
        var entries: [GKGEntry] = []
        var rows = 0
        var skipped: [String: Int] = [:]
        var examples: [String] = []

        init(_ data: [UInt8]) {
            var pieces = data.split(separator: 0x0A, omittingEmptySubsequences: false)
            if pieces.last?.isEmpty == true { pieces.removeLast() }  // after the last line break
            for (i, piece) in pieces.enumerated() {
                var line = Array(piece)
                if line.last == 0x0D { line.removeLast() }
                if line.isEmpty { continue }
                rows += 1
                if let reason = read(line) {
                    skipped[reason, default: 0] += 1
                    if examples.count < 5 { examples.append("line \(i + 1): \(reason)") }
                }
            }
        }

        /// Reads one line; the reason it is skipped, if it is.
        mutating func read(_ line: [UInt8]) -> String? {
            let f = line.split(separator: 0x09, omittingEmptySubsequences: false).map(Array.init)
            if f.count > 27 { return "long row (more than 27 fields)" }
            if f.count < 27 { return "short row (\(f.count) fields, expected 27)" }
            func text(_ b: [UInt8]) -> String? { String(validating: b, as: UTF8.self) }
            guard let id = text(f[0]), let date = text(f[1]), let outlet = text(f[3]), let url = text(f[4]) else { return "invalid UTF-8" }
            guard f[1].count == 14, f[1].allSatisfy({ (0x30...0x39).contains($0) }) else { return "bad DATE '\(date.prefix(20))'" }
            guard !url.isEmpty else { return "no DOCUMENTIDENTIFIER" }
            guard [f[12], f[23], f[13], f[7], f[11]].allSatisfy({ text($0) != nil }) else { return "invalid UTF-8" }
            func items(_ b: [UInt8]) -> [[UInt8]] { b.split(separator: 0x3B).map(Array.init) }
            func distinct(_ b: [UInt8]) -> [String] {
                var seen: [[UInt8]] = []
                for item in items(b) where !seen.contains(item) { seen.append(item) }
                return seen.map { text($0)! }
            }
            func counted(_ b: [UInt8]) -> [GKGEntry.Name] {
                var seen: [([UInt8], Int)] = []
                for var name in items(b) {
                    if let comma = name.lastIndex(of: 0x2C), comma < name.count - 1, name[(comma + 1)...].allSatisfy({ (0x30...0x39).contains($0) }) {
                        name = Array(name[..<comma])
                    }
                    if name.isEmpty { continue }
                    if let i = seen.firstIndex(where: { $0.0 == name }) { seen[i].1 += 1 } else { seen.append((name, 1)) }
                }
                return seen.map { GKGEntry.Name(text($0.0)!, count: $0.1) }
            }
            var persons = counted(f[12])
            if persons.isEmpty { persons = distinct(f[11]).map { GKGEntry.Name($0, count: 1) } }
            var title = ""
            let open = Array("<PAGE_TITLE>".utf8), close = Array("</PAGE_TITLE>".utf8)
            if let start = Self.find(open, in: f[26], from: 0) {
                let from = start + open.count
                let body = Array(f[26][from..<(Self.find(close, in: f[26], from: from) ?? f[26].count)])
                guard let t = text(body) else { return "invalid UTF-8" }
                title = GKGText.cleanTitle(t)
            }
            let entry = GKGEntry(
                recordId: id, date: date, outlet: outlet, url: url, title: title, persons: persons, names: counted(f[23]),
                organizations: distinct(f[13]), themes: distinct(f[7]))
            guard entry.day != nil else { return "bad DATE '\(date)'" }
            entries.append(entry)
            return nil
        }

        static func find(_ needle: [UInt8], in b: [UInt8], from: Int) -> Int? {
            guard b.count >= needle.count, from <= b.count - needle.count else { return nil }
            return (from...(b.count - needle.count)).first { b[$0..<($0 + needle.count)].elementsEqual(needle) }
        }
    }

    /// A file of hostile rows.
    static func file(seed: UInt64, rows: Int) -> [UInt8] {
        var rng = SplitMix64(seed: seed)
        func chance(_ percent: UInt64) -> Bool { rng.next(below: 100) < percent }
        func pick<T>(_ pool: [T]) -> T { pool[Int(rng.next(below: UInt64(pool.count)))] }
        let names = [
            "Liu Xia", "LIU XIA", "Ren\u{E9} Dupont", "Rene\u{301} Dupont", "Bùi Thị Minh Hằng", "王宇", "Khadija Ismayilova", "Name,", "Name,12a",
            ",34", "34", "", " ", "A,B", "Nadiya Savchenko", "&amp;", "O'Brien",
        ]
        let titles = [
            "", "Plain title", "Gao Yu&#39;s trial", "B&#xC5;&#x99;ezinov&#xC3;&#xA1; freed", "Tom &amp; Jerry", "Line\rbreak", "Łódź",
            "&#xFF;&#xFE; not UTF-8 as bytes", "&unknown; entity", "&#99999999;",
        ]
        var out: [UInt8] = []
        for r in 0..<rows {
            if chance(3) {  // a blank line
                out.append(0x0A)
                continue
            }
            func list(_ pool: [String], counted: Bool) -> [UInt8] {
                var parts: [String] = []
                if chance(5) {
                    // A long list: 40–140 distinct items (past the 64 searched one by one, where an index of
                    // their bytes takes over), then as many again drawn from them and the pool (repeats).
                    // Every tenth also in two canonically equal spellings, which stay two items.
                    let distinct = (0..<(40 + Int(rng.next(below: 100)))).flatMap { $0 % 10 == 0 ? ["P\($0)", "Q\($0)\u{E9}", "Q\($0)e\u{301}"] : ["P\($0)"] }
                    parts = distinct + (0..<distinct.count).map { _ in chance(50) ? pick(distinct) : pick(pool) }
                } else {
                    parts = (0..<Int(rng.next(below: 6))).map { _ in chance(30) ? "P\(rng.next(below: 4))" : pick(pool) }
                }
                if counted { parts = parts.map { chance(80) ? $0 + ",\(rng.next(below: 5000))" : $0 } }
                return Array(parts.joined(separator: chance(10) ? ";;" : ";").utf8)
            }
            var fields = [[UInt8]](repeating: [], count: 27)
            fields[0] = Array("20150901000000-\(r)".utf8)
            fields[1] = Array(
                (chance(90)
                    ? "201509\(pick(["01", "02"]))\(pick(["00", "12", "23"]))3000"
                    : pick(["2015090100000", "2015x901000000", "20151301000000", "20150931000000", "٢٠١٥09010000"])).utf8)
            fields[3] = Array("outlet\(rng.next(below: 5)).example".utf8)
            fields[4] = chance(3) ? [] : Array("https://a.example/\(rng.next(below: UInt64(rows)))\(chance(5) ? "/é" : "")".utf8)
            fields[7] = list(["ARREST", "TAX_FNCACT_JOURNALIST", "LEADER", "É"], counted: false)
            fields[11] = chance(50) ? list(names.map { $0.lowercased() }, counted: false) : []
            fields[12] = chance(30) ? [] : list(names, counted: true)
            fields[13] = list(["United Nations", "Nobel Committee", "Ministry"], counted: false)
            fields[17] = Array("wc:120,c1.1:2".utf8)
            fields[23] = list(names, counted: true)
            if !chance(20) {
                fields[26] = Array(("<PAGE_LINKS>x</PAGE_LINKS><PAGE_TITLE>" + pick(titles) + (chance(90) ? "</PAGE_TITLE>" : "")).utf8)
            }
            if chance(8) {  // an invalid byte in some field, kept or not
                let k = Int(rng.next(below: 27))
                fields[k].insert(pick([0xFF, 0xC3, 0xED, 0x80]), at: Int(rng.next(below: UInt64(fields[k].count + 1))))
            }
            if chance(2) { fields.removeLast() }  // short
            if chance(2) { fields.append(Array("extra".utf8)) }  // long
            out += Array(fields.joined(separator: [0x09]))
            out += chance(10) ? [0x0D, 0x0A] : [0x0A]
        }
        if chance(50), out.last == 0x0A { out.removeLast() }  // no line break after the last row
        return out
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6]) func rowsAndEntriesAreWhatTheRulesSay(seed: UInt64) throws {
        let data = Self.file(seed: seed, rows: 1500)
        let reference = Reference(data)
        #expect(reference.entries.count > 900 && reference.skipped.count >= 4, "the file reaches the rules")
        // Lists past 64 distinct items, counted and plain, with repeats after the 64th.
        #expect(reference.entries.contains { $0.names.count > 64 && $0.names.contains { $0.count > 1 } })
        #expect(reference.entries.contains { $0.themes.count > 64 })
        // Entries, read whole.
        var entries: [GKGEntry] = []
        let tally = GKGReader.read(Data(data)) { entries.append($0) }
        #expect(tally.rows == reference.rows && tally.entries == reference.entries.count)
        #expect(tally.skipped == reference.skipped && tally.examples == reference.examples)
        #expect(entries.count == reference.entries.count)
        for (a, b) in zip(entries, reference.entries) where a != b {
            Issue.record("record \(b.recordId): read \(a), expected \(b)")
            break
        }
        // Rows, fed in chunks of random sizes, written into a name index: the index of the expected entries.
        var rng = SplitMix64(seed: seed)
        var reader = GKGReader()
        var writer = GKGNameIndexWriter()
        var days: [Day] = []
        var i = 0
        while i < data.count {
            let n = 1 + Int(rng.next(below: 5000))
            data[i..<min(data.count, i + n)].withUnsafeBytes { chunk in
                reader.feedRows(chunk) { row in
                    writer.append(row)
                    days.append(row.day)
                }
            }
            i += n
        }
        #expect(
            reader.finishRows({
                writer.append($0); days.append($0.day)
            }) == tally)
        let index = writer.data()
        #expect(index == GKGNameIndex.encode(reference.entries))
        #expect(try GKGNameIndex.decode(index, source: "t") == reference.entries)
        #expect(days == reference.entries.map { $0.day! })
    }
}
