import GlareCore
import Testing

@testable import GlareParsers

/// `UTF8Bytes` against the standard library's UTF-8 validation, on text made of long runs of characters
/// outside ASCII with bad sequences anywhere in them, `sequencesEnd` asked from every byte outside ASCII.
struct UTF8BytesTests {
    /// Two- and three-byte sequences, those whose second byte is restricted (E0, ED, F0, F4), four-byte
    /// ones, sequences that are not UTF-8, and ASCII.
    static let pieces: [[UInt8]] = [
        [0xC2, 0x80], [0xC3, 0xA9], [0xD0, 0xB0], [0xD1, 0x8F], [0xD0, 0x96], [0xDF, 0xBF], [0xCE, 0xB1], [0xD7, 0x90],
        [0xE1, 0x80, 0x80], [0xE4, 0xB8, 0xAD], [0xE9, 0xBF, 0xBF], [0xEC, 0xBF, 0xBF], [0xEE, 0x80, 0x80], [0xEF, 0xBF, 0xBD],
        [0xE0, 0xA0, 0x80], [0xED, 0x9F, 0xBF], [0xF0, 0x9F, 0x98, 0x80], [0xF4, 0x8F, 0xBF, 0xBF],
        [0xC0, 0x80], [0xC1, 0xBF], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80],
        [0x80], [0xBF], [0xC3], [0xE4, 0xB8], [0xFF], [0xC3, 0x41], [0xE4, 0x41, 0x80],
        [0x20], [0x61],
    ]

    /// The end `sequencesEnd` must give: the first ASCII byte from `start` (or the end) when the bytes
    /// before it are well-formed UTF-8 on their own, nil otherwise.
    static func expectedEnd(_ bytes: [UInt8], from start: Int) -> Int? {
        let end = bytes[start...].firstIndex(where: { $0 < 0x80 }) ?? bytes.count
        return String(validating: bytes[start..<end], as: UTF8.self) != nil ? end : nil
    }

    @Test func sequencesEndAgreesWithTheStandardLibraryFromEveryByte() {
        var g = SplitMix64(seed: 17)
        for round in 0..<4000 {
            // Mostly long well-formed runs, with a bad piece or a changed byte in some.
            var bytes: [UInt8] = []
            let pool = round % 3 == 0 ? Self.pieces.count : 18  // the first 18 pieces are well-formed and not ASCII
            for _ in 0..<Int(g.next() % 40) {
                var k = Int(g.next() % UInt64(pool))
                if g.next() % 10 == 0 { k = Self.pieces.count - 1 - Int(g.next() % 2) }  // an ASCII byte now and then
                if g.next() % 24 == 0 { k = Int(g.next() % UInt64(Self.pieces.count)) }  // any piece, bad ones too
                bytes += Self.pieces[k]
            }
            if !bytes.isEmpty, g.next() % 4 == 0 {  // a byte changed anywhere
                bytes[Int(g.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: g.next())
            }
            let valid = String(validating: bytes, as: UTF8.self) != nil
            #expect(bytes.withUnsafeBufferPointer { UTF8Bytes.isValid($0) } == valid, "\(bytes)")
            for start in bytes.indices where bytes[start] >= 0x80 {
                let end = bytes.withUnsafeBufferPointer { UTF8Bytes.sequencesEnd($0, from: start) }
                #expect(end == Self.expectedEnd(bytes, from: start), "\(bytes) from \(start)")
            }
        }
    }
}
