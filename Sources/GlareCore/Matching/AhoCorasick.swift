/// A multi-pattern byte automaton (Aho–Corasick) with a dense transition table: every text is
/// scanned once, one table lookup per byte, whatever the number of patterns.
///
/// Bytes that occur in no pattern share one class, so the table has a column per byte class (a power
/// of two) rather than 256; states are 16-bit when the table has at most 65,536 rows. States where
/// patterns end are numbered from `flag`, a power of two above every other state's number, so a
/// transition's target is the next state's number and its own "a pattern ends here" bit at once: the
/// scan tests one bit of four states per step and masks nothing.
public struct AhoCorasick: Sendable {
    /// Per byte, where its class's column starts in the table (see `init`).
    private let byteOffset: [Int32]
    /// Row widths in the table, as a shift: a plane's columns (at most 32).
    private let planeShift: Int
    /// Where the table starts in its array (at a cache line's start).
    private let tableStart: Int
    private let delta16: [UInt16]
    private let delta32: [UInt32]
    /// The bit set in the number of every state where a pattern ends (and in no other's).
    private let flag: Int
    /// For each state number, the range of `outputs` holding the patterns that end there (suffixes
    /// included); numbers between the last plain state and `flag` are unused and hold none.
    private let outputStart: [Int32]
    private let outputs: [Int32]
    /// Pattern lengths in bytes.
    public let lengths: [Int]

    /// States in the automaton.
    public let stateCount: Int

    /// Compiles the patterns (UTF-8 byte strings; empty ones never match).
    public init(patterns: [[UInt8]]) {
        // Byte classes: 0 for bytes in no pattern, 1… for the others: the space and the lower-case
        // letters first, then the rest in byte order, so that folded text in Latin letters touches only
        // the first 32 columns of each state. (Valid UTF-8 patterns use at most 243 distinct bytes, so
        // classes fit a byte.)
        var used = [Bool](repeating: false, count: 256)
        for p in patterns { for b in p { used[Int(b)] = true } }
        var cls = [UInt8](repeating: 0, count: 256)
        var classes = 1
        for b in [0x20] + Array(0x61...0x7A) + (0..<256).filter({ $0 != 0x20 && !(0x61...0x7A).contains($0) }) where used[b] && classes < 256 {
            cls[b] = UInt8(classes)
            classes += 1
        }
        var shift = 0
        while (1 << shift) < classes { shift += 1 }
        let width = 1 << shift

        // The trie, as each state's children (class, child), states in order of creation. (A dense table
        // of children, count × width entries, cost more in page faults than the rest of the build.)
        var children: [[(Int, Int32)]] = [[]]
        var own: [[Int32]] = [[]]
        for (id, p) in patterns.enumerated() where !p.isEmpty {
            var s = 0
            for b in p {
                let c = Int(cls[Int(b)])
                if let child = children[s].first(where: { $0.0 == c }) {
                    s = Int(child.1)
                } else {
                    let n = Int32(own.count)
                    children[s].append((c, n))
                    children.append([])
                    own.append([])
                    s = Int(n)
                }
            }
            own[s].append(Int32(id))
        }
        for s in children.indices { children[s].sort { $0.0 < $1.0 } }
        // States numbered breadth first, so the shallow states a scan spends its time in sit together;
        // a state's failure state is shallower, so it comes first.
        let count = own.count
        var order = [0]
        order.reserveCapacity(count)
        var head = 0
        while head < order.count {
            for (_, child) in children[order[head]] { order.append(Int(child)) }
            head += 1
        }
        var number = [Int32](repeating: 0, count: count)
        for (new, old) in order.enumerated() { number[old] = Int32(new) }
        // From here on states go by their breadth-first numbers: each one's children (class, child).
        let kids = order.map { children[$0].map { ($0.0, number[Int($0.1)]) } }
        var merged = order.map { own[$0] }
        // Failure states, found by following failure states up from the parent's (no table of
        // transitions yet: one of count × width entries cost more than the rest of the build); the
        // patterns ending at a state include those ending at its failure state, shallower and done first.
        var fail = [Int32](repeating: 0, count: count)
        for st in 1..<max(count, 1) {
            for (c, child) in kids[st] {
                var f = Int(fail[st])
                var target: Int32 = 0
                while true {
                    if let hit = kids[f].first(where: { $0.0 == c }) {
                        target = hit.1
                        break
                    }
                    if f == 0 { break }
                    f = Int(fail[f])
                }
                fail[Int(child)] = target
                if !merged[Int(target)].isEmpty { merged[Int(child)] += merged[Int(target)] }
            }
        }
        // Final numbers: plain states keep their breadth-first order from 0, states where patterns end
        // follow from `flag`, in the same order.
        let ending = merged.reduce(0) { $0 + ($1.isEmpty ? 0 : 1) }
        var flag = 1
        while flag < max(count - ending, ending, 1) { flag <<= 1 }
        var final = [Int](repeating: 0, count: count)
        var plainSeen = 0, endingSeen = 0
        for st in 0..<count {
            if merged[st].isEmpty {
                final[st] = plainSeen
                plainSeen += 1
            } else {
                final[st] = flag + endingSeen
                endingSeen += 1
            }
        }
        let rows = flag + ending
        // The table in planes of (at most) 32 columns: classes 0–31 of every row, then classes 32–63 of
        // every row, and so on; a row's first plane is then one 64-byte cache line (16-bit entries, the
        // table aligned when made), and a text whose bytes all fall in it keeps its states' rows in
        // half as many lines as whole rows would take.
        let planeShift = min(shift, 5)
        let plane = 1 << planeShift
        func at(_ row: Int, _ c: Int) -> Int { ((c >> planeShift) * rows + row) << planeShift | (c & (plane - 1)) }
        func table<Entry: FixedWidthInteger>(_: Entry.Type) -> ([Entry], start: Int) {
            // 64 bytes more, for the table to start at a cache line's start (the array's storage does not
            // move once made, and copies share it; were it to move, the scan would only be slower).
            var table = [Entry](repeating: 0, count: rows * width + 64 / MemoryLayout<Entry>.size)
            let start = table.withUnsafeBufferPointer { ((64 - Int(bitPattern: $0.baseAddress) & 63) & 63) / MemoryLayout<Entry>.size }
            table.withUnsafeMutableBufferPointer { whole in
                let table = UnsafeMutableBufferPointer(rebasing: whole[start...])
                // Breadth first: a state's transitions are its failure state's (whose row is done), but
                // for its children. The root's are its children's, and 0 (itself) for every other class.
                for st in 0..<count {
                    let row = final[st]
                    if st > 0 {
                        let from = final[Int(fail[st])]
                        for p in 0..<(width >> planeShift) {
                            let source = at(from, p << planeShift), target = at(row, p << planeShift)
                            for k in 0..<plane { table[target + k] = table[source + k] }
                        }
                    }
                    for (c, child) in kids[st] { table[at(row, c)] = Entry(truncatingIfNeeded: final[Int(child)]) }
                }
            }
            return (table, start)
        }
        var outputsOfRow = [[Int32]](repeating: [], count: rows)
        for st in 0..<count { outputsOfRow[final[st]] = merged[st] }
        var starts: [Int32] = [0]
        var flat: [Int32] = []
        for row in outputsOfRow {
            flat += row
            starts.append(Int32(flat.count))
        }
        if rows <= 0x1_0000 {
            (delta16, tableStart) = table(UInt16.self)
            delta32 = []
        } else {
            (delta32, tableStart) = table(UInt32.self)
            delta16 = []
        }
        byteOffset = cls.map { Int32(at(0, Int($0))) }
        self.planeShift = planeShift
        self.flag = flag
        stateCount = count
        outputStart = starts
        outputs = flat
        lengths = patterns.map(\.count)
        maxLength = lengths.max() ?? 0
    }

    /// The longest pattern, in bytes (kept: every scan asks).
    public let maxLength: Int

    /// Calls `found(pattern, end)` for every occurrence, `end` being the byte just after it. Occurrences
    /// are reported in no particular order: long texts are scanned as four interleaved quarters, whose
    /// independent chains of table lookups the processor overlaps (one chain waits on each lookup).
    public func scan(_ text: UnsafeBufferPointer<UInt8>, _ found: (Int, Int) -> Void) {
        if !delta16.isEmpty {
            delta16.withUnsafeBufferPointer { scan(text, $0, found) }
        } else {
            delta32.withUnsafeBufferPointer { scan(text, $0, found) }
        }
    }

    /// The scan with the plane's shift a constant in the common case (a shift by a register costs more
    /// than one by a constant, and the register is one the loop needs).
    @inline(__always)
    private func scan<Entry: FixedWidthInteger>(_ text: UnsafeBufferPointer<UInt8>, _ delta: UnsafeBufferPointer<Entry>, _ found: (Int, Int) -> Void) {
        let aligned = UnsafeBufferPointer(rebasing: delta[tableStart...])
        if planeShift == 5 {
            scan(text, aligned, shift: 5, found)
        } else {
            scan(text, aligned, shift: planeShift, found)
        }
    }

    @inline(__always)
    private func scan<Entry: FixedWidthInteger>(
        _ text: UnsafeBufferPointer<UInt8>, _ delta: UnsafeBufferPointer<Entry>, shift: Int, _ found: (Int, Int) -> Void
    ) {
        byteOffset.withUnsafeBufferPointer { cls in
            let n = text.count
            guard n > 0, let t = text.baseAddress, let c = cls.baseAddress, let d = delta.baseAddress else { return }
            let overlap = max(0, maxLength - 1)
            let flag = self.flag
            // Unchecked: every state's row holds an entry in every plane, every byte's offset lies in one.
            @inline(__always) func next(_ s: Int, _ p: UnsafePointer<UInt8>) -> Int { Int(truncatingIfNeeded: d[s &<< shift &+ Int(c[Int(p.pointee)])]) }
            guard n > 8 * (overlap + 64) else {
                var s = 0
                for i in 0..<n {
                    s = next(s, t + i)
                    if s & flag != 0 { report(s, i, found) }
                }
                return
            }
            // Quarter q holds the matches ending in [q·m, (q+1)·m) (the last one to n); quarters after
            // the first start `overlap` bytes early, unreported, to reach the state a scan from the
            // start would have.
            let m = n / 4
            let t1 = t + m, t2 = t + 2 * m, t3 = t + 3 * m
            var s0 = 0, s1 = 0, s2 = 0, s3 = 0
            for i in -overlap..<0 {
                s1 = next(s1, t1 + i)
                s2 = next(s2, t2 + i)
                s3 = next(s3, t3 + i)
            }
            var i = 0
            while i < m {
                s0 = next(s0, t + i)
                s1 = next(s1, t1 + i)
                s2 = next(s2, t2 + i)
                s3 = next(s3, t3 + i)
                if (s0 | s1 | s2 | s3) >= flag {
                    report(s0, s1, s2, s3, i, m, found)
                }
                i &+= 1
            }
            for i in (4 * m)..<n {
                s3 = next(s3, t + i)
                if s3 & flag != 0 { report(s3, i, found) }
            }
        }
    }

    /// The patterns that end where any of the four quarters' states is one where patterns end.
    @inline(never)
    private func report(_ s0: Int, _ s1: Int, _ s2: Int, _ s3: Int, _ i: Int, _ m: Int, _ found: (Int, Int) -> Void) {
        if s0 & flag != 0 { report(s0, i, found) }
        if s1 & flag != 0 { report(s1, m + i, found) }
        if s2 & flag != 0 { report(s2, 2 * m + i, found) }
        if s3 & flag != 0 { report(s3, 3 * m + i, found) }
    }

    private func report(_ s: Int, _ i: Int, _ found: (Int, Int) -> Void) {
        for k in Int(outputStart[s])..<Int(outputStart[s + 1]) { found(Int(outputs[k]), i + 1) }
    }
}
