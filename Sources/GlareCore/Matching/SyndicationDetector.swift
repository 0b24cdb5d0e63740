/// Groups documents into stories: near-duplicates on the same or adjacent days are one story.
///
/// Candidates come from locality-sensitive hashing of the sketches (bands of rows), so the work grows
/// with the number of documents, not its square; a candidate pair joins when its estimated similarity
/// reaches `threshold`. Stories are the connected groups.
public struct SyndicationDetector: Sendable {
    /// One document to group.
    public struct Document: Sendable {
        public let id: String
        public let day: Day
        public let sketch: StorySketch
        public init(id: String, day: Day, sketch: StorySketch) {
            self.id = id
            self.day = day
            self.sketch = sketch
        }
    }

    public var threshold: Double
    /// Most days apart two copies may be.
    public var maxDayGap: Int
    public static let bands = 32

    public init(threshold: Double = 0.6, maxDayGap: Int = 1) {
        self.threshold = threshold
        self.maxDayGap = maxDayGap
    }

    /// For each document, the id of its story: the id of the earliest document (by day, then input order) in its group.
    public func stories(_ documents: [Document]) -> [String] {
        let representatives = groups(days: documents.map(\.day), sketches: documents.map(\.sketch))
        return representatives.map { documents[$0].id }
    }

    /// For each document (given by its day and sketch, in input order), the index of its story's earliest
    /// document (by day, then input order): `stories` without ids.
    public func groups(days: [Day], sketches: [StorySketch]) -> [Int] {
        precondition(days.count == sketches.count)
        let n = days.count
        var parent = Array(0..<n)
        func find(_ i: Int) -> Int {
            var i = i
            while parent[i] != i {
                parent[i] = parent[parent[i]]
                i = parent[i]
            }
            return i
        }
        let rows = StorySketch.size / Self.bands
        // Each band's buckets in an open-addressed table of first members (the keys are mixed, so their low bits
        // place them), each member chained to the next of its bucket in input order: no sort and no allocation per
        // band. The groups are the connected components of the joined pairs, whatever order the pairs are tried in.
        var width = 16
        while width < 2 * n { width *= 2 }
        let mask = width - 1
        var keys = [UInt64](repeating: 0, count: n)
        var first = [Int](repeating: -1, count: width)
        var last = [Int](repeating: -1, count: width)
        var next = [Int](repeating: -1, count: n)
        for band in 0..<Self.bands {
            for i in 0..<n {
                var key = UInt64(band)
                sketches[i].signature.withUnsafeBufferPointer { s in
                    for r in 0..<rows { key = StorySketch.mix(key ^ UInt64(s[band * rows + r])) }
                }
                keys[i] = key
            }
            for k in 0..<width { first[k] = -1 }
            var chained = false
            for i in 0..<n {
                next[i] = -1
                var slot = Int(truncatingIfNeeded: keys[i]) & mask
                while first[slot] >= 0 && keys[first[slot]] != keys[i] { slot = (slot + 1) & mask }
                if first[slot] < 0 {
                    first[slot] = i
                } else {
                    next[last[slot]] = i
                    chained = true
                }
                last[slot] = i
            }
            guard chained else { continue }
            for slot in 0..<width where first[slot] >= 0 && next[first[slot]] >= 0 {
                var a = first[slot]
                while a >= 0 {
                    var b = next[a]
                    while b >= 0 {
                        if abs(days[a].distance(to: days[b])) <= maxDayGap, find(a) != find(b),
                            sketches[a].similarity(to: sketches[b]) >= threshold
                        {
                            parent[find(b)] = find(a)
                        }
                        b = next[b]
                    }
                    a = next[a]
                }
            }
        }
        var representative = [Int](repeating: -1, count: n)
        for i in 0..<n {
            let r = find(i)
            let current = representative[r]
            if current < 0 || days[i] < days[current] { representative[r] = i }
        }
        return (0..<n).map { representative[find($0)] }
    }
}
