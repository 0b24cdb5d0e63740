import Foundation

/// Numbers distinct strings in the order first seen (0, 1, 2 …), for the GKG paths that look up every
/// name, theme and organisation of every record (a file's name index, its name matching): an
/// open-addressing table over the strings' UTF-8 bytes with a seeded multiply–xor hash, one hash per
/// lookup where `[String: Int]` took two (find, then insert) of SipHash over the normalised string.
/// Strings are equal when their bytes are: two spellings `String ==` takes as one (NFC `é` and NFD `e` +
/// U+0301) are two strings here, so a name index keeps each record's spelling as GDELT wrote it (the
/// dictionary merged them, and a record read back showed the other's); matching folds both to one form.
public struct StringNumbering {
    /// The strings by number.
    public private(set) var strings: [String] = []
    private var hashes: [UInt64] = []
    /// Per slot, the number of the string there plus one (0: empty); a power of two long.
    private var slots: [Int32]
    /// Chosen per table, so input cannot aim at its collisions.
    private let seed = UInt64.random(in: .min ... .max)

    public init() { slots = Array(repeating: 0, count: 64) }

    /// Strings numbered.
    public var count: Int { strings.count }

    /// The number of `string`, and whether this call gave it (it was not seen before).
    public mutating func number(_ string: String) -> (number: Int, isNew: Bool) {
        var string = string
        let found: (Int, UInt64, Int) = string.withUTF8 { u in
            let h = Self.hash(u, seed)
            let mask = slots.count - 1
            var i = Int(truncatingIfNeeded: h) & mask
            while slots[i] != 0 {
                let n = Int(slots[i]) - 1
                if hashes[n] == h && Self.equal(strings[n], u) { return (n, h, i) }
                i = (i + 1) & mask
            }
            return (-1, h, i)
        }
        if found.0 >= 0 { return (found.0, false) }
        let n = strings.count
        strings.append(string)
        hashes.append(found.1)
        slots[found.2] = Int32(n + 1)
        if strings.count * 2 > slots.count { grow() }
        return (n, true)
    }

    /// Forgets every string, keeping the table's memory.
    public mutating func removeAll() {
        strings.removeAll(keepingCapacity: true)
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

    private static func equal(_ stored: String, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        // Stored strings are native (made contiguous by `withUTF8` before they were kept): storage is always there.
        stored.utf8.withContiguousStorageIfAvailable { s in
            s.count == bytes.count && (s.count == 0 || memcmp(s.baseAddress!, bytes.baseAddress!, s.count) == 0)
        } ?? false
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
