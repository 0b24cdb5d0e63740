public import Foundation
public import GlareCore

/// Reads GDELT GKG 2.1 files (27 tab-separated fields, no header, `.csv` in name only) as a stream of
/// chunks, handing over one `GKGRow` (bytes, no strings: what an import indexes) or `GKGEntry` per
/// record. A row that is short or long, carries bad UTF-8 in a field Glare keeps, or has no valid date
/// or URL is skipped and counted; nothing stops a file.
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
    /// The row's list items (persons, names, organisations, themes, one after another), kept from row to row.
    private var items: [GKGRow.Item] = []
    /// A title cleaning changed, kept from row to row.
    private var cleanedTitle: [UInt8] = []
    /// The last day read, by the first eight bytes of its date (a file's rows are nearly all of one day).
    private var lastDay: (key: UInt64, day: Day)? = nil
    public private(set) var tally = Tally()

    public init() {}

    /// Reads the complete lines of `chunk` as entries (a line cut at the chunk's end waits for the next).
    public mutating func feed(_ chunk: UnsafeRawBufferPointer, _ emit: (GKGEntry) -> Void) {
        feedRows(chunk, { emit(GKGEntry($0)) })
    }

    /// Reads the complete lines of `chunk` (a line cut at the chunk's end waits for the next).
    public mutating func feedRows(_ chunk: UnsafeRawBufferPointer, _ emit: (GKGRow) -> Void) {
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

    /// Reads whatever follows the last newline as an entry and returns the file's tally.
    public mutating func finish(_ emit: (GKGEntry) -> Void) -> Tally {
        finishRows({ emit(GKGEntry($0)) })
    }

    /// Reads whatever follows the last newline and returns the file's tally.
    public mutating func finishRows(_ emit: (GKGRow) -> Void) -> Tally {
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

    private mutating func row(_ bytes: UnsafeBufferPointer<UInt8>, _ emit: (GKGRow) -> Void) {
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
        func text(_ b: UnsafeBufferPointer<UInt8>) -> String { String(decoding: b, as: UTF8.self) }
        let id = raw(Field.id), date = raw(Field.date), outlet = raw(Field.outlet), url = raw(Field.url)
        guard UTF8Bytes.isValid(id), UTF8Bytes.isValid(date), UTF8Bytes.isValid(outlet), UTF8Bytes.isValid(url) else {
            return skip("invalid UTF-8")
        }
        guard date.count == 14, date.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return skip("bad DATE '\(text(date).prefix(20))'") }
        guard !url.isEmpty else { return skip("no DOCUMENTIDENTIFIER") }
        // A list is UTF-8 when each of its items is: they are split at ASCII bytes, and what lies between
        // them (separators, offsets) is ASCII.
        let personsV2 = raw(Field.personsV2), allNames = raw(Field.allNames), organizations = raw(Field.organizations)
        let themes = raw(Field.themes), personsV1 = raw(Field.persons)
        guard UTF8Bytes.isValid(personsV2), UTF8Bytes.isValid(allNames), UTF8Bytes.isValid(organizations), UTF8Bytes.isValid(themes),
            UTF8Bytes.isValid(personsV1)
        else { return skip("invalid UTF-8") }
        items.removeAll(keepingCapacity: true)
        Self.appendNames(personsV2, to: &items)
        if items.isEmpty { Self.appendList(personsV1, to: &items) }
        let personsEnd = items.count
        Self.appendNames(allNames, to: &items)
        let namesEnd = items.count
        Self.appendList(organizations, to: &items)
        let organizationsEnd = items.count
        Self.appendList(themes, to: &items)
        var title = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
        var cleaned = false
        if let t = Self.between(raw(Field.extras), Self.titleOpen, Self.titleClose) {
            guard UTF8Bytes.isValid(t) else { return skip("invalid UTF-8") }
            // Only a title with a character reference or a control character is changed by cleaning.
            if t.contains(where: { $0 == 0x26 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
                cleanedTitle = Array(GKGText.cleanTitle(text(t)).utf8)
                cleaned = true
            } else {
                title = t
            }
        }
        let key = UnsafeRawPointer(date.baseAddress!).loadUnaligned(as: UInt64.self)
        let day: Day
        if let last = lastDay, last.key == key {
            day = last.day
        } else {
            guard let d = Day(compact: text(date)) else { return skip("bad DATE '\(text(date))'") }
            lastDay = (key, d)
            day = d
        }
        tally.entries += 1
        items.withUnsafeBufferPointer { all in
            func slice(_ r: Range<Int>) -> UnsafeBufferPointer<GKGRow.Item> { UnsafeBufferPointer(rebasing: all[r]) }
            func row(title: UnsafeBufferPointer<UInt8>) -> GKGRow {
                GKGRow(
                    recordId: id, date: date, outlet: outlet, url: url, title: title, persons: slice(0..<personsEnd),
                    names: slice(personsEnd..<namesEnd), organizations: slice(namesEnd..<organizationsEnd),
                    themes: slice(organizationsEnd..<all.count), day: day)
            }
            if cleaned { cleanedTitle.withUnsafeBufferPointer { emit(row(title: $0)) } } else { emit(row(title: title)) }
        }
    }

    static let titleOpen = Array("<PAGE_TITLE>".utf8), titleClose = Array("</PAGE_TITLE>".utf8)

    /// The bytes between `open` and `close` (or the end), if `open` occurs.
    static func between(_ b: UnsafeBufferPointer<UInt8>, _ open: [UInt8], _ close: [UInt8]) -> UnsafeBufferPointer<UInt8>? {
        guard let start = ByteSearch.find(b, open, from: 0) else { return nil }
        let from = start + open.count
        let end = ByteSearch.find(b, close, from: from) ?? b.count
        return UnsafeBufferPointer(rebasing: b[from..<end])
    }

    /// Appends the distinct items of `a;b;c`, in first-seen order, each counted once.
    static func appendList(_ field: UnsafeBufferPointer<UInt8>, to items: inout [GKGRow.Item]) {
        let first = items.count
        var index: [Bytes: Int]? = nil
        forEachItem(field) { add($0, to: &items, from: first, counting: false, index: &index) }
    }

    /// Appends the distinct names of `Name,offset;Name,offset`, in first-seen order, with the times each occurs.
    static func appendNames(_ field: UnsafeBufferPointer<UInt8>, to items: inout [GKGRow.Item]) {
        let first = items.count
        var index: [Bytes: Int]? = nil
        forEachItem(field) { item in
            var end = item.count
            var k = end - 1
            while k >= 0 && item[k] >= 0x30 && item[k] <= 0x39 { k -= 1 }
            if k >= 0 && k < end - 1 && item[k] == 0x2C { end = k }
            guard end > 0 else { return }
            add(UnsafeBufferPointer(rebasing: item[0..<end]), to: &items, from: first, counting: true, index: &index)
        }
    }

    /// Adds `bytes` to the list `items[first...]` unless it holds them already (then, `counting`, counts
    /// one more). Short lists are searched item by item; from 64 distinct items on, `index` finds them.
    static func add(
        _ bytes: UnsafeBufferPointer<UInt8>, to items: inout [GKGRow.Item], from first: Int, counting: Bool, index: inout [Bytes: Int]?
    ) {
        if index == nil {
            if items.count - first < 64 {
                for i in first..<items.count where same(items[i].bytes, bytes) {
                    if counting { items[i].count += 1 }
                    return
                }
                items.append(GKGRow.Item(bytes: bytes, count: 1))
                return
            }
            var map: [Bytes: Int] = [:]
            for i in first..<items.count { map[Bytes(items[i].bytes)] = i }
            index = map
        }
        if let i = index![Bytes(bytes)] {
            if counting { items[i].count += 1 }
        } else {
            index![Bytes(bytes)] = items.count
            items.append(GKGRow.Item(bytes: bytes, count: 1))
        }
    }

    static func same(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        a.count == b.count && (a.count == 0 || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0)
    }

    /// Bytes compared and hashed as bytes (a long list's index).
    struct Bytes: Hashable {
        let bytes: UnsafeBufferPointer<UInt8>
        init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }
        static func == (a: Bytes, b: Bytes) -> Bool { same(a.bytes, b.bytes) }
        func hash(into hasher: inout Hasher) { hasher.combine(bytes: UnsafeRawBufferPointer(bytes)) }
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
