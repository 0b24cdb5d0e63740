public import Foundation
public import GlareCore

/// A version 2 GKG name index read in place: its string table and records as byte ranges, checked as
/// `GKGNameIndex.decode` checks them (structure, string numbers, UTF-8), but with no string made until
/// asked for. A rebuild looks up each distinct name of a file once by its number and makes a record's
/// `GKGEntry` only for the few records that may match.
public struct GKGNameIndexTable: Sendable {
    /// The index after its header line.
    let body: [UInt8]
    /// Per string of the table: where its bytes start and end in `body`.
    let stringStarts: [Int32]
    let stringEnds: [Int32]
    /// Per record: where it starts, where its title starts and ends, and where its persons list starts.
    let recordStarts: [Int32]
    let titleStarts: [Int32]
    let titleEnds: [Int32]
    let listStarts: [Int32]
    let source: String

    /// The number of records.
    public var count: Int { recordStarts.count }
    /// The number of distinct strings in the table.
    public var stringCount: Int { stringStarts.count }

    /// Reads a version 2 index (nil for a version 1 text index, which `GKGNameIndex.decode` reads);
    /// damage is a `ParseError` naming `source`, as `decode` reports it.
    public init?(_ data: Data, source: String) throws {
        let header = Array((GKGNameIndex.header + "\n").utf8)
        guard data.count >= header.count, data.prefix(header.count).elementsEqual(header) else { return nil }
        body = Array(data.dropFirst(header.count))
        self.source = source
        guard body.count < Int(Int32.max) else { throw ParseError(source: source, reason: "the GKG name index is too large (\(body.count) bytes)") }
        var stringStarts: [Int32] = [], stringEnds: [Int32] = []
        var recordStarts: [Int32] = [], titleStarts: [Int32] = [], titleEnds: [Int32] = [], listStarts: [Int32] = []
        try body.withUnsafeBufferPointer { b in
            var p = 0
            func damaged(_ what: String) -> ParseError {
                ParseError(source: source, reason: "the GKG name index is damaged (\(what) at byte \(p))")
            }
            func u32() throws -> Int {
                guard p + 4 <= b.count else { throw damaged("truncated") }
                let v = Int(b[p]) | Int(b[p + 1]) << 8 | Int(b[p + 2]) << 16 | Int(b[p + 3]) << 24
                p += 4
                return v
            }
            func varint() throws -> Int {
                var v = 0
                var shift = 0
                while true {
                    guard p < b.count, shift < 63 else { throw damaged("truncated number") }
                    let byte = b[p]
                    p += 1
                    v |= Int(byte & 0x7F) << shift
                    if byte < 0x80 { return v }
                    shift += 7
                }
            }
            /// Skips a length-prefixed text after checking it is UTF-8; returns its range.
            func text() throws -> (Int, Int) {
                let n = try varint()
                guard n <= b.count - p else { throw damaged("truncated text") }
                guard UTF8Bytes.isValid(UnsafeBufferPointer(rebasing: b[p..<(p + n)])) else { throw damaged("text that is not UTF-8") }
                defer { p += n }
                return (p, p + n)
            }
            let stringCount = try u32(), recordCount = try u32()
            guard stringCount <= b.count, recordCount <= b.count else { throw damaged("impossible counts") }
            stringStarts.reserveCapacity(stringCount)
            stringEnds.reserveCapacity(stringCount)
            for _ in 0..<stringCount {
                let (s, e) = try text()
                stringStarts.append(Int32(s))
                stringEnds.append(Int32(e))
            }
            func string() throws {
                let n = try varint()
                guard n < stringCount else { throw damaged("string number \(n) of \(stringCount)") }
            }
            func count() throws -> Int {
                let n = try varint()
                guard n <= b.count - p else { throw damaged("impossible list length") }
                return n
            }
            recordStarts.reserveCapacity(recordCount)
            for _ in 0..<recordCount {
                recordStarts.append(Int32(p))
                _ = try text()  // id
                try string()  // date
                try string()  // outlet
                _ = try text()  // url
                let (ts, te) = try text()
                titleStarts.append(Int32(ts))
                titleEnds.append(Int32(te))
                listStarts.append(Int32(p))
                for _ in 0..<2 {
                    for _ in 0..<(try count()) {
                        try string()
                        _ = try varint()
                    }
                }
                for _ in 0..<2 {
                    for _ in 0..<(try count()) { try string() }
                }
            }
            guard p == b.count else { throw damaged("\(b.count - p) bytes after the last record") }
        }
        self.stringStarts = stringStarts
        self.stringEnds = stringEnds
        self.recordStarts = recordStarts
        self.titleStarts = titleStarts
        self.titleEnds = titleEnds
        self.listStarts = listStarts
    }

    /// String `i` of the table.
    public func string(_ i: Int) -> String {
        body.withUnsafeBufferPointer { b in String(decoding: UnsafeBufferPointer(rebasing: b[Int(stringStarts[i])..<Int(stringEnds[i])]), as: UTF8.self) }
    }

    /// Record `r`'s id.
    public func recordId(_ r: Int) -> String {
        body.withUnsafeBufferPointer { b in
            var p = Int(recordStarts[r])
            var n = 0
            var shift = 0
            while true {
                let byte = b[p]
                p += 1
                n |= Int(byte & 0x7F) << shift
                if byte < 0x80 { break }
                shift += 7
            }
            return String(decoding: UnsafeBufferPointer(rebasing: b[p..<(p + n)]), as: UTF8.self)
        }
    }

    /// Calls `body` with the string number of every name in record `r`'s persons and all-names lists.
    public func forEachName(of r: Int, _ visit: (Int) -> Void) {
        body.withUnsafeBufferPointer { b in
            var p = Int(listStarts[r])
            func varint() -> Int {
                var v = 0
                var shift = 0
                while true {
                    let byte = b[p]
                    p += 1
                    v |= Int(byte & 0x7F) << shift
                    if byte < 0x80 { return v }
                    shift += 7
                }
            }
            for _ in 0..<2 {
                for _ in 0..<varint() {
                    visit(varint())
                    _ = varint()
                }
            }
        }
    }

    /// Every record's title, each followed by a line break, as one text; `starts[r]` is where record
    /// `r`'s title begins in it.
    public func joinedTitles() -> (bytes: [UInt8], starts: [Int]) {
        var out: [UInt8] = []
        var starts: [Int] = []
        starts.reserveCapacity(count)
        var total = 0
        for r in 0..<count { total += Int(titleEnds[r] - titleStarts[r]) + 1 }
        out.reserveCapacity(total)
        body.withUnsafeBufferPointer { b in
            for r in 0..<count {
                starts.append(out.count)
                out.append(contentsOf: UnsafeBufferPointer(rebasing: b[Int(titleStarts[r])..<Int(titleEnds[r])]))
                out.append(0x0A)
            }
        }
        return (out, starts)
    }

    /// Record `r` as `GKGNameIndex.decode` gives it.
    public func entry(_ r: Int) -> GKGEntry {
        body.withUnsafeBufferPointer { b in
            var p = Int(recordStarts[r])
            func varint() -> Int {
                var v = 0
                var shift = 0
                while true {
                    let byte = b[p]
                    p += 1
                    v |= Int(byte & 0x7F) << shift
                    if byte < 0x80 { return v }
                    shift += 7
                }
            }
            func text() -> String {
                let n = varint()
                defer { p += n }
                return String(decoding: UnsafeBufferPointer(rebasing: b[p..<(p + n)]), as: UTF8.self)
            }
            func string() -> String { self.string(varint()) }
            let id = text(), date = string(), outlet = string(), url = text(), title = text()
            func counted() -> [GKGEntry.Name] { (0..<varint()).map { _ in GKGEntry.Name(string(), count: varint()) } }
            func plain() -> [String] { (0..<varint()).map { _ in string() } }
            let persons = counted(), names = counted(), organizations = plain(), themes = plain()
            return GKGEntry(
                recordId: id, date: date, outlet: outlet, url: url, title: title, persons: persons, names: names,
                organizations: organizations, themes: themes)
        }
    }
}
