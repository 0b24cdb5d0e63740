public import Foundation
public import GlareCore

/// A version 2 GKG name index read in place: its string table and records as byte ranges, checked as
/// `GKGNameIndex.decode` checks them (structure, string numbers, UTF-8), but with no string made until
/// asked for. A rebuild looks up each distinct name of a file once by its number and makes a record's
/// `GKGEntry` only for the few records that may match.
public struct GKGNameIndexTable: Sendable {
    /// The index, read in place (its body starts after the header line).
    let data: Data
    let headerCount: Int
    /// Per string of the table: where its bytes start and end in the index's body (`withBody`).
    let stringStarts: [Int32]
    let stringEnds: [Int32]
    /// Per record: where it starts, where its title starts and ends, and where its persons list starts.
    let recordStarts: [Int32]
    let titleStarts: [Int32]
    let titleEnds: [Int32]
    let listStarts: [Int32]
    let source: String
    /// The strings some record's persons or all-names list holds, ascending: the names a matcher looks up.
    public let nameStrings: [Int32]

    /// The number of records.
    public var count: Int { recordStarts.count }
    /// The number of distinct strings in the table.
    public var stringCount: Int { stringStarts.count }

    /// Reads a version 2 index (nil for a version 1 text index, which `GKGNameIndex.decode` reads);
    /// damage is a `ParseError` naming `source`, as `decode` reports it.
    public init?(_ data: Data, source: String) throws {
        let header = Array((GKGNameIndex.header + "\n").utf8)
        guard data.count >= header.count, data.prefix(header.count).elementsEqual(header) else { return nil }
        self.data = data
        headerCount = header.count
        self.source = source
        guard data.count - header.count < Int(Int32.max) else {
            throw ParseError(source: source, reason: "the GKG name index is too large (\(data.count - header.count) bytes)")
        }
        var stringStarts: [Int32] = [], stringEnds: [Int32] = []
        var recordStarts: [Int32] = [], titleStarts: [Int32] = [], titleEnds: [Int32] = [], listStarts: [Int32] = []
        var nameStrings: [Int32] = []
        try data.withUnsafeBytes { whole in
            let b = UnsafeRawBufferPointer(rebasing: whole[header.count...])
            var c = GKGNameIndexCursor(b, source: source)
            let stringCount = try c.u32(), recordCount = try c.u32()
            guard stringCount <= b.count, recordCount <= b.count else { throw c.damaged("impossible counts") }
            stringStarts.reserveCapacity(stringCount)
            stringEnds.reserveCapacity(stringCount)
            for _ in 0..<stringCount {
                let text = try c.textRange()
                stringStarts.append(Int32(text.lowerBound))
                stringEnds.append(Int32(text.upperBound))
            }
            @discardableResult func string() throws -> Int {
                let n = try c.varint()
                guard n < stringCount else { throw c.damaged("string number \(n) of \(stringCount)") }
                return n
            }
            var isName = [Bool](repeating: false, count: stringCount)
            recordStarts.reserveCapacity(recordCount)
            for _ in 0..<recordCount {
                recordStarts.append(Int32(c.position))
                _ = try c.textRange()  // id
                try string()  // date
                try string()  // outlet
                _ = try c.textRange()  // url
                let title = try c.textRange()
                titleStarts.append(Int32(title.lowerBound))
                titleEnds.append(Int32(title.upperBound))
                listStarts.append(Int32(c.position))
                for _ in 0..<2 {
                    for _ in 0..<(try c.count()) {
                        isName[try string()] = true
                        _ = try c.varint()
                    }
                }
                for _ in 0..<2 {
                    for _ in 0..<(try c.count()) { try string() }
                }
            }
            guard c.isAtEnd else { throw c.damaged("\(c.remaining) bytes after the last record") }
            for n in 0..<stringCount where isName[n] { nameStrings.append(Int32(n)) }
        }
        self.nameStrings = nameStrings
        self.stringStarts = stringStarts
        self.stringEnds = stringEnds
        self.recordStarts = recordStarts
        self.titleStarts = titleStarts
        self.titleEnds = titleEnds
        self.listStarts = listStarts
    }

    /// Calls `body` with the index's bytes after its header line (where every position points).
    @inline(__always) func withBody<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try data.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[headerCount...])) }
    }

    /// String `i` of the table.
    public func string(_ i: Int) -> String { withString(i) { String(decoding: $0, as: UTF8.self) } }

    /// Calls `body` with the UTF-8 bytes of string `i` of the table (checked when the table was read).
    public func withString<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try withBody { b in try body(UnsafeRawBufferPointer(rebasing: b[Int(stringStarts[i])..<Int(stringEnds[i])]).assumingMemoryBound(to: UInt8.self)) }
    }

    /// Record `r`'s id.
    public func recordId(_ r: Int) -> String {
        withBody { b in
            var c = GKGNameIndexCursor(b, at: Int(recordStarts[r]))
            return c.uncheckedText()
        }
    }

    /// Per record, whether its persons or all-names list holds a string `flagged` marks (one flag per
    /// string of the table).
    public func records(namingAnyOf flagged: [Bool]) -> [Bool] {
        precondition(flagged.count == stringCount, "one flag per string of the table")
        var named = [Bool](repeating: false, count: count)
        withBody { b in
            flagged.withUnsafeBufferPointer { flags in
                for r in 0..<count {
                    var c = GKGNameIndexCursor(b, at: Int(listStarts[r]))
                    lists: for _ in 0..<2 {
                        for _ in 0..<c.number() {
                            if flags[c.number()] {
                                named[r] = true
                                break lists
                            }
                            _ = c.number()
                        }
                    }
                }
            }
        }
        return named
    }

    /// Calls `body` with the index's bytes and where each record's title starts and ends in them.
    public func withTitles<R>(_ body: (UnsafeBufferPointer<UInt8>, [Int32], [Int32]) throws -> R) rethrows -> R {
        try withBody { b in try body(b.assumingMemoryBound(to: UInt8.self), titleStarts, titleEnds) }
    }

    /// Record `r` as `GKGNameIndex.decode` gives it.
    public func entry(_ r: Int) -> GKGEntry {
        withBody { b in
            var c = GKGNameIndexCursor(b, at: Int(recordStarts[r]))
            func string() -> String { self.string(c.number()) }
            let id = c.uncheckedText(), date = string(), outlet = string(), url = c.uncheckedText(), title = c.uncheckedText()
            func counted() -> [GKGEntry.Name] { (0..<c.number()).map { _ in GKGEntry.Name(string(), count: c.number()) } }
            func plain() -> [String] { (0..<c.number()).map { _ in string() } }
            let persons = counted(), names = counted(), organizations = plain(), themes = plain()
            return GKGEntry(
                recordId: id, date: date, outlet: outlet, url: url, title: title, persons: persons, names: names,
                organizations: organizations, themes: themes)
        }
    }
}
