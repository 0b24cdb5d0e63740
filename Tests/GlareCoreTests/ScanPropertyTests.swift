import Testing

@testable import GlareCore

/// The automaton and the ASCII fold against plain reference computations on generated text long and
/// short enough to take every path (the interleaved quarters of a long scan, the run fast path).
struct ScanPropertyTests {
    @Test func automatonFindsWhatANaiveSearchFinds() {
        var g = SplitMix64(seed: 23)
        let alphabet: [UInt8] = Array("ab c".utf8) + [0xC3, 0xA9]
        for round in 0..<60 {
            let patterns: [[UInt8]] = (0..<(1 + Int(g.next() % 12))).map { _ in
                (0..<(1 + Int(g.next() % (round % 3 == 0 ? 40 : 6)))).map { _ in alphabet[Int(g.next() % UInt64(alphabet.count))] }
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
}
