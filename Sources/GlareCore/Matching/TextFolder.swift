import Foundation

/// Glare's one text normalisation, used for document text and for aliases alike.
///
/// Unicode NFKC, case folding, diacritics removed on Latin letters (`Bùi Thị Minh Hằng` →
/// `bui thi minh hang`) but kept elsewhere, dotted and dotless i unified (`İ`, `ı` → `i`), runs of
/// whitespace, hyphens, dashes, underscores and apostrophes made one space (`O’Neil` = `O'Neil` = `O Neil`,
/// and a possessive `’s` stands apart from the name),
/// and HTML entities decoded first (`&amp;`, `&#233;`, `&eacute;`). ASCII goes through a table, one byte
/// at a time; other text is folded one grapheme at a time.
public enum TextFolder {
    /// Folds text.
    public static func fold(_ text: String) -> FoldedText {
        var copy = text
        return copy.withUTF8 { fold(utf8: $0) }
    }

    /// Folds UTF-8 bytes (which must be valid UTF-8).
    public static func fold(utf8 input: UnsafeBufferPointer<UInt8>) -> FoldedText {
        var cache = FormCache()
        return fold(utf8: input, cache: &cache)
    }

    /// Folded forms of single scalars, kept from one text to the next by a caller that folds many
    /// (one per thread): a text then pays for a scalar's form only the first time any text met it.
    /// What it holds never changes a fold's result, only its speed.
    public struct FormCache: Sendable {
        /// Direct-mapped by the scalar's low bits (made on the first non-ASCII scalar): the key, and
        /// the form packed as its length in the low byte and up to seven bytes above it.
        var keys: [UInt32] = []
        var forms: [UInt64] = []
        /// Misses since the cache last grew: it starts at 128 slots (a Latin text meets a few distinct
        /// scalars) and grows fourfold, up to 4,096, when misses reach half its slots (Chinese meets thousands).
        var misses = 0

        public init() {}
    }

    /// Folds UTF-8 bytes (which must be valid UTF-8), looking up and keeping scalars' forms in `cache`.
    public static func fold(utf8 input: UnsafeBufferPointer<UInt8>, cache: inout FormCache) -> FoldedText {
        var state = State(capacity: input.count)
        swap(&state.cache, &cache)
        defer { swap(&state.cache, &cache) }
        let n = input.count
        var i = 0
        // Two unchecked tables, 256 entries each: the byte class, and the run kind.
        Self.tables.withUnsafeBufferPointer { t in
            let table = UnsafeBufferPointer(rebasing: t[0..<256])
            let runKind = UnsafeBufferPointer(rebasing: t[256..<512])
            while i < n {
                let b = input[i]
                let c = table[Int(b)]
                // The hot path: runs of ASCII letters, digits, punctuation and single spaces map one for one.
                if c <= 1 && !state.pendingSpace && state.inSync {
                    let j = Self.plainRunEnd(input, from: i, kinds: runKind)
                    let start = state.out.count
                    state.out.append(contentsOf: UnsafeBufferPointer(rebasing: input[i..<j]))
                    state.out.withUnsafeMutableBufferPointer { Self.lowercaseASCII(UnsafeMutableBufferPointer(rebasing: $0[start...])) }
                    state.lastBaseLatin = isASCIILetter(input[j - 1])
                    i = j
                    continue
                }
                switch c {
                case 0:  // copy
                    state.emitIdentityByte(b, at: i)
                    state.lastBaseLatin = (b >= 0x30 && b <= 0x39) ? false : isASCIILetter(b)
                    i += 1
                case 1:  // upper case
                    state.emitIdentityByte(b | 0x20, at: i)
                    state.lastBaseLatin = true
                    i += 1
                case 2:  // whitespace-like
                    state.space(at: i, length: 1, newline: b == 0x0A)
                    i += 1
                case 4:  // '&': an entity, or itself
                    if let (scalars, length) = entity(input, at: i) {
                        for s in scalars { state.scalarUnit(s, at: i, length: length) }
                        i += length
                    } else {
                        state.emitIdentityByte(b, at: i)
                        state.lastBaseLatin = false
                        i += 1
                    }
                default:  // non-ASCII: a run of scalars that fold to themselves, or a scalar and its combining marks
                    let (runEnd, lastLatin) = state.identityRun(input, from: i)
                    if runEnd > i {
                        state.flushSpace()
                        state.resync(at: i)
                        state.out.append(contentsOf: UnsafeBufferPointer(rebasing: input[i..<runEnd]))
                        state.lastBaseLatin = lastLatin
                        i = runEnd
                        continue
                    }
                    let (scalar, length) = decode(input, at: i)
                    var marks: [Unicode.Scalar] = []
                    var end = i + length
                    while end < n, input[end] >= 0x80 {
                        let (next, l) = decode(input, at: end)
                        guard isCombining(next) else { break }
                        marks.append(next)
                        end += l
                    }
                    if isCombining(scalar) {
                        // Marks after an ASCII base (decomposed text): dropped on Latin, kept elsewhere.
                        if state.lastBaseLatin { state.drop(at: i, length: end - i) } else { state.copy(input, from: i, length: end - i) }
                        i = end
                        continue
                    }
                    if marks.isEmpty {
                        state.scalarUnit(scalar, at: i, length: length)
                    } else {
                        state.scalarUnit([scalar] + marks, at: i, length: end - i)
                    }
                    i = end
                }
            }
        }
        return state.finish(originalLength: n)
    }

    // MARK: - State

    struct State {
        var out: [UInt8]
        var anchors: [FoldedText.Anchor] = []
        var paragraphs: [Int] = []
        var pendingSpace = false
        var pendingSpaceStart = 0
        var pendingSpaceLength = 0
        var pendingNewlines = 0
        var inSync = true
        var lastBaseLatin = false
        /// Folded forms of single scalars (the caller's, for the fold's duration).
        var cache = FormCache()

        init(capacity: Int) {
            out = []
            out.reserveCapacity(capacity)
        }

        mutating func flushSpace() {
            guard pendingSpace else { return }
            pendingSpace = false
            if pendingNewlines >= 2 && !out.isEmpty { paragraphs.append(out.count + 1) }
            guard !out.isEmpty else {
                inSync = false
                return
            }
            if pendingSpaceLength == 1 && inSync {
                out.append(0x20)
            } else {
                anchors.append(.init(folded: Int32(out.count), original: Int32(pendingSpaceStart), opaque: true))
                out.append(0x20)
                inSync = false
            }
        }

        mutating func space(at i: Int, length: Int, newline: Bool) {
            if !pendingSpace {
                pendingSpace = true
                pendingSpaceStart = i
                pendingSpaceLength = 0
                pendingNewlines = 0
            }
            pendingSpaceLength += length
            if newline { pendingNewlines += 1 }
            lastBaseLatin = false
        }

        mutating func resync(at i: Int) {
            if !inSync {
                anchors.append(.init(folded: Int32(out.count), original: Int32(i), opaque: false))
                inSync = true
            }
        }

        mutating func emitIdentityByte(_ b: UInt8, at i: Int) {
            flushSpace()
            resync(at: i)
            out.append(b)
        }

        mutating func copy(_ input: UnsafeBufferPointer<UInt8>, from i: Int, length: Int) {
            flushSpace()
            resync(at: i)
            for k in i..<(i + length) { out.append(input[k]) }
        }

        mutating func drop(at i: Int, length: Int) {
            flushSpace()
            inSync = false
        }

        /// Whether scalar `v` is folded into a space (whitespace, apostrophes, hyphens and dashes).
        static func isSpaceLike(_ v: UInt32) -> Bool {
            v == 0x27 || v == 0x2018 || v == 0x2019 || v == 0x02BC || v == 0x60 || v == 0xB4 || TextFolder.isWhitespace(v)
                || (0x2010...0x2015).contains(v) || v == 0x2212
        }

        /// Flag of a packed form (above its length, in the low byte): the scalar folds to itself.
        static let identity: UInt64 = 0x80

        /// The packed folded form of a scalar that is not space-like, or nil when it is longer than seven
        /// bytes; cached.
        mutating func form(of scalar: Unicode.Scalar) -> UInt64? {
            let v = scalar.value
            if cache.keys.isEmpty || (cache.misses > cache.keys.count / 2 && cache.keys.count < 4096) {
                // Made, or grown with what it holds moved over.
                let size = cache.keys.isEmpty ? 128 : cache.keys.count * 4
                var keys = [UInt32](repeating: .max, count: size)
                var forms = [UInt64](repeating: 0, count: size)
                for (k, key) in cache.keys.enumerated() where key != .max {
                    keys[Int(key) & (size - 1)] = key
                    forms[Int(key) & (size - 1)] = cache.forms[k]
                }
                (cache.keys, cache.forms, cache.misses) = (keys, forms, 0)
            }
            let slot = Int(v) & (cache.keys.count - 1)
            if cache.keys[slot] == v { return cache.forms[slot] }
            cache.misses += 1
            let folded = UnitCache.shared.folded([scalar])
            guard folded.count <= 7 else { return nil }
            var form = UInt64(folded.count)
            for (k, b) in folded.enumerated() { form |= UInt64(b) << (8 * (k + 1)) }
            if folded.elementsEqual(String(scalar).utf8) && !TextFolder.isCombining(scalar) && !Self.isSpaceLike(v) { form |= Self.identity }
            cache.keys[slot] = v
            cache.forms[slot] = form
            return form
        }

        /// Where the run of non-ASCII scalars from `i` that fold to themselves, none followed by a
        /// combining mark, ends (`i` when there is none), and whether its last scalar is Latin.
        mutating func identityRun(_ input: UnsafeBufferPointer<UInt8>, from i: Int) -> (Int, Bool) {
            let n = input.count
            var j = i
            var latin = false
            guard j < n, input[j] >= 0x80 else { return (j, latin) }
            while true {
                // Lower-case Cyrillic letters and CJK Unified Ideographs, read straight from the bytes.
                let (runEnd, last) = TextFolder.selfFoldingRun(input, from: j)
                if runEnd > j {
                    guard runEnd < n, input[runEnd] >= 0x80 else { return (runEnd, false) }
                    if isCombining(decode(input, at: runEnd).0) { return (last, last == j ? latin : false) }
                    (j, latin) = (runEnd, false)
                }
                let (scalar, length) = decode(input, at: j)
                guard let form = form(of: scalar), form & Self.identity != 0 else { return (j, latin) }
                let end = j + length
                guard end < n, input[end] >= 0x80 else {
                    return (end, NameFolding.isLatin(scalar.value))
                }
                if isCombining(decode(input, at: end).0) { return (j, latin) }
                latin = NameFolding.isLatin(scalar.value)
                j = end
            }
        }

        /// Emits the folded form of one scalar that took `length` original bytes.
        mutating func scalarUnit(_ scalar: Unicode.Scalar, at i: Int, length: Int) {
            let v = scalar.value
            if Self.isSpaceLike(v) {
                space(at: i, length: length, newline: v == 0x0A || v == 0x2029 || v == 0x2028)
                return
            }
            guard let form = form(of: scalar) else { return emit(UnitCache.shared.folded([scalar]), first: v, at: i, length: length) }
            let count = Int(form & 0x7F)
            place(count, first: v, at: i, length: length)
            for k in 0..<count { out.append(UInt8(truncatingIfNeeded: form >> (8 * (k + 1)))) }
        }

        /// Emits the folded form of one unit (a scalar and its marks) that took `length` original bytes.
        mutating func scalarUnit(_ scalars: [Unicode.Scalar], at i: Int, length: Int) {
            emit(UnitCache.shared.folded(scalars), first: scalars[0].value, at: i, length: length)
        }

        mutating func emit(_ folded: [UInt8], first v: UInt32, at i: Int, length: Int) {
            place(folded.count, first: v, at: i, length: length)
            out.append(contentsOf: folded)
        }

        /// Makes way for a unit's `count` folded bytes (starting with scalar `v`, taking `length`
        /// original bytes at `i`): the pending space, and an anchor where the lengths differ.
        mutating func place(_ count: Int, first v: UInt32, at i: Int, length: Int) {
            lastBaseLatin = NameFolding.isLatin(v)
            flushSpace()
            if count == length {
                resync(at: i)
            } else {
                if count > 0 { anchors.append(.init(folded: Int32(out.count), original: Int32(i), opaque: true)) }
                inSync = false
            }
        }

        mutating func finish(originalLength: Int) -> FoldedText {
            // Trailing whitespace is dropped.
            return FoldedText(bytes: out, anchors: anchors, paragraphBreaks: paragraphs, originalLength: originalLength)
        }
    }

    // MARK: - Units

    /// Folded units shared across documents: Foundation's normalisation is slow, the set of distinct
    /// units in real text is small.
    final class UnitCache: @unchecked Sendable {
        static let shared = UnitCache()
        private let lock = NSLock()
        private var entries: [[UInt32]: [UInt8]] = [:]

        func folded(_ scalars: [Unicode.Scalar]) -> [UInt8] {
            let key = scalars.map(\.value)
            lock.lock()
            if let hit = entries[key] {
                lock.unlock()
                return hit
            }
            lock.unlock()
            let value = TextFolder.foldUnit(scalars)
            lock.lock()
            if entries.count > 200_000 { entries.removeAll(keepingCapacity: true) }
            entries[key] = value
            lock.unlock()
            return value
        }
    }

    /// NFKC, then Latin marks dropped, then lower case, then NFC.
    static func foldUnit(_ scalars: [Unicode.Scalar]) -> [UInt8] {
        var s = String.UnicodeScalarView()
        s.append(contentsOf: scalars)
        let compatible = String(s).precomposedStringWithCompatibilityMapping
        var out = String.UnicodeScalarView()
        var baseLatin = false
        for scalar in compatible.decomposedStringWithCanonicalMapping.unicodeScalars {
            // Invisible format characters (zero-width space and non-joiner, direction marks, the word
            // joiner, a stray BOM) say nothing about a name: an alias pasted with a right-to-left mark
            // must still match plain text, and the other way round.
            if isInvisible(scalar) { continue }
            if isCombining(scalar) {
                if !baseLatin { out.append(scalar) }
                continue
            }
            baseLatin = NameFolding.isLatin(scalar.value)
            if scalar.value == 0x131 {
                out.append("i")
                continue
            }
            if scalar.properties.isWhitespace {
                out.append(" ")
                continue
            }
            out.append(contentsOf: String(scalar).lowercased().unicodeScalars.filter { !($0.value == 0x307 && baseLatin) })
        }
        return Array(String(out).precomposedStringWithCanonicalMapping.utf8)
    }

    static func isInvisible(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x200B, 0x200C, 0x200E, 0x200F, 0x2060, 0xFEFF, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    /// Unicode's White_Space property (a fixed list), without a property lookup.
    @inline(__always)
    static func isWhitespace(_ v: UInt32) -> Bool {
        switch v {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }

    /// Combining marks of the Basic Multilingual Plane as a bitmap (8 KB, made once), so that text in
    /// scripts other than Latin costs no property lookup per character. Made from `combiningRanges`
    /// (asking the property of each of the plane's 65,000 scalars cost ~4 ms at every command's start).
    static let combiningBitmap: [UInt64] = {
        var bits = [UInt64](repeating: 0, count: 0x10000 / 64)
        for r in combiningRanges {
            for v in r { bits[Int(v >> 6)] |= 1 << UInt64(v & 63) }
        }
        return bits
    }()

    /// The scalars of the Basic Multilingual Plane from U+0300 on that `isCombiningByProperty` takes as
    /// combining, as the Unicode data of Swift 6.3's standard library gives them (`ScanPropertyTests`
    /// checks every scalar against the property: a toolchain with newer Unicode data fails it until this
    /// list is made again from the property).
    static let combiningRanges: [ClosedRange<UInt32>] = [
        0x0300...0x036F, 0x0483...0x0489, 0x0591...0x05BD, 0x05BF...0x05BF, 0x05C1...0x05C2, 0x05C4...0x05C5,
        0x05C7...0x05C7, 0x0610...0x061A, 0x064B...0x065F, 0x0670...0x0670, 0x06D6...0x06DC, 0x06DF...0x06E4,
        0x06E7...0x06E8, 0x06EA...0x06ED, 0x0711...0x0711, 0x0730...0x074A, 0x07A6...0x07B0, 0x07EB...0x07F3,
        0x07FD...0x07FD, 0x0816...0x0819, 0x081B...0x0823, 0x0825...0x0827, 0x0829...0x082D, 0x0859...0x085B,
        0x0897...0x089F, 0x08CA...0x08E1, 0x08E3...0x0903, 0x093A...0x093C, 0x093E...0x094F, 0x0951...0x0957,
        0x0962...0x0963, 0x0981...0x0983, 0x09BC...0x09BC, 0x09BE...0x09C4, 0x09C7...0x09C8, 0x09CB...0x09CD,
        0x09D7...0x09D7, 0x09E2...0x09E3, 0x09FE...0x09FE, 0x0A01...0x0A03, 0x0A3C...0x0A3C, 0x0A3E...0x0A42,
        0x0A47...0x0A48, 0x0A4B...0x0A4D, 0x0A51...0x0A51, 0x0A70...0x0A71, 0x0A75...0x0A75, 0x0A81...0x0A83,
        0x0ABC...0x0ABC, 0x0ABE...0x0AC5, 0x0AC7...0x0AC9, 0x0ACB...0x0ACD, 0x0AE2...0x0AE3, 0x0AFA...0x0AFF,
        0x0B01...0x0B03, 0x0B3C...0x0B3C, 0x0B3E...0x0B44, 0x0B47...0x0B48, 0x0B4B...0x0B4D, 0x0B55...0x0B57,
        0x0B62...0x0B63, 0x0B82...0x0B82, 0x0BBE...0x0BC2, 0x0BC6...0x0BC8, 0x0BCA...0x0BCD, 0x0BD7...0x0BD7,
        0x0C00...0x0C04, 0x0C3C...0x0C3C, 0x0C3E...0x0C44, 0x0C46...0x0C48, 0x0C4A...0x0C4D, 0x0C55...0x0C56,
        0x0C62...0x0C63, 0x0C81...0x0C83, 0x0CBC...0x0CBC, 0x0CBE...0x0CC4, 0x0CC6...0x0CC8, 0x0CCA...0x0CCD,
        0x0CD5...0x0CD6, 0x0CE2...0x0CE3, 0x0CF3...0x0CF3, 0x0D00...0x0D03, 0x0D3B...0x0D3C, 0x0D3E...0x0D44,
        0x0D46...0x0D48, 0x0D4A...0x0D4D, 0x0D57...0x0D57, 0x0D62...0x0D63, 0x0D81...0x0D83, 0x0DCA...0x0DCA,
        0x0DCF...0x0DD4, 0x0DD6...0x0DD6, 0x0DD8...0x0DDF, 0x0DF2...0x0DF3, 0x0E31...0x0E31, 0x0E34...0x0E3A,
        0x0E47...0x0E4E, 0x0EB1...0x0EB1, 0x0EB4...0x0EBC, 0x0EC8...0x0ECE, 0x0F18...0x0F19, 0x0F35...0x0F35,
        0x0F37...0x0F37, 0x0F39...0x0F39, 0x0F3E...0x0F3F, 0x0F71...0x0F84, 0x0F86...0x0F87, 0x0F8D...0x0F97,
        0x0F99...0x0FBC, 0x0FC6...0x0FC6, 0x102B...0x103E, 0x1056...0x1059, 0x105E...0x1060, 0x1062...0x1064,
        0x1067...0x106D, 0x1071...0x1074, 0x1082...0x108D, 0x108F...0x108F, 0x109A...0x109D, 0x135D...0x135F,
        0x1712...0x1715, 0x1732...0x1734, 0x1752...0x1753, 0x1772...0x1773, 0x17B4...0x17D3, 0x17DD...0x17DD,
        0x180B...0x180D, 0x180F...0x180F, 0x1885...0x1886, 0x18A9...0x18A9, 0x1920...0x192B, 0x1930...0x193B,
        0x1A17...0x1A1B, 0x1A55...0x1A5E, 0x1A60...0x1A7C, 0x1A7F...0x1A7F, 0x1AB0...0x1ADD, 0x1AE0...0x1AEB,
        0x1B00...0x1B04, 0x1B34...0x1B44, 0x1B6B...0x1B73, 0x1B80...0x1B82, 0x1BA1...0x1BAD, 0x1BE6...0x1BF3,
        0x1C24...0x1C37, 0x1CD0...0x1CD2, 0x1CD4...0x1CE8, 0x1CED...0x1CED, 0x1CF4...0x1CF4, 0x1CF7...0x1CF9,
        0x1DC0...0x1DFF, 0x200D...0x200D, 0x20D0...0x20F0, 0x2CEF...0x2CF1, 0x2D7F...0x2D7F, 0x2DE0...0x2DFF,
        0x302A...0x302F, 0x3099...0x309A, 0xA66F...0xA672, 0xA674...0xA67D, 0xA69E...0xA69F, 0xA6F0...0xA6F1,
        0xA802...0xA802, 0xA806...0xA806, 0xA80B...0xA80B, 0xA823...0xA827, 0xA82C...0xA82C, 0xA880...0xA881,
        0xA8B4...0xA8C5, 0xA8E0...0xA8F1, 0xA8FF...0xA8FF, 0xA926...0xA92D, 0xA947...0xA953, 0xA980...0xA983,
        0xA9B3...0xA9C0, 0xA9E5...0xA9E5, 0xAA29...0xAA36, 0xAA43...0xAA43, 0xAA4C...0xAA4D, 0xAA7B...0xAA7D,
        0xAAB0...0xAAB0, 0xAAB2...0xAAB4, 0xAAB7...0xAAB8, 0xAABE...0xAABF, 0xAAC1...0xAAC1, 0xAAEB...0xAAEF,
        0xAAF5...0xAAF6, 0xABE3...0xABEA, 0xABEC...0xABED, 0xFB1E...0xFB1E, 0xFE00...0xFE0F, 0xFE20...0xFE2F,
    ]

    /// Where the run of lower-case Cyrillic letters (U+0430–U+045F: `D0 B0`–`D1 9F`) and CJK Unified
    /// Ideographs (U+4E00–U+9FFF: `E4 B8 80`–`E9 BF BF`) from `i` ends, and where its last scalar starts
    /// (both `i` when there is none): scalars that fold to themselves (`ScanPropertyTests` checks every
    /// one), told by their first two bytes, none decoded. Russian or Chinese text is mostly such runs. In
    /// valid UTF-8 a second byte is a continuation byte (80–BF), so each range of byte pairs above holds
    /// only the pairs it names.
    @inline(__always)
    static func selfFoldingRun(_ input: UnsafeBufferPointer<UInt8>, from i: Int) -> (end: Int, last: Int) {
        let n = input.count
        var (k, last) = (i, i)
        while k + 1 < n {
            let pair = UInt16(input[k]) << 8 | UInt16(input[k + 1])
            if pair &- 0xD0B0 < 0xD19F - 0xD0B0 + 1 {
                (last, k) = (k, k + 2)
            } else if pair &- 0xE4B8 < 0xE9BF - 0xE4B8 + 1 && k + 2 < n {
                (last, k) = (k, k + 3)
            } else {
                break
            }
        }
        return (k, last)
    }

    /// The CJK Unified Ideographs block: every one folds to itself (`selfFoldingRun` tells them by their bytes).
    static let cjkUnified: ClosedRange<UInt32> = 0x4E00...0x9FFF
    /// Cyrillic lower-case letters а–я and ѐ–џ: every one folds to itself (`selfFoldingRun` tells them by their bytes).
    static let cyrillicLowerCase: ClosedRange<UInt32> = 0x0430...0x045F

    static func isCombining(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x300 { return false }  // no mark before the combining diacritics block
        if v >= 0x0400 && v < 0x0483 { return false }  // Cyrillic letters, before the block's marks
        if v >= 0x3400 && v < 0xA000 { return false }  // none in CJK Extension A, the Yijing hexagrams and CJK Unified Ideographs
        if v < 0x10000 { return combiningBitmap[Int(v >> 6)] & (1 << UInt64(v & 63)) != 0 }
        return isCombiningByProperty(s)
    }

    static func isCombiningByProperty(_ s: Unicode.Scalar) -> Bool {
        switch s.properties.generalCategory {
        case .nonspacingMark, .enclosingMark: return true
        case .spacingMark: return true
        default: return (0xFE00...0xFE0F).contains(s.value) || s.value == 0x200D
        }
    }

    static func isASCIILetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }

    static let tables: ContiguousArray<UInt8> = asciiClassTable + runKindTable

    /// 1 for bytes that fold one for one to an ASCII byte (class 0 or 1), 2 for the space, the one
    /// whitespace byte a plain run may contain (once, before a plain byte), 0 for the rest.
    static let runKindTable: ContiguousArray<UInt8> = ContiguousArray((0..<256).map { $0 == 0x20 ? 2 : asciiClassTable[$0] <= 1 ? 1 : 0 })

    /// Where the plain run starting at `i` (a plain byte) ends: plain bytes, and single spaces each
    /// followed by a plain byte. Eight bytes at a time (`plainRunStops`), then byte by byte
    /// (`plainRunEndByteByByte`) for the last few.
    @inline(__always)
    static func plainRunEnd(_ input: UnsafeBufferPointer<UInt8>, from i: Int, kinds: UnsafeBufferPointer<UInt8>) -> Int {
        let n = input.count
        var j = i + 1
        guard let p = input.baseAddress, let k = kinds.baseAddress else { return n }
        let raw = UnsafeRawPointer(p)
        while j &+ 8 < n {
            let (stop, space) = plainRunStops(raw.loadUnaligned(fromByteOffset: j, as: UInt64.self))
            // A space ends the run when the byte after it is not plain: shift "not plain" down one byte,
            // the byte after the word's last coming from the kinds table.
            let after = (stop | space) >> 8 | UInt64(k[Int(p[j &+ 8])] == 1 ? 0 : 0x80) << 56
            let end = stop | (space & after)
            if end != 0 { return j &+ end.trailingZeroBitCount >> 3 }
            j &+= 8
        }
        return plainRunEndByteByByte(input, from: j - 1, kinds: kinds)
    }

    /// For eight ASCII-or-not bytes, the top bit of each byte that stops a plain run whatever follows
    /// (non-ASCII, whitespace other than the space, `&`, an apostrophe or backquote, a hyphen, an
    /// underscore), and of each space. Exact per byte: every sum stays within its byte (the low seven
    /// bits plus at most 0x80), so no byte's test borrows from or carries into another's.
    @inline(__always)
    static func plainRunStops(_ w: UInt64) -> (stop: UInt64, space: UInt64) {
        let ones: UInt64 = 0x0101_0101_0101_0101, high: UInt64 = 0x8080_8080_8080_8080
        let low = w & 0x7F7F_7F7F_7F7F_7F7F
        /// Top bit set where the low seven bits are ≥ v.
        @inline(__always) func atLeast(_ v: UInt64) -> UInt64 { low &+ (0x80 &- v) &* ones }
        /// Top bit set where the low seven bits equal v.
        @inline(__always) func equal(_ v: UInt64) -> UInt64 { ~((low ^ v &* ones) &+ 0x7F &* ones) }
        let whitespace = atLeast(0x09) & ~atLeast(0x0E)  // \t \n \v \f \r
        let ampersandOrApostrophe = atLeast(0x26) & ~atLeast(0x28)
        let underscoreOrBackquote = atLeast(0x5F) & ~atLeast(0x61)
        let stop = (w | whitespace | ampersandOrApostrophe | equal(0x2D) | underscoreOrBackquote) & high
        return (stop, equal(0x20) & high & ~stop)
    }

    /// `plainRunEnd`, one byte at a time (its tail, and its reference in tests). Branch-free but for
    /// the loop's exit: spaces come at random, and a branch on each would miss.
    @inline(__always)
    static func plainRunEndByteByByte(_ input: UnsafeBufferPointer<UInt8>, from i: Int, kinds: UnsafeBufferPointer<UInt8>) -> Int {
        let n = input.count
        var j = i + 1
        guard j < n, let p = input.baseAddress, let k = kinds.baseAddress else { return n }
        var kind = k[Int(p[j])]
        while j &+ 1 < n {
            let next = k[Int(p[j &+ 1])]
            // Plain (1): keep. Space (2): keep if the next byte is plain. Other (0): stop.
            if (kind | (kind &>> 1 & next)) & 1 == 0 { return j }
            kind = next
            j &+= 1
        }
        return kind == 1 ? n : j
    }

    /// Lower-cases ASCII letters in place (the bytes are all ASCII), eight at a time: a byte is upper
    /// case when adding 0x3F sets its top bit (it is ≥ 0x41) and adding 0x25 does not (it is < 0x5B);
    /// no sum carries into the next byte, since every byte is below 0x80.
    @inline(__always)
    static func lowercaseASCII(_ bytes: UnsafeMutableBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress else { return }
        let raw = UnsafeMutableRawPointer(base)
        var k = 0
        while k + 8 <= bytes.count {
            let w = raw.loadUnaligned(fromByteOffset: k, as: UInt64.self)
            let upper = (w &+ 0x3F3F_3F3F_3F3F_3F3F) & ~(w &+ 0x2525_2525_2525_2525) & 0x8080_8080_8080_8080
            raw.storeBytes(of: w | upper >> 2, toByteOffset: k, as: UInt64.self)
            k += 8
        }
        while k < bytes.count {
            if bytes[k] &- 0x41 < 26 { bytes[k] |= 0x20 }
            k += 1
        }
    }

    /// 0 copy, 1 upper-case letter, 2 whitespace-like (apostrophes too), 4 '&', 5 non-ASCII.
    static let asciiClassTable: ContiguousArray<UInt8> = ContiguousArray(
        (0..<256).map { b -> UInt8 in
            switch b {
            case 0x41...0x5A: return 1
            case 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0x2D, 0x5F, 0x27, 0x60: return 2
            case 0x26: return 4
            case 0x80...: return 5
            default: return 0
            }
        })

    static func decode(_ input: UnsafeBufferPointer<UInt8>, at i: Int) -> (Unicode.Scalar, Int) {
        let b0 = UInt32(input[i])
        func cont(_ k: Int) -> UInt32 { i + k < input.count ? UInt32(input[i + k] & 0x3F) : 0 }
        let (value, length): (UInt32, Int)
        if b0 < 0x80 { return (Unicode.Scalar(UInt8(b0)), 1) }
        if b0 < 0xE0 {
            (value, length) = ((b0 & 0x1F) << 6 | cont(1), 2)
        } else if b0 < 0xF0 {
            (value, length) = ((b0 & 0x0F) << 12 | cont(1) << 6 | cont(2), 3)
        } else {
            (value, length) = ((b0 & 0x07) << 18 | cont(1) << 12 | cont(2) << 6 | cont(3), 4)
        }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", min(length, input.count - i))
    }

    static let namedEntities: [String: UInt32] = [
        "amp": 0x26, "lt": 0x3C, "gt": 0x3E, "quot": 0x22, "apos": 0x27, "nbsp": 0xA0, "ndash": 0x2013,
        "mdash": 0x2014, "lsquo": 0x2018, "rsquo": 0x2019, "ldquo": 0x201C, "rdquo": 0x201D, "hellip": 0x2026,
        "eacute": 0xE9, "egrave": 0xE8, "aacute": 0xE1, "agrave": 0xE0, "iacute": 0xED, "oacute": 0xF3,
        "uacute": 0xFA, "ntilde": 0xF1, "ccedil": 0xE7, "uuml": 0xFC, "ouml": 0xF6, "auml": 0xE4, "szlig": 0xDF,
        "Eacute": 0xC9, "Aacute": 0xC1, "Iacute": 0xCD, "Oacute": 0xD3, "Uacute": 0xDA, "Ntilde": 0xD1,
    ]

    /// An HTML entity at `i` (`&name;`, `&#123;`, `&#x7B;`): its scalar and length in bytes.
    static func entity(_ input: UnsafeBufferPointer<UInt8>, at i: Int) -> ([Unicode.Scalar], Int)? {
        var end = i + 1
        while end < input.count, end - i <= 10, input[end] != 0x3B {
            let c = input[end]
            guard (c | 0x20 >= 0x61 && c | 0x20 <= 0x7A) || (c >= 0x30 && c <= 0x39) || c == 0x23 else { return nil }
            end += 1
        }
        guard end < input.count, input[end] == 0x3B, end > i + 1 else { return nil }
        let name = String(decoding: UnsafeBufferPointer(rebasing: input[(i + 1)..<end]), as: UTF8.self)
        let value: UInt32?
        if name.hasPrefix("#x") || name.hasPrefix("#X") {
            value = UInt32(name.dropFirst(2), radix: 16)
        } else if name.hasPrefix("#") {
            value = UInt32(name.dropFirst())
        } else {
            value = namedEntities[name]
        }
        guard let value, let scalar = Unicode.Scalar(value), value != 0 else { return nil }
        return ([scalar], end - i + 1)
    }
}
