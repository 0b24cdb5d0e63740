import CGlareSketch
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
        guard let sketch = bytes.withUnsafeBytes({ StorySketch(storedBytes: $0) }) else { return nil }
        self = sketch
    }

    /// `init(bytes:)` reading the bytes where they lie (a row SQLite holds, say).
    public init?(storedBytes raw: UnsafeRawBufferPointer) {
        let values: [UInt32]
        switch raw.count {
        case Self.size * 4: values = (0..<Self.size).map { UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self)) }
        case Self.size * 8:
            values = (0..<Self.size).map { UInt32(truncatingIfNeeded: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self))) }
        default: return nil
        }
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
        // 128 hash functions from two per shingle (Kirsch–Mitzenmacher): h_k = h1 + k·h2, their minima taken by
        // `glare_minhash`: four functions at a time where the processor has AVX2, the same values about five times as fast
        // as the Swift loop before it (perf samples of a fetch of 200 feeds: 48 in that loop, 9 in the kernel).
        var signature = [UInt64](repeating: .max, count: Self.size)
        let first = shingles.map { Self.mix($0) }
        let step = shingles.map { Self.mix($0 ^ 0x5851_F42D_4C95_7F2D) | 1 }
        signature.withUnsafeMutableBufferPointer { sig in
            first.withUnsafeBufferPointer { f in
                step.withUnsafeBufferPointer { d in glare_minhash(f.baseAddress, d.baseAddress, shingles.count, sig.baseAddress, Self.size) }
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
