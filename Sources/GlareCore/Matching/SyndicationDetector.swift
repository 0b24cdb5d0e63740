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
        var parent = Array(documents.indices)
        func find(_ i: Int) -> Int {
            var i = i
            while parent[i] != i {
                parent[i] = parent[parent[i]]
                i = parent[i]
            }
            return i
        }
        let rows = StorySketch.size / Self.bands
        // Each band's buckets as runs of equal keys in a sorted array (one allocation for all bands, where a
        // dictionary of arrays made one per bucket); a bucket's members stay in input order. The groups are the
        // connected components of the joined pairs, whatever order the pairs are tried in.
        var keyed: [(key: UInt64, index: Int)] = []
        keyed.reserveCapacity(documents.count)
        for band in 0..<Self.bands {
            keyed.removeAll(keepingCapacity: true)
            for (i, d) in documents.enumerated() {
                var key: UInt64 = UInt64(band)
                for r in 0..<rows { key = StorySketch.mix(key ^ UInt64(d.sketch.signature[band * rows + r])) }
                keyed.append((key, i))
            }
            keyed.sort { ($0.key, $0.index) < ($1.key, $1.index) }
            var start = 0
            while start < keyed.count {
                var end = start + 1
                while end < keyed.count && keyed[end].key == keyed[start].key { end += 1 }
                for a in start..<end {
                    for b in (a + 1)..<end {
                        let (i, j) = (keyed[a].index, keyed[b].index)
                        guard abs(documents[i].day.distance(to: documents[j].day)) <= maxDayGap, find(i) != find(j) else { continue }
                        if documents[i].sketch.similarity(to: documents[j].sketch) >= threshold {
                            parent[find(j)] = find(i)
                        }
                    }
                }
                start = end
            }
        }
        var representative = [Int](repeating: -1, count: documents.count)
        for i in documents.indices {
            let r = find(i)
            let current = representative[r]
            if current < 0 || documents[i].day < documents[current].day { representative[r] = i }
        }
        return documents.indices.map { documents[representative[find($0)]].id }
    }
}
