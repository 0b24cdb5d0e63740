public import Foundation
public import GlareCore

/// Reads GDELT GKG 2.1 files (27 tab-separated fields, no header, `.csv` in name only) as a stream of
/// chunks, producing one `GKGEntry` per record. A row that is short or long, carries bad UTF-8 in a
/// field Glare keeps, or has no valid date or URL is skipped and counted; nothing stops a file.
public struct GKGReader {
    /// What a file held.
    public struct Tally: Sendable, Equatable {
        public var rows = 0
        public var entries = 0
        /// Reason -> rows skipped for it.
        public var skipped: [String: Int] = [:]
        /// The first few problems, as `line N: reason`.
        public var examples: [String] = []
        public var skippedTotal: Int { skipped.values.reduce(0, +) }
        public init() {}
    }

    public static let fieldCount = 27
    /// The longest row read (8 MiB). GKG rows run to a few KB, rarely a few hundred; a longer one is a bad
    /// row, skipped and counted, and a reader never holds more than this much of an unfinished row.
    public static let maxRowBytes = 8 << 20
    enum Field {
        static let id = 0, date = 1, outlet = 3, url = 4, themes = 7, persons = 11, personsV2 = 12
        static let organizations = 13, allNames = 23, extras = 26
    }

    private var pending: [UInt8] = []
    /// Field starts of the row being read (kept, not allocated per row).
    private var bounds = [Int](repeating: 0, count: fieldCount + 1)
    /// The row being read is over `maxRowBytes`: its bytes are dropped up to the next line break.
    private var overlong = false
    private var line = 0
    public private(set) var tally = Tally()

    public init() {}

    /// Reads the complete lines of `chunk` (a line cut at the chunk's end waits for the next).
    public mutating func feed(_ chunk: UnsafeRawBufferPointer, _ emit: (GKGEntry) -> Void) {
        guard let base = chunk.baseAddress?.assumingMemoryBound(to: UInt8.self), chunk.count > 0 else { return }
        var start = 0
        let n = chunk.count
        while start < n {
            guard let nl = memchr(base + start, 0x0A, n - start) else {
                if !overlong, pending.count + (n - start) > Self.maxRowBytes {
                    overlong = true
                    pending.removeAll()
                }
                if !overlong { pending.append(contentsOf: UnsafeBufferPointer(start: base + start, count: n - start)) }
                return
            }
            let end = base.distance(to: nl.assumingMemoryBound(to: UInt8.self))
            if overlong || pending.count + (end - start) > Self.maxRowBytes {
                overlong = false
                pending.removeAll(keepingCapacity: false)
                tooLong()
            } else if pending.isEmpty {
                row(UnsafeBufferPointer(start: base + start, count: end - start), emit)
            } else {
                pending.append(contentsOf: UnsafeBufferPointer(start: base + start, count: end - start))
                let whole = pending
                pending.removeAll(keepingCapacity: true)
                whole.withUnsafeBufferPointer { row($0, emit) }
            }
            start = end + 1
        }
    }

    /// Counts a row over `maxRowBytes` as skipped.
    private mutating func tooLong() {
        line += 1
        tally.rows += 1
        skip("row longer than \(Self.maxRowBytes >> 20) MiB")
    }

    /// Reads whatever follows the last newline and returns the file's tally.
    public mutating func finish(_ emit: (GKGEntry) -> Void) -> Tally {
        if overlong {
            overlong = false
            tooLong()
        } else if !pending.isEmpty {
            let rest = pending
            pending = []
            rest.withUnsafeBufferPointer { row($0, emit) }
        }
        return tally
    }

    /// Reads a whole file's bytes.
    public static func read(_ data: Data, _ emit: (GKGEntry) -> Void) -> Tally {
        var reader = GKGReader()
        data.withUnsafeBytes { reader.feed($0, emit) }
        return reader.finish(emit)
    }

    private mutating func skip(_ reason: String) {
        tally.skipped[reason, default: 0] += 1
        if tally.examples.count < 5 { tally.examples.append("line \(line): \(reason)") }
    }

    private mutating func row(_ bytes: UnsafeBufferPointer<UInt8>, _ emit: (GKGEntry) -> Void) {
        line += 1
        var b = bytes
        if let last = b.last, last == 0x0D { b = UnsafeBufferPointer(rebasing: b.dropLast()) }
        if b.isEmpty { return }  // blank lines are not rows
        tally.rows += 1
        bounds.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }  // field i is bounds[i]..<bounds[i+1]-1
        var fields = 1
        var p = 0
        let base = b.baseAddress!
        while p < b.count, let tab = memchr(base + p, 0x09, b.count - p) {
            let at = base.distance(to: tab.assumingMemoryBound(to: UInt8.self))
            if fields == Self.fieldCount { fields += 1; break }
            bounds[fields] = at + 1
            fields += 1
            p = at + 1
        }
        guard fields == Self.fieldCount else {
            return skip(fields < Self.fieldCount ? "short row (\(fields) fields, expected 27)" : "long row (more than 27 fields)")
        }
        bounds[Self.fieldCount] = b.count + 1
        func raw(_ i: Int) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: b[bounds[i]..<(bounds[i + 1] - 1)]) }
        func text(_ i: Int) -> String? { UTF8Bytes.string(raw(i)) }
        guard let id = text(Field.id), let date = text(Field.date), let outlet = text(Field.outlet), let url = text(Field.url)
        else { return skip("invalid UTF-8") }
        guard date.utf8.count == 14, date.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return skip("bad DATE '\(date.prefix(20))'") }
        guard !url.isEmpty else { return skip("no DOCUMENTIDENTIFIER") }
        guard var persons = Self.names(raw(Field.personsV2)), let names = Self.names(raw(Field.allNames)),
            let orgs = Self.list(raw(Field.organizations)), let themes = Self.list(raw(Field.themes)),
            let persons1 = Self.list(raw(Field.persons))
        else { return skip("invalid UTF-8") }
        if persons.isEmpty { persons = persons1.map { GKGEntry.Name($0, count: 1) } }
        let extras = raw(Field.extras)
        var title = ""
        if let t = Self.between(extras, Self.titleOpen, Self.titleClose) {
            guard let decoded = UTF8Bytes.string(t) else { return skip("invalid UTF-8") }
            title = GKGText.cleanTitle(decoded)
        }
        let entry = GKGEntry(
            recordId: id, date: date, outlet: outlet, url: url, title: title,
            persons: persons, names: names, organizations: orgs, themes: themes)
        guard entry.day != nil else { return skip("bad DATE '\(date)'") }
        tally.entries += 1
        emit(entry)
    }

    static let titleOpen = Array("<PAGE_TITLE>".utf8), titleClose = Array("</PAGE_TITLE>".utf8)

    /// The bytes between `open` and `close` (or the end), if `open` occurs.
    static func between(_ b: UnsafeBufferPointer<UInt8>, _ open: [UInt8], _ close: [UInt8]) -> UnsafeBufferPointer<UInt8>? {
        guard let start = ByteSearch.find(b, open, from: 0) else { return nil }
        let from = start + open.count
        let end = ByteSearch.find(b, close, from: from) ?? b.count
        return UnsafeBufferPointer(rebasing: b[from..<end])
    }

    /// `a;b;c` -> distinct items in order; nil when not UTF-8. Duplicates are found on the bytes (length,
    /// then memcmp) before any string is made; a long list falls back to hashing.
    static func list(_ field: UnsafeBufferPointer<UInt8>) -> [String]? {
        var items: [UnsafeBufferPointer<UInt8>] = []
        if !field.isEmpty { items.reserveCapacity(16) }  // grown one by one, a list cost more in copies than in items
        forEachItem(field) { items.append($0) }
        if items.count > 64 {
            var seen = Set<String>()
            var out: [String] = []
            for item in items {
                guard let s = UTF8Bytes.string(item) else { return nil }
                if seen.insert(s).inserted { out.append(s) }
            }
            return out
        }
        var out: [String] = []
        out.reserveCapacity(items.count)
        for (i, item) in items.enumerated() where !items[0..<i].contains(where: { same($0, item) }) {
            guard let s = UTF8Bytes.string(item) else { return nil }
            out.append(s)
        }
        return out
    }

    static func same(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        a.count == b.count && (a.count == 0 || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0)
    }

    /// `Name,offset;Name,offset` -> distinct names with their occurrence counts, in first-seen order;
    /// nil when not UTF-8. Names are compared as bytes; a string is made once per distinct name.
    static func names(_ field: UnsafeBufferPointer<UInt8>) -> [GKGEntry.Name]? {
        var distinct: [UnsafeBufferPointer<UInt8>] = []
        var counts: [Int] = []
        var order: [String] = []
        if !field.isEmpty {  // grown one by one, a list cost more in copies than in names
            distinct.reserveCapacity(16)
            counts.reserveCapacity(16)
            order.reserveCapacity(16)
        }
        var byName: [String: Int]? = nil  // for a long list
        var ok = true
        forEachItem(field) { item in
            guard ok else { return }
            var end = item.count
            var k = end - 1
            while k >= 0 && item[k] >= 0x30 && item[k] <= 0x39 { k -= 1 }
            if k >= 0 && k < end - 1 && item[k] == 0x2C { end = k }
            guard end > 0 else { return }
            let name = UnsafeBufferPointer(rebasing: item[0..<end])
            if distinct.count >= 64 && byName == nil {
                var map: [String: Int] = [:]
                for (i, s) in order.enumerated() { map[s] = i }
                byName = map
            }
            if byName != nil {
                guard let s = UTF8Bytes.string(name) else { ok = false; return }
                if let i = byName![s] {
                    counts[i] += 1
                } else {
                    byName![s] = order.count
                    order.append(s)
                    distinct.append(name)
                    counts.append(1)
                }
                return
            }
            if let i = distinct.firstIndex(where: { same($0, name) }) {
                counts[i] += 1
                return
            }
            guard let s = UTF8Bytes.string(name) else { ok = false; return }
            distinct.append(name)
            order.append(s)
            counts.append(1)
        }
        guard ok else { return nil }
        return zip(order, counts).map { GKGEntry.Name($0, count: $1) }
    }

    /// Calls `body` with each non-empty `;`-separated item.
    static func forEachItem(_ field: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        guard let base = field.baseAddress else { return }
        var start = 0
        while start < field.count {
            let end = memchr(base + start, 0x3B, field.count - start).map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) } ?? field.count
            if end > start { body(UnsafeBufferPointer(rebasing: field[start..<end])) }
            start = end + 1
        }
    }
}
