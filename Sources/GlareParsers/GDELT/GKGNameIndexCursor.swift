import GlareCore

/// Reads a version 2 GKG name index forward: little-endian 32-bit counts, LEB128 numbers and
/// length-prefixed UTF-8 texts. The checked reads refuse damage with the error texts
/// `GKGNameIndex.decode` has always given; the unchecked ones (`number`, `uncheckedText`) are for an
/// index `GKGNameIndexTable` has already checked.
struct GKGNameIndexCursor {
    let bytes: UnsafeRawBufferPointer
    let source: String
    /// The next byte to read.
    var position: Int

    init(_ bytes: UnsafeRawBufferPointer, at position: Int = 0, source: String = "") {
        self.bytes = bytes
        self.position = position
        self.source = source
    }

    /// Whether every byte has been read.
    var isAtEnd: Bool { position == bytes.count }

    /// The bytes not read yet.
    var remaining: Int { bytes.count - position }

    func damaged(_ what: String) -> ParseError {
        ParseError(source: source, reason: "the GKG name index is damaged (\(what) at byte \(position))")
    }

    @inline(__always) mutating func u32() throws -> Int {
        guard position + 4 <= bytes.count else { throw damaged("truncated") }
        let p = position
        position += 4
        return Int(bytes[p]) | Int(bytes[p + 1]) << 8 | Int(bytes[p + 2]) << 16 | Int(bytes[p + 3]) << 24
    }

    @inline(__always) mutating func varint() throws -> Int {
        var v = 0
        var shift = 0
        while true {
            guard position < bytes.count, shift < 63 else { throw damaged("truncated number") }
            let byte = bytes[position]
            position += 1
            v |= Int(byte & 0x7F) << shift
            if byte < 0x80 { return v }
            shift += 7
        }
    }

    /// A count of list items, at most the bytes left (each item takes one at least).
    @inline(__always) mutating func count() throws -> Int {
        let n = try varint()
        guard n <= remaining else { throw damaged("impossible list length") }
        return n
    }

    /// A length-prefixed text, checked to be UTF-8: where its bytes are.
    @inline(__always) mutating func textRange() throws -> Range<Int> {
        let n = try varint()
        guard n <= remaining else { throw damaged("truncated text") }
        let range = position..<(position + n)
        guard UTF8Bytes.isValid(UnsafeRawBufferPointer(rebasing: bytes[range]).assumingMemoryBound(to: UInt8.self)) else {
            throw damaged("text that is not UTF-8")
        }
        position += n
        return range
    }

    /// A length-prefixed text, checked to be UTF-8, as a string.
    @inline(__always) mutating func text() throws -> String {
        let n = try varint()
        guard n <= remaining else { throw damaged("truncated text") }
        defer { position += n }
        guard let s = UTF8Bytes.string(UnsafeRawBufferPointer(rebasing: bytes[position..<(position + n)]).assumingMemoryBound(to: UInt8.self)) else {
            throw damaged("text that is not UTF-8")
        }
        return s
    }

    /// A number of an index already checked.
    @inline(__always) mutating func number() -> Int {
        var v = 0
        var shift = 0
        while true {
            let byte = bytes[position]
            position += 1
            v |= Int(byte & 0x7F) << shift
            if byte < 0x80 { return v }
            shift += 7
        }
    }

    /// A text of an index already checked.
    @inline(__always) mutating func uncheckedText() -> String {
        let n = number()
        defer { position += n }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[position..<(position + n)]), as: UTF8.self)
    }
}
