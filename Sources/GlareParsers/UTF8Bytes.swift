/// UTF-8 checks for readers that work on bytes: ASCII, most of what they meet, is passed eight bytes at
/// a time (32 in a row where it can), anything else checked sequence by sequence.
enum UTF8Bytes {
    /// Whether `bytes` are well-formed UTF-8 (no overlong forms, surrogates or scalars past U+10FFFF),
    /// ASCII 32 or eight bytes at a time.
    static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        let n = bytes.count
        var i = 0
        while i < n {
            // ASCII 32 bytes at a time, then 8.
            while i + 32 <= n
                && (raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) | raw.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)
                    | raw.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self) | raw.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self))
                    & 0x8080_8080_8080_8080 == 0
            {
                i += 32
            }
            while i + 8 <= n && raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 { i += 8 }
            guard i < n else { return true }
            if bytes[i] < 0x80 {
                i += 1
                continue
            }
            guard let end = sequencesEnd(bytes, from: i) else { return false }
            i = end
        }
        return true
    }

    /// Where the run of characters outside ASCII starting at `i` (a byte ≥ 0x80) ends: the first ASCII byte
    /// after it, or the end; nil when a sequence in it is not well-formed UTF-8 (as `isValid` judges).
    static func sequencesEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        let n = bytes.count
        var i = start
        while i < n {
            let b = bytes[i]
            if b < 0x80 { return i }
            // Two bytes led by C2–DF (Latin accents, Greek, Cyrillic, Hebrew, Arabic…): any continuation byte.
            if b &- 0xC2 < 0x1E && i + 2 <= n {
                guard bytes[i + 1] & 0xC0 == 0x80 else { return nil }
                i += 2
                continue
            }
            // Three bytes led by E1–EC or EE–EF (most of Chinese, Japanese, Korean): any two continuation bytes.
            if b &- 0xE1 < 0x0F && b != 0xED && i + 3 <= n {
                guard bytes[i + 1] & 0xC0 == 0x80 && bytes[i + 2] & 0xC0 == 0x80 else { return nil }
                i += 3
                continue
            }
            guard let length = sequenceLength(bytes, at: i) else { return nil }
            i += length
        }
        return n
    }

    /// The length of the well-formed sequence led by `bytes[i]` (≥ 0x80), or nil.
    static func sequenceLength(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Int? {
        let b = bytes[i]
        let length: Int
        var low: UInt8 = 0x80, high: UInt8 = 0xBF
        switch b {
        case 0xC2...0xDF: length = 2
        case 0xE0: (length, low) = (3, 0xA0)
        case 0xED: (length, high) = (3, 0x9F)
        case 0xE1...0xEF: length = 3
        case 0xF0: (length, low) = (4, 0x90)
        case 0xF4: (length, high) = (4, 0x8F)
        case 0xF1...0xF3: length = 4
        default: return nil
        }
        guard i + length <= bytes.count, (low...high).contains(bytes[i + 1]) else { return nil }
        for k in 2..<length where bytes[i + k] & 0xC0 != 0x80 { return nil }
        return length
    }

    /// The bytes as a string when they are well-formed UTF-8, nil otherwise.
    static func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        isValid(bytes) ? String(decoding: bytes, as: UTF8.self) : nil
    }
}
