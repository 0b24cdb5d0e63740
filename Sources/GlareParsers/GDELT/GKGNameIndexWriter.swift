public import Foundation
public import GlareCore

/// Writes a version 2 GKG name index (the layout `GKGNameIndex` describes) record by record, from rows
/// as the reader hands them over (bytes, no strings) or from entries: both give the same bytes.
public struct GKGNameIndexWriter {
    private var table = StringNumbering()
    private var records: [UInt8] = []
    /// Records written.
    public private(set) var count = 0

    public init() {}

    /// Appends a row's record.
    public mutating func append(_ row: GKGRow) {
        text(row.recordId)
        string(row.date)
        string(row.outlet)
        text(row.url)
        text(row.title)
        counted(row.persons)
        counted(row.names)
        plain(row.organizations)
        plain(row.themes)
        count += 1
    }

    /// Appends an entry's record.
    public mutating func append(_ entry: GKGEntry) {
        func bytes(_ s: String, _ write: (UnsafeBufferPointer<UInt8>) -> Void) {
            var s = s
            s.withUTF8(write)
        }
        bytes(entry.recordId) { text($0) }
        bytes(entry.date) { string($0) }
        bytes(entry.outlet) { string($0) }
        bytes(entry.url) { text($0) }
        bytes(entry.title) { text($0) }
        func counted(_ list: [GKGEntry.Name]) {
            varint(list.count)
            for n in list {
                bytes(n.text) { string($0) }
                varint(n.count)
            }
        }
        func plain(_ list: [String]) {
            varint(list.count)
            for s in list { bytes(s) { string($0) } }
        }
        counted(entry.persons)
        counted(entry.names)
        plain(entry.organizations)
        plain(entry.themes)
        count += 1
    }

    /// The index: header line, counts, string table, records.
    public func data() -> Data {
        var out: [UInt8] = Array((GKGNameIndex.header + "\n").utf8)
        out.reserveCapacity(out.count + 8 + table.count * 16 + records.count)
        for v in [UInt32(table.count), UInt32(count)] { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
        for n in 0..<table.count {
            table.withBytes(of: n) { b in
                Self.varint(b.count, &out)
                out.append(contentsOf: b)
            }
        }
        out.append(contentsOf: records)
        return Data(out)
    }

    private mutating func counted(_ list: UnsafeBufferPointer<GKGRow.Item>) {
        varint(list.count)
        for item in list {
            string(item.bytes)
            varint(item.count)
        }
    }

    private mutating func plain(_ list: UnsafeBufferPointer<GKGRow.Item>) {
        varint(list.count)
        for item in list { string(item.bytes) }
    }

    /// A length-prefixed text.
    private mutating func text(_ b: UnsafeBufferPointer<UInt8>) {
        varint(b.count)
        records.append(contentsOf: b)
    }

    /// A string of the table, by its number.
    private mutating func string(_ b: UnsafeBufferPointer<UInt8>) { varint(table.number(bytes: b).number) }

    private mutating func varint(_ value: Int) { Self.varint(value, &records) }

    static func varint(_ value: Int, _ out: inout [UInt8]) {
        var v = UInt64(value)
        while v >= 0x80 {
            out.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        out.append(UInt8(v))
    }
}
