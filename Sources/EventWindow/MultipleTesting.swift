/// Adjusted p-values across people. Missing p-values stay missing and do not count towards m.
public enum MultipleTesting {
    /// Holm's step-down adjustment.
    public static func holm(_ p: [Double?]) -> [Double?] {
        let present = p.indices.filter { p[$0] != nil }.sorted { p[$0]! < p[$1]! }
        let m = present.count
        var out = [Double?](repeating: nil, count: p.count)
        var running = 0.0
        for (rank, i) in present.enumerated() {
            running = max(running, min(1, Double(m - rank) * p[i]!))
            out[i] = running
        }
        return out
    }

    /// Benjamini–Hochberg step-up adjustment (false discovery rate).
    public static func benjaminiHochberg(_ p: [Double?]) -> [Double?] {
        let present = p.indices.filter { p[$0] != nil }.sorted { p[$0]! < p[$1]! }
        let m = present.count
        var out = [Double?](repeating: nil, count: p.count)
        var running = 1.0
        for rank in stride(from: m - 1, through: 0, by: -1) {
            let i = present[rank]
            running = min(running, Double(m) / Double(rank + 1) * p[i]!)
            out[i] = min(1, running)
        }
        return out
    }
}
