/// Counting distinct items across several sorted lists (the URL hashes each GKG file holds for a day):
/// a day's article total counts a URL once however many files carry it.
public enum DistinctCount {
    /// The number of distinct values in the union of the lists (each may be unsorted, with repeats).
    public static func of(_ lists: [[UInt64]]) -> Int {
        var all: [UInt64] = []
        all.reserveCapacity(lists.reduce(0) { $0 + $1.count })
        for l in lists { all.append(contentsOf: l) }
        all.sort()
        var distinct = 0
        var last: UInt64? = nil
        for h in all where h != last {
            distinct += 1
            last = h
        }
        return distinct
    }
}
