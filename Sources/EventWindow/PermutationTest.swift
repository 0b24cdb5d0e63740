public import GlareCore

/// A Monte Carlo label-permutation test of a window against pre: the difference of means, recomputed
/// with the window and pre labels shuffled over the pooled observed values.
/// p = (1 + #{draws ≥ observed}) / (1 + draws); two-sided with absolute values. Seedable and reproducible.
public struct PermutationTest: Sendable, Equatable, Codable {
    public let statistic: Double
    public let draws: Int
    public let pGreater: Double
    public let pTwoSided: Double

    enum CodingKeys: String, CodingKey {
        case statistic, draws, pGreater = "p_greater", pTwoSided = "p_two_sided"
    }

    public init?(window: [Double], pre: [Double], draws: Int, generator: inout SplitMix64) {
        guard !window.isEmpty, !pre.isEmpty, draws > 0 else { return nil }
        var pool = window + pre
        let nw = window.count, total = pool.count
        let totalSum = Descriptive.sum(pool)
        let observed = Descriptive.mean(window) - Descriptive.mean(pre)
        statistic = observed
        // Shuffle only the smaller labelled group into the front of the pool.
        let k = min(nw, total - nw)
        let smallIsWindow = k == nw
        let tol = 1e-12 * max(1, abs(observed))
        var greater = 0, extreme = 0
        for _ in 0..<draws {
            var s = 0.0
            for i in 0..<k {
                let j = i + Int(generator.next(below: UInt64(total - i)))
                pool.swapAt(i, j)
                s += pool[i]
            }
            let windowSum = smallIsWindow ? s : totalSum - s
            let stat = windowSum / Double(nw) - (totalSum - windowSum) / Double(total - nw)
            if stat >= observed - tol { greater += 1 }
            if abs(stat) >= abs(observed) - tol { extreme += 1 }
        }
        self.draws = draws
        pGreater = Double(1 + greater) / Double(1 + draws)
        pTwoSided = Double(1 + extreme) / Double(1 + draws)
    }
}
