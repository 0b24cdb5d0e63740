import Testing

@testable import GlareCore

/// The automaton and the ASCII fold against plain reference computations on generated text long and
/// short enough to take every path (the interleaved quarters of a long scan, the run fast path).
struct ScanPropertyTests {
    @Test func automatonFindsWhatANaiveSearchFinds() {
        var g = SplitMix64(seed: 23)
        let small: [UInt8] = Array("ab c".utf8) + [0xC3, 0xA9]
        // Seventy bytes: more classes than one plane of the table holds (32), so rows span planes.
        let wide: [UInt8] = Array(0x21...0x66)
        for round in 0..<80 {
            let alphabet = round % 4 == 3 ? wide : small
            let patterns: [[UInt8]] = (0..<(1 + Int(g.next() % 12))).map { _ in
                (0..<(1 + Int(g.next() % (round % 3 == 0 || alphabet == wide ? 40 : 6)))).map { _ in alphabet[Int(g.next() % UInt64(alphabet.count))] }
            }
            let automaton = AhoCorasick(patterns: patterns)
            let length = [0, 1, 7, 300, 2_000, 20_000][round % 6] + Int(g.next() % 13)
            var text = (0..<length).map { _ in alphabet[Int(g.next() % UInt64(alphabet.count))] }
            // Patterns planted where a long scan's quarters meet (ending just past each boundary) and at random.
            for (k, p) in patterns.enumerated() where p.count <= length {
                let boundary = length / 4 * (1 + k % 3)
                for end in [boundary + k % 2, boundary + 1 + k % 2, Int(g.next() % UInt64(length + 1))] where end >= p.count && end <= length {
                    text.replaceSubrange((end - p.count)..<end, with: p)
                }
            }
            var found: [Int: Set<Int>] = [:]
            text.withUnsafeBufferPointer { automaton.scan($0) { found[$0, default: []].insert($1) } }
            for (id, p) in patterns.enumerated() {
                var expected: Set<Int> = []
                if p.count <= text.count {
                    for start in 0...(text.count - p.count) where text[start..<(start + p.count)].elementsEqual(p) { expected.insert(start + p.count) }
                }
                #expect(found[id] ?? [] == expected, "round \(round), pattern \(id) (\(p.count) bytes), text of \(text.count)")
            }
        }
    }

    /// The fold's lookup-free character tests agree with the Unicode properties they stand for, for
    /// every scalar.
    @Test func characterTestsAgreeWithUnicodeProperties() {
        var disagreements: [UInt32] = []
        for v in UInt32(0)...0x10FFFF {
            guard let s = Unicode.Scalar(v) else { continue }
            if TextFolder.isWhitespace(v) != s.properties.isWhitespace || TextFolder.isCombining(s) != TextFolder.isCombiningByProperty(s) {
                disagreements.append(v)
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(20).map { String($0, radix: 16) })")
    }

    /// Text of single scalars from many scripts (cased, caseless, compatibility forms that change length,
    /// one whose form is longer than seven bytes, whitespace and dashes) folds unit by unit to what
    /// `foldUnit` gives each scalar, spaces collapsed, and each unit's bytes map back to its start.
    @Test func nonASCIIFoldMatchesFoldingEachScalar() {
        var g = SplitMix64(seed: 37)
        let pool: [UInt32] = [
            0x416, 0x436, 0x401, 0x451, 0x4E2D, 0x6587, 0x5218, 0x970E, 0x627, 0x644, 0x3A3, 0x3C3, 0xC9, 0xE9, 0xDF, 0x130, 0x131,
            0xFB01, 0x216B, 0xFF21, 0xFF41, 0xFDFA, 0x33AE, 0x32FF, 0x3300, 0x3000, 0x2014, 0x2019, 0xA0, 0x1EA0, 0x10D0, 0x1F600, 0x65, 0x5A,
        ]
        for round in 0..<300 {
            let scalars = (0..<Int(g.next() % UInt64(round % 2 == 0 ? 12 : 300))).map { _ in Unicode.Scalar(pool[Int(g.next() % UInt64(pool.count))])! }
            var text = String.UnicodeScalarView()
            text.append(contentsOf: scalars)
            let original = Array(String(text).utf8)
            var expected: [UInt8] = []
            var starts: [(folded: Int, original: Int)] = []
            var pending = false
            var offset = 0
            for s in scalars {
                defer { offset += String(s).utf8.count }
                let spaceLike = s.properties.isWhitespace || [0x2014, 0x2019].contains(s.value)
                if spaceLike {
                    pending = true
                    continue
                }
                if pending && !expected.isEmpty { expected.append(0x20) }
                pending = false
                let form = TextFolder.foldUnit([s])
                if !form.isEmpty { starts.append((expected.count, offset)) }
                expected += form
            }
            let folded = original.withUnsafeBufferPointer { TextFolder.fold(utf8: $0) }
            #expect(folded.bytes == expected, "round \(round): \(String(text).debugDescription)")
            if folded.bytes == expected {
                for (f, o) in starts { #expect(folded.originalOffset(f) == o, "round \(round)") }
            }
        }
    }

    /// ASCII without entities folds to lower case with runs of whitespace, hyphens, underscores and
    /// apostrophes made one space, none at either end.
    func referenceFold(_ text: [UInt8]) -> [UInt8] {
        let spaceLike: Set<UInt8> = [0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0x2D, 0x5F, 0x27, 0x60]
        var out: [UInt8] = []
        var pending = false
        for b in text {
            if spaceLike.contains(b) {
                pending = true
                continue
            }
            if pending && !out.isEmpty { out.append(0x20) }
            pending = false
            out.append(b >= 0x41 && b <= 0x5A ? b | 0x20 : b)
        }
        return out
    }

    @Test func asciiFoldMatchesTheReference() {
        var g = SplitMix64(seed: 29)
        let alphabet: [UInt8] = Array("aZq9. -_'`\t\n\r,Xy@[A{z".utf8) + [0x20, 0x20, 0x20]
        for round in 0..<400 {
            let length = Int(g.next() % UInt64([3, 40, 2_000][round % 3]))
            let text = (0..<length).map { _ in alphabet[Int(g.next() % UInt64(alphabet.count))] }
            let folded = text.withUnsafeBufferPointer { TextFolder.fold(utf8: $0) }
            #expect(folded.bytes == referenceFold(text), "\(String(decoding: text, as: UTF8.self).debugDescription)")
            // Every folded letter maps back onto the same letter of the original.
            for (k, b) in folded.bytes.enumerated() where b != 0x20 {
                #expect(text[folded.originalOffset(k)] | 0x20 == b | 0x20)
            }
        }
    }

    /// The plain run's end found eight bytes at a time is the one found byte by byte, from every start,
    /// on text dense in the bytes that end a run (each whitespace byte, `&`, apostrophes, hyphens,
    /// underscores, non-ASCII bytes, single and double spaces) and in their neighbours.
    @Test func plainRunEndMatchesByteByByte() {
        var g = SplitMix64(seed: 41)
        let alphabet: [UInt8] =
            Array("abzAZ09.,!%~{}".utf8) + [0x00, 0x01, 0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x1F, 0x20, 0x20, 0x20, 0x21, 0x25, 0x26, 0x27, 0x28]
            + [0x2C, 0x2D, 0x2E, 0x5E, 0x5F, 0x60, 0x61, 0x7F, 0x80, 0xA0, 0xA6, 0xA7, 0xAD, 0xC3, 0xDF, 0xE0, 0xFF]
        let letters = Array("abcdefghij".utf8)
        TextFolder.tables.withUnsafeBufferPointer { t in
            let kinds = UnsafeBufferPointer(rebasing: t[256..<512])
            for round in 0..<400 {
                // Mostly letters and single spaces (long runs), with a stop now and then; or anything.
                let dense = round % 2 == 0
                let length = Int(g.next() % UInt64([5, 30, 300][round % 3]))
                let text: [UInt8] = (0..<length).map { k in
                    if !dense && g.next() % 8 != 0 { return k % 6 == 5 ? 0x20 : letters[Int(g.next() % 10)] }
                    return alphabet[Int(g.next() % UInt64(alphabet.count))]
                }
                text.withUnsafeBufferPointer { b in
                    for i in 0..<b.count where kinds[Int(b[i])] == 1 {
                        let fast = TextFolder.plainRunEnd(b, from: i, kinds: kinds)
                        let slow = TextFolder.plainRunEndByteByByte(b, from: i, kinds: kinds)
                        #expect(fast == slow, "from \(i) in \(text)")
                    }
                }
            }
        }
    }

    /// An automaton with more than 65,536 rows (32-bit transitions) finds what a naive search finds.
    @Test func largeAutomatonFindsWhatANaiveSearchFinds() {
        var g = SplitMix64(seed: 43)
        let alphabet: [UInt8] = Array("abcdefgh".utf8)
        let patterns: [[UInt8]] = (0..<2_500).map { _ in (0..<(20 + Int(g.next() % 20))).map { _ in alphabet[Int(g.next() % 8)] } }
        let automaton = AhoCorasick(patterns: patterns)
        #expect(automaton.stateCount > 40_000)
        var text = (0..<20_000).map { _ in alphabet[Int(g.next() % 8)] }
        for (k, p) in patterns.enumerated().prefix(300) {
            let end = p.count + Int(g.next() % UInt64(text.count - p.count + 1))
            if k % 3 == 0 { text.replaceSubrange((end - p.count)..<end, with: p) }
        }
        var found: Set<[Int]> = []
        text.withUnsafeBufferPointer { automaton.scan($0) { found.insert([$0, $1]) } }
        var ids: [[UInt8]: [Int]] = [:]
        for (id, p) in patterns.enumerated() { ids[p, default: []].append(id) }
        var expected: Set<[Int]> = []
        for start in 0..<text.count {
            for length in 20..<40 where start + length <= text.count {
                for id in ids[Array(text[start..<(start + length)])] ?? [] { expected.insert([id, start + length]) }
            }
        }
        #expect(expected.count >= 50)
        #expect(found == expected)
    }

    /// Folding texts one after another with one `FormCache` (as `glare match` does on each thread)
    /// gives each text's fold on its own, whatever the cache holds from texts before (Latin, Cyrillic,
    /// Chinese and compatibility forms, enough distinct scalars to make it grow and to collide).
    @Test func sharedFormCacheChangesNoFold() {
        var g = SplitMix64(seed: 47)
        let ranges: [ClosedRange<UInt32>] = [0xC0...0x24F, 0x400...0x4FF, 0x4E00...0x4FFF, 0xFB00...0xFB06, 0xFF01...0xFF5E, 0x2000...0x206F]
        var cache = TextFolder.FormCache()
        for round in 0..<300 {
            var text = String.UnicodeScalarView()
            for _ in 0..<Int(g.next() % 200) {
                if g.next() % 3 == 0 {
                    text.append(Unicode.Scalar(UInt8(0x20 + g.next() % 0x5F)))
                } else {
                    let r = ranges[Int(g.next() % UInt64(ranges.count))]
                    if let s = Unicode.Scalar(r.lowerBound + UInt32(g.next() % UInt64(r.count))) { text.append(s) }
                }
            }
            let bytes = Array(String(text).utf8)
            let alone = bytes.withUnsafeBufferPointer { TextFolder.fold(utf8: $0) }
            let shared = bytes.withUnsafeBufferPointer { TextFolder.fold(utf8: $0, cache: &cache) }
            #expect(shared.bytes == alone.bytes, "round \(round)")
            #expect((0...alone.bytes.count).allSatisfy { shared.originalOffset($0) == alone.originalOffset($0) }, "round \(round)")
            #expect(shared.paragraphBreaks == alone.paragraphBreaks)
        }
        #expect(cache.keys.count >= 2048)
    }

    /// The fold's shortcut for CJK Unified Ideographs and lower-case Cyrillic letters holds: each folds
    /// to itself, none is a combining mark or space-like.
    @Test func cjkUnifiedIdeographsAndCyrillicLowerCaseFoldToThemselves() {
        var changed: [UInt32] = []
        for v in Array(TextFolder.cjkUnified) + Array(TextFolder.cyrillicLowerCase) {
            let s = Unicode.Scalar(v)!
            if TextFolder.foldUnit([s]) != Array(String(s).utf8) || TextFolder.isCombiningByProperty(s) || TextFolder.State.isSpaceLike(v) {
                changed.append(v)
            }
        }
        #expect(changed.isEmpty, "\(changed.prefix(20).map { String($0, radix: 16) })")
    }

    /// The byte-level run of lower-case Cyrillic letters and CJK ideographs ends where a scalar-by-scalar
    /// check of the two ranges ends, from every scalar's start, on text dense in their neighbours (upper
    /// case, Ѡ, Yijing hexagrams, U+A000, marks, ASCII) and cut short anywhere.
    @Test func selfFoldingRunEndsWhereTheRangesDo() {
        var g = SplitMix64(seed: 53)
        let pool: [UInt32] = [
            0x430, 0x43F, 0x440, 0x44F, 0x450, 0x45F, 0x42F, 0x460, 0x40F, 0x483, 0x301, 0x4E00, 0x4E2D, 0x9FFF, 0x4DFF, 0x4DC0, 0xA000, 0x3400,
            0x3002, 0xE9, 0x61, 0x20, 0x1F600,
        ]
        for round in 0..<400 {
            let scalars = (0..<Int(g.next() % 40)).map { _ in Unicode.Scalar(pool[Int(g.next() % UInt64(pool.count))])! }
            var text = String.UnicodeScalarView()
            text.append(contentsOf: scalars)
            let bytes = Array(String(text).utf8)
            // Cut at any byte: a run must stop before a sequence the buffer does not hold whole.
            let cut = Array(bytes.prefix(bytes.isEmpty ? 0 : Int(g.next() % UInt64(bytes.count + 1))))
            var starts: [Int] = []
            var offset = 0
            for s in scalars {
                starts.append(offset)
                offset += String(s).utf8.count
            }
            cut.withUnsafeBufferPointer { b in
                for start in starts where start <= b.count {
                    var (end, last) = (start, start)
                    while end < b.count, b[end] >= 0x80 {
                        let (scalar, _) = TextFolder.decode(b, at: end)
                        let length = b[end] < 0xE0 ? 2 : b[end] < 0xF0 ? 3 : 4
                        guard end + length <= b.count, TextFolder.cyrillicLowerCase.contains(scalar.value) || TextFolder.cjkUnified.contains(scalar.value)
                        else { break }
                        (last, end) = (end, end + length)
                    }
                    let fast = TextFolder.selfFoldingRun(b, from: start)
                    #expect(fast.end == end && fast.last == last, "round \(round), from \(start) of \(b.count): \(String(text).debugDescription)")
                }
            }
        }
    }

    /// Russian and Chinese text, with combining marks on some letters (kept: their bases are not Latin;
    /// a mark that composes with its letter under NFC, as `е` + U+0308 = `ё`, composed), folds unit by unit
    /// to what `foldUnit` gives each letter with its marks, spaces collapsed.
    @Test func cyrillicAndChineseWithMarksFoldUnitByUnit() {
        var g = SplitMix64(seed: 59)
        let bases: [UInt32] = [
            0x430, 0x435, 0x438, 0x44F, 0x451, 0x45F, 0x410, 0x42F, 0x401, 0x460, 0x4E2D, 0x6587, 0x9FFF, 0x4DFF, 0xA000, 0x3002, 0xFF0C, 0x61, 0x41, 0xE9,
        ]
        let marks: [UInt32] = [0x301, 0x308, 0x306, 0x483, 0x302A]
        for round in 0..<300 {
            var units: [[Unicode.Scalar]] = []
            for _ in 0..<Int(g.next() % UInt64(round % 2 == 0 ? 12 : 200)) {
                if g.next() % 6 == 0 {
                    units.append([" "])
                    continue
                }
                var unit = [Unicode.Scalar(bases[Int(g.next() % UInt64(bases.count))])!]
                if g.next() % 5 == 0 { unit.append(Unicode.Scalar(marks[Int(g.next() % UInt64(marks.count))])!) }
                units.append(unit)
            }
            var text = String.UnicodeScalarView()
            for u in units { text.append(contentsOf: u) }
            var expected: [UInt8] = []
            var pending = false
            for u in units {
                if u == [" "] {
                    pending = true
                    continue
                }
                if pending && !expected.isEmpty { expected.append(0x20) }
                pending = false
                expected += TextFolder.foldUnit(u)
            }
            let folded = Array(String(text).utf8).withUnsafeBufferPointer { TextFolder.fold(utf8: $0) }
            #expect(folded.bytes == expected, "round \(round): \(String(text).debugDescription)")
        }
    }

    /// A name's word window found eight bytes at a time is the one a walk byte by byte finds, for every
    /// span of generated text dense or sparse in spaces (none at all, as in Chinese) and in bytes one bit
    /// from a space (0xA0, 0x21, 0x00), windows of 0–3 words, each chosen apart from the others.
    @Test func wordWindowMatchesAWalkByteByByte() {
        var g = SplitMix64(seed: 61)
        let others: [UInt8] = [0x61, 0xE4, 0xB8, 0x21, 0xA0, 0x00, 0x1F]
        for _ in 0..<400 {
            let length = Int(g.next() % UInt64([0, 9, 40, 300][Int(g.next() % 4)] + 1))
            let spaceEvery = [1, 2, 5, 30, 0][Int(g.next() % 5)]
            let bytes: [UInt8] = (0..<length).map { _ in
                spaceEvery > 0 && g.next() % UInt64(spaceEvery) == 0 ? 0x20 : others[Int(g.next() % UInt64(others.count))]
            }
            let words = Int(g.next() % 4)
            let window = WordWindow(FoldedText(bytes: bytes, anchors: [], paragraphBreaks: [], originalLength: bytes.count), words: words)
            for start in stride(from: 0, through: length, by: max(1, length / 25)) {
                let end = min(length, start + Int(g.next() % 6))
                var lo = start, seen = 0
                while lo > 0 {
                    if bytes[lo - 1] == 0x20 {
                        seen += 1
                        if seen > words { break }
                    }
                    lo -= 1
                }
                var hi = end
                seen = 0
                while hi < bytes.count {
                    if bytes[hi] == 0x20 {
                        seen += 1
                        if seen > words { break }
                    }
                    hi += 1
                }
                #expect(window.bounds(start, end) == lo...hi, "\(start)..<\(end) of \(bytes), \(words) words")
            }
        }
    }
}
