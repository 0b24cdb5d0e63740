/// A multi-pattern byte automaton (Aho–Corasick) with a dense transition table: every text is
/// scanned once, one table lookup per byte, whatever the number of patterns.
///
/// Bytes that occur in no pattern share one class, so the table has a column per byte class (a power
/// of two) rather than 256; states are 16-bit when there are fewer than 32,768 of them. A transition
/// into a state where patterns end carries the top bit, so the scan tests one value per byte.
public struct AhoCorasick: Sendable {
    private let byteClass: [UInt8]
    private let shift: Int
    private let delta16: [UInt16]
    private let delta32: [UInt32]
    /// For each state, the range of `outputs` holding the patterns that end there (suffixes included).
    private let outputStart: [Int32]
    private let outputs: [Int32]
    /// Pattern lengths in bytes.
    public let lengths: [Int]

    public var stateCount: Int { outputStart.count - 1 }

    /// Compiles the patterns (UTF-8 byte strings; empty ones never match).
    public init(patterns: [[UInt8]]) {
        // Byte classes: 0 for bytes in no pattern, 1… for the others in byte order, so ASCII comes first
        // and an ASCII text touches only the start of each state's row. (Valid UTF-8 patterns use at most
        // 243 distinct bytes, so classes fit a byte.)
        var used = [Bool](repeating: false, count: 256)
        for p in patterns { for b in p { used[Int(b)] = true } }
        var cls = [UInt8](repeating: 0, count: 256)
        var classes = 1
        for b in 0..<256 where used[b] && classes < 256 {
            cls[b] = UInt8(classes)
            classes += 1
        }
        var shift = 0
        while (1 << shift) < classes { shift += 1 }
        let width = 1 << shift

        // The trie, as a dense table of children (-1: none), states in order of creation.
        var trie = [Int32](repeating: -1, count: width)
        var own: [[Int32]] = [[]]
        for (id, p) in patterns.enumerated() where !p.isEmpty {
            var s = 0
            for b in p {
                let slot = s * width + Int(cls[Int(b)])
                if trie[slot] < 0 {
                    trie[slot] = Int32(own.count)
                    own.append([])
                    trie += repeatElement(-1, count: width)
                }
                s = Int(trie[slot])
            }
            own[s].append(Int32(id))
        }
        // States numbered breadth first, so the shallow states a scan spends its time in sit together;
        // a state's failure state is shallower, so it comes first.
        let count = own.count
        var order = [0]
        order.reserveCapacity(count)
        var head = 0
        while head < order.count {
            let row = order[head] * width
            for c in 0..<width where trie[row + c] >= 0 { order.append(Int(trie[row + c])) }
            head += 1
        }
        var number = [Int32](repeating: 0, count: count)
        for (new, old) in order.enumerated() { number[old] = Int32(new) }
        var next = [Int32](repeating: -1, count: count * width)
        for (new, old) in order.enumerated() {
            for c in 0..<width where trie[old * width + c] >= 0 { next[new * width + c] = number[Int(trie[old * width + c])] }
        }
        var merged = order.map { own[$0] }
        // A state's transitions are its children, else its failure state's transitions.
        var delta = [Int](repeating: 0, count: count * width)
        var fail = [Int](repeating: 0, count: count)
        for c in 0..<width where next[c] >= 0 { delta[c] = Int(next[c]) }
        for s in 1..<max(count, 1) {
            let f = fail[s]
            merged[s] += merged[f]
            for c in 0..<width {
                let child = Int(next[s * width + c])
                if child >= 0 {
                    fail[child] = delta[f * width + c]
                    delta[s * width + c] = child
                } else {
                    delta[s * width + c] = delta[f * width + c]
                }
            }
        }
        var starts: [Int32] = [0]
        var flat: [Int32] = []
        for s in 0..<count {
            flat += merged[s]
            starts.append(Int32(flat.count))
        }
        let small = count < 0x8000
        delta16 = small ? delta.map { UInt16($0) | (merged[$0].isEmpty ? 0 : 0x8000) } : []
        delta32 = small ? [] : delta.map { UInt32($0) | (merged[$0].isEmpty ? 0 : 0x8000_0000) }
        byteClass = cls
        self.shift = shift
        outputStart = starts
        outputs = flat
        lengths = patterns.map(\.count)
    }

    /// The longest pattern, in bytes.
    public var maxLength: Int { lengths.max() ?? 0 }

    /// Calls `found(pattern, end)` for every occurrence, `end` being the byte just after it. Occurrences
    /// are reported in no particular order: long texts are scanned as four interleaved quarters, whose
    /// independent chains of table lookups the processor overlaps (one chain waits on each lookup).
    public func scan(_ text: UnsafeBufferPointer<UInt8>, _ found: (Int, Int) -> Void) {
        byteClass.withUnsafeBufferPointer { cls in
            if !delta16.isEmpty {
                delta16.withUnsafeBufferPointer { delta in
                    let n = text.count
                    guard n > 0, let t = text.baseAddress, let c = cls.baseAddress, let d = delta.baseAddress else { return }
                    let overlap = max(0, maxLength - 1)
                    let shift = self.shift
                    // Unchecked: every state's row holds `1 << shift` entries, every class is below that.
                    @inline(__always) func step(_ s: inout Int, _ i: Int) -> Bool {
                        let v = d[s &<< shift | Int(c[Int(t[i])])]
                        s = Int(v & 0x7FFF)
                        return v & 0x8000 != 0
                    }
                    guard n > 8 * (overlap + 64) else {
                        var s = 0
                        for i in 0..<n where step(&s, i) { report(s, i, found) }
                        return
                    }
                    // Quarter q holds the matches ending in [q·m, (q+1)·m) (the last one to n); quarters
                    // after the first start `overlap` bytes early, unreported, to reach the state a scan
                    // from the start would have.
                    let m = n / 4
                    var s0 = 0, s1 = 0, s2 = 0, s3 = 0
                    for i in (m - overlap)..<m { _ = step(&s1, i) }
                    for i in (2 * m - overlap)..<(2 * m) { _ = step(&s2, i) }
                    for i in (3 * m - overlap)..<(3 * m) { _ = step(&s3, i) }
                    for i in 0..<m {
                        let hit0 = step(&s0, i), hit1 = step(&s1, m + i), hit2 = step(&s2, 2 * m + i), hit3 = step(&s3, 3 * m + i)
                        if hit0 || hit1 || hit2 || hit3 {
                            if hit0 { report(s0, i, found) }
                            if hit1 { report(s1, m + i, found) }
                            if hit2 { report(s2, 2 * m + i, found) }
                            if hit3 { report(s3, 3 * m + i, found) }
                        }
                    }
                    for i in (4 * m)..<n where step(&s3, i) { report(s3, i, found) }
                }
            } else {
                delta32.withUnsafeBufferPointer { delta in
                    var s = 0
                    for i in 0..<text.count {
                        let v = delta[s << shift | Int(cls[Int(text[i])])]
                        s = Int(v & 0x7FFF_FFFF)
                        if v & 0x8000_0000 != 0 { report(s, i, found) }
                    }
                }
            }
        }
    }

    @inline(__always)
    private func report(_ s: Int, _ i: Int, _ found: (Int, Int) -> Void) {
        for k in Int(outputStart[s])..<Int(outputStart[s + 1]) { found(Int(outputs[k]), i + 1) }
    }
}
