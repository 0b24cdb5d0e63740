public import Foundation

/// A MinHash sketch of a document's folded word 5-shingles, for recognising syndicated copies of one
/// story (a wire story reprinted with a new headline, a byline or boilerplate added).
public struct StorySketch: Sendable, Equatable {
    /// The number of hash functions (signature length; a multiple of four, see `init(folded:)`).
    public static let size = 128
    /// Words per shingle.
    public static let shingleWords = 5

    /// The low 32 bits of each hash function's minimum (b-bit minwise hashing with b = 32: two documents'
    /// minima agree by chance in a slot once in 2³², so the estimate is the 64-bit one's to within about
    /// 10⁻⁹, at half the storage).
    public let signature: [UInt32]

    /// A sketch from a stored signature.
    public init?(signature: [UInt32]) {
        guard signature.count == Self.size else { return nil }
        self.signature = signature
    }

    /// The signature as bytes, as stored: 4 little-endian bytes per hash function.
    public var bytes: Data { withStoredBytes { Data($0) } }

    /// Calls `body` with the stored bytes of the signature (`bytes` without a copy where the machine is little-endian).
    public func withStoredBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        if 1.littleEndian == 1 { return try signature.withUnsafeBytes(body) }
        return try signature.map(\.littleEndian).withUnsafeBytes(body)
    }

    /// A sketch from `bytes`: 4 bytes per hash function, or 8, as stores written before sketches were halved
    /// hold them (their low halves are taken, so old and new sketches of one text are equal).
    public init?(bytes: Data) {
        let values = bytes.withUnsafeBytes { raw -> [UInt32]? in
            switch raw.count {
            case Self.size * 4: (0..<Self.size).map { UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self)) }
            case Self.size * 8:
                (0..<Self.size).map { UInt32(truncatingIfNeeded: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self))) }
            default: nil
            }
        }
        guard let values else { return nil }
        self.init(signature: values)
    }

    /// Sketches a text (folded with `TextFolder` first, so case, accents and entities do not matter).
    public init(text: String) { self.init(folded: TextFolder.fold(text)) }

    /// Sketches text already folded (see `PreparedDocument`).
    public init(folded text: FoldedText) {
        signature = Self.minima(folded: text).map { UInt32(truncatingIfNeeded: $0) }
    }

    /// The 64-bit minimum of each hash function over the text's shingles (all `UInt64.max` without a word).
    static func minima(folded text: FoldedText) -> [UInt64] {
        let folded = text.bytes
        // Word hashes (FNV-1a over the folded bytes of each word).
        var words: [UInt64] = []
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        var inWord = false
        for b in folded {
            let isWord = b >= 0x80 || (b >= 0x30 && b <= 0x39) || (b >= 0x61 && b <= 0x7A)
            if isWord {
                h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3
                inWord = true
            } else if inWord {
                words.append(h)
                h = 0xCBF2_9CE4_8422_2325
                inWord = false
            }
        }
        if inWord { words.append(h) }
        var shingles: [UInt64] = []
        if words.count < Self.shingleWords {
            shingles = words.isEmpty ? [] : [words.reduce(0) { Self.mix($0 &* 31 &+ $1) }]
        } else {
            for i in 0...(words.count - Self.shingleWords) {
                var s: UInt64 = 0
                for k in 0..<Self.shingleWords { s = Self.mix(s &* 0x9E37_79B9_7F4A_7C15 &+ words[i + k]) }
                shingles.append(s)
            }
        }
        // 128 hash functions from two per shingle (Kirsch–Mitzenmacher): h_k = h1 + k·h2.
        var signature = [UInt64](repeating: .max, count: Self.size)
        // Four lanes (k, k+1, k+2, k+3, each stepping by 4·h2) instead of one chain of 128 dependent
        // additions, the minimum without a branch, and two shingles a pass (each slot loaded and stored
        // once for both): the same values, about two and a half times as fast as one lane.
        signature.withUnsafeMutableBufferPointer { sig in
            var i = 0
            while i < shingles.count {
                let s = shingles[i], t = shingles[i + 1 < shingles.count ? i + 1 : i]  // an odd last shingle pairs with itself
                let h1 = Self.mix(s), h2 = Self.mix(s ^ 0x5851_F42D_4C95_7F2D) | 1
                let g1 = Self.mix(t), g2 = Self.mix(t ^ 0x5851_F42D_4C95_7F2D) | 1
                let step = h2 &* 4, stepG = g2 &* 4
                var (a0, a1, a2, a3) = (h1, h1 &+ h2, h1 &+ h2 &* 2, h1 &+ h2 &* 3)
                var (b0, b1, b2, b3) = (g1, g1 &+ g2, g1 &+ g2 &* 2, g1 &+ g2 &* 3)
                var k = 0
                while k < Self.size {
                    sig[k] = Swift.min(sig[k], Swift.min(a0, b0))
                    sig[k + 1] = Swift.min(sig[k + 1], Swift.min(a1, b1))
                    sig[k + 2] = Swift.min(sig[k + 2], Swift.min(a2, b2))
                    sig[k + 3] = Swift.min(sig[k + 3], Swift.min(a3, b3))
                    a0 &+= step
                    a1 &+= step
                    a2 &+= step
                    a3 &+= step
                    b0 &+= stepG
                    b1 &+= stepG
                    b2 &+= stepG
                    b3 &+= stepG
                    k += 4
                }
                i += 2
            }
        }
        return signature
    }

    /// The estimated Jaccard similarity of the two documents' shingle sets (a slot at the "no word" value,
    /// all ones, is never a match: a text without words resembles nothing).
    public func similarity(to other: StorySketch) -> Double {
        var same = 0
        for k in 0..<Self.size where signature[k] == other.signature[k] && signature[k] != .max { same += 1 }
        return Double(same) / Double(Self.size)
    }

    /// A bit mixer: SplitMix64's output function of `x` advanced by one step.
    static func mix(_ x: UInt64) -> UInt64 { SplitMix64.finalize(x &+ 0x9E37_79B9_7F4A_7C15) }
}
