/// A screen for titles in plain ASCII that needs no fold: the skeleton of a text is its ASCII letters
/// (lower-cased) and digits, everything else dropped. On ASCII without `&` (no entity to decode) the fold
/// (`TextFolder`) only lower-cases letters and turns some punctuation and whitespace into single spaces:
/// it keeps every letter and digit, in order, and adds none. So when an alias occurs in a folded title,
/// the alias's skeleton occurs in the title's skeleton; the screen keeps every title whose skeleton holds
/// some alias's skeleton: all those the matcher could match, and a few more (`khadija-ismayilova.com`),
/// which the matcher then rules out.
///
/// Aliases that fold to text other than ASCII cannot occur in an ASCII title and are left out; titles
/// with other bytes (or `&`) are left to the fold.
struct TitleSkeletons: Sendable {
    let automaton: AhoCorasick

    /// Per byte: its skeleton byte, 0 when dropped, `other` when the title must be folded.
    static let table: [UInt8] = (0..<256).map { b -> UInt8 in
        switch b {
        case 0x41...0x5A: UInt8(b | 0x20)
        case 0x61...0x7A, 0x30...0x39: UInt8(b)
        case 0x26, 0x80...: other
        default: 0
        }
    }
    static let other: UInt8 = 0xFF

    /// The screen for aliases already folded (`NameFolding`), or nil when some ASCII alias has an empty
    /// skeleton (it would occur everywhere).
    init?(aliases: [[UInt8]]) {
        var skeletons: [[UInt8]] = []
        for alias in aliases where !alias.isEmpty && alias.allSatisfy({ $0 < 0x80 }) {
            let skeleton = alias.map { Self.table[Int($0)] }.filter { $0 != 0 && $0 != Self.other }
            guard !skeleton.isEmpty else { return nil }
            skeletons.append(skeleton)
        }
        automaton = AhoCorasick(patterns: skeletons)
    }

    /// Screens titles (title `i` is `text[starts[i]..<ends[i]]`): sets `kept[i]` for each ASCII title
    /// whose skeleton holds an alias's, and returns the titles it cannot judge (in order), which must be folded.
    func screen(_ text: UnsafeBufferPointer<UInt8>, starts: [Int32], ends: [Int32], kept: inout [Bool]) -> [Int] {
        var unjudged: [Int] = []
        // The skeletons one after another, each followed by a line break: a byte in no pattern, after
        // which the automaton starts afresh, so no occurrence runs from one title into the next.
        var skeletonStarts: [Int32] = []
        var owners: [Int32] = []
        skeletonStarts.reserveCapacity(starts.count)
        owners.reserveCapacity(starts.count)
        var capacity = starts.count
        for t in starts.indices { capacity += max(0, Int(ends[t]) - Int(starts[t])) }
        let skeleton = [UInt8](unsafeUninitializedCapacity: capacity) { out, count in
            var n = 0
            Self.table.withUnsafeBufferPointer { table in
                for t in starts.indices {
                    let begin = n
                    var plain = true
                    for i in Int(starts[t])..<Int(ends[t]) {
                        let m = table[Int(text[i])]
                        if m == Self.other {
                            plain = false
                            break
                        }
                        out[n] = m
                        n &+= m == 0 ? 0 : 1
                    }
                    guard plain else {
                        n = begin
                        unjudged.append(t)
                        continue
                    }
                    skeletonStarts.append(Int32(begin))
                    owners.append(Int32(t))
                    out[n] = 0x0A
                    n += 1
                }
            }
            count = n
        }
        skeleton.withUnsafeBufferPointer { bytes in
            automaton.scan(bytes) { _, end in
                // The title the occurrence ends in: the last skeleton starting before its end.
                kept[Int(owners[skeletonStarts.countAtMost(end - 1) - 1])] = true
            }
        }
        return unjudged
    }
}
