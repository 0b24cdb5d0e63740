import Foundation
import GlareCore

/// Exact penalised segmentation (optimal partitioning) of the observed periods of pre, event and post:
/// squared-error cost on the Anscombe transform 2√(y + 3/8), penalty 2·ln n per changepoint, segments
/// of at least `minimumSegment` periods. Returns the first day of each new segment.
public enum Changepoints {
    public static let minimumSegment = 7

    public static func detect(_ w: WindowedSeries, minimumSegment: Int = minimumSegment) -> [String] {
        let points = w.analysed
        return locate(points.map(\.level), minimumSegment: minimumSegment).map { points[$0].day.iso }
    }

    /// Indices where new segments start, for values already in time order.
    public static func locate(_ values: [Double], minimumSegment m: Int = minimumSegment) -> [Int] {
        let n = values.count
        guard n >= 2 * m else { return [] }
        let z = values.map { 2 * ($0 + 0.375).squareRoot() }
        var s1 = [0.0], s2 = [0.0]
        for v in z {
            s1.append(s1.last! + v)
            s2.append(s2.last! + v * v)
        }
        func cost(_ a: Int, _ b: Int) -> Double {  // segment z[a..<b]
            let sum = s1[b] - s1[a]
            return (s2[b] - s2[a]) - sum * sum / Double(b - a)
        }
        let beta = 2 * log(Double(n))
        var f = Array(repeating: Double.infinity, count: n + 1)
        var last = Array(repeating: 0, count: n + 1)
        f[0] = -beta
        for t in m...n {
            for s in 0...(t - m) where s == 0 || s >= m {
                guard f[s].isFinite else { continue }
                let v = f[s] + cost(s, t) + beta
                if v < f[t] {
                    f[t] = v
                    last[t] = s
                }
            }
        }
        var cuts: [Int] = []
        var t = n
        while t > 0 {
            let s = last[t]
            if s > 0 { cuts.append(s) }
            t = s
        }
        return cuts.reversed()
    }
}
