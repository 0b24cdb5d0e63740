import Foundation

/// Numbers distinct strings in the order first seen (0, 1, 2 …), for the GKG paths that look up every
/// name, theme and organisation of every record (a file's name index, its name matching): an
/// open-addressing table over the strings' UTF-8 bytes with a seeded multiply–xor hash, one hash per
/// lookup where `[String: Int]` took two (find, then insert) of SipHash over the normalised string.
/// Strings are equal when their bytes are: two spellings `String ==` takes as one (NFC `é` and NFD `e` +
/// U+0301) are two strings here, so a name index keeps each record's spelling as GDELT wrote it (the
/// dictionary merged them, and a record read back showed the other's); matching folds both to one form.
public struct StringNumbering {
    /// Every string's UTF-8 bytes, one after another, in number order.
    private var arena: [UInt8] = []
    /// Per number, where its string ends in `arena` (it starts where the one before ends).
    private var ends: [Int] = []
    private var hashes: [UInt64] = []
    /// Per slot, the number of the string there plus one (0: empty); a power of two long.
    private var slots: [Int32]
    /// Chosen per table, so input cannot aim at its collisions.
    private let seed = UInt64.random(in: .min ... .max)

    public init() { slots = Array(repeating: 0, count: 64) }

    /// Strings numbered.
    public var count: Int { ends.count }

    /// The strings by number, each made anew at every call (for tests and tools; a hot path reads `withBytes`).
    public var strings: [String] { (0..<count).map { n in withBytes(of: n) { String(decoding: $0, as: UTF8.self) } } }

    /// Calls `body` with the UTF-8 bytes of string `n` (valid during the call).
    public func withBytes<R>(of n: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try arena.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[range(of: n)])) }
    }

    /// Where string `n`'s bytes lie in `arena` (each starts where the one before ends).
    @inline(__always) private func range(of n: Int) -> Range<Int> { (n == 0 ? 0 : ends[n - 1])..<ends[n] }

    /// The number of `string`, and whether this call gave it (it was not seen before).
    public mutating func number(_ string: String) -> (number: Int, isNew: Bool) {
        var string = string
        return string.withUTF8 { number(bytes: $0) }
    }

    /// The number of the string whose UTF-8 bytes are `bytes`, and whether this call gave it.
    public mutating func number(bytes: UnsafeBufferPointer<UInt8>) -> (number: Int, isNew: Bool) {
        let h = Self.hash(bytes, seed)
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: h) & mask
        let found: Int = arena.withUnsafeBufferPointer { a in
            while slots[i] != 0 {
                let n = Int(slots[i]) - 1
                if hashes[n] == h {
                    let stored = range(of: n)
                    if stored.count == bytes.count && (bytes.count == 0 || memcmp(a.baseAddress! + stored.lowerBound, bytes.baseAddress!, bytes.count) == 0) {
                        return n
                    }
                }
                i = (i + 1) & mask
            }
            return -1
        }
        if found >= 0 { return (found, false) }
        let n = ends.count
        arena.append(contentsOf: bytes)
        ends.append(arena.count)
        hashes.append(h)
        slots[i] = Int32(n + 1)
        if ends.count * 2 > slots.count { grow() }
        return (n, true)
    }

    /// Forgets every string, keeping the table's memory.
    public mutating func removeAll() {
        arena.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        hashes.removeAll(keepingCapacity: true)
        slots.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
    }

    private mutating func grow() {
        slots = Array(repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        for (n, h) in hashes.enumerated() {
            var i = Int(truncatingIfNeeded: h) & mask
            while slots[i] != 0 { i = (i + 1) & mask }
            slots[i] = Int32(n + 1)
        }
    }

    /// A 64-bit hash of the bytes: eight at a time, multiply–xor mixed (SplitMix64's constants).
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>, _ seed: UInt64) -> UInt64 {
        var h = seed ^ (UInt64(bytes.count) &* 0x9E37_79B9_7F4A_7C15)
        guard let base = bytes.baseAddress else { return SplitMix64.finalize(h) }
        let raw = UnsafeRawPointer(base)
        var i = 0
        while i + 8 <= bytes.count {
            h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 31
            i += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < bytes.count {
            tail |= UInt64(bytes[i]) << shift
            shift += 8
            i += 1
        }
        return SplitMix64.finalize(h ^ tail)
    }
}
