/// A multi-pattern byte automaton (Aho–Corasick) with a dense transition table: every text is
/// scanned once, one table lookup per byte, whatever the number of patterns.
public struct AhoCorasick: Sendable {
    /// Transitions: `delta[state << 8 | byte]`.
    private let delta: [Int32]
    /// For each state, the range of `outputs` holding the patterns that end there (suffixes included).
    private let outputStart: [Int32]
    private let outputs: [Int32]
    /// Pattern lengths in bytes.
    public let lengths: [Int]

    public var stateCount: Int { outputStart.count - 1 }

    /// Compiles the patterns (byte strings; empty ones never match).
    public init(patterns: [[UInt8]]) {
        var children: [[UInt8: Int32]] = [[:]]
        var own: [[Int32]] = [[]]
        for (id, p) in patterns.enumerated() where !p.isEmpty {
            var s = 0
            for b in p {
                if let next = children[s][b] {
                    s = Int(next)
                } else {
                    children.append([:])
                    own.append([])
                    children[s][b] = Int32(children.count - 1)
                    s = children.count - 1
                }
            }
            own[s].append(Int32(id))
        }
        let count = children.count
        var delta = [Int32](repeating: 0, count: count << 8)
        var fail = [Int32](repeating: 0, count: count)
        var merged = own
        // Breadth-first: a state's transitions are its children, else its failure state's transitions.
        var queue: [Int] = []
        for (b, c) in children[0] {
            delta[Int(b)] = c
            queue.append(Int(c))
        }
        var head = 0
        while head < queue.count {
            let s = queue[head]
            head += 1
            let f = Int(fail[s])
            merged[s] += merged[f]
            for b in 0..<256 {
                if let c = children[s][UInt8(b)] {
                    fail[Int(c)] = delta[f << 8 | b]
                    delta[s << 8 | b] = c
                    queue.append(Int(c))
                } else {
                    delta[s << 8 | b] = delta[f << 8 | b]
                }
            }
        }
        var starts: [Int32] = [0]
        var flat: [Int32] = []
        for s in 0..<count {
            flat += merged[s]
            starts.append(Int32(flat.count))
        }
        self.delta = delta
        outputStart = starts
        outputs = flat
        lengths = patterns.map(\.count)
    }

    /// Calls `found(pattern, end)` for every occurrence, `end` being the byte just after it.
    public func scan(_ text: UnsafeBufferPointer<UInt8>, _ found: (Int, Int) -> Void) {
        delta.withUnsafeBufferPointer { delta in
            outputStart.withUnsafeBufferPointer { starts in
                var s = 0
                for i in 0..<text.count {
                    s = Int(delta[s << 8 | Int(text[i])])
                    let a = Int(starts[s]), b = Int(starts[s + 1])
                    if a != b {
                        for k in a..<b { found(Int(outputs[k]), i + 1) }
                    }
                }
            }
        }
    }
}
