import Foundation

/// Welch's unequal-variance t-test of a window against pre (t > 0 when the window is higher).
public struct WelchTest: Sendable, Equatable, Codable {
    public let t: Double
    public let df: Double
    public let p: Double

    public init?(_ a: [Double], _ b: [Double]) {
        guard a.count > 1, b.count > 1 else { return nil }
        let va = Descriptive.variance(a) / Double(a.count), vb = Descriptive.variance(b) / Double(b.count)
        guard va + vb > 0 else { return nil }
        t = (Descriptive.mean(a) - Descriptive.mean(b)) / (va + vb).squareRoot()
        df = (va + vb) * (va + vb) / (va * va / Double(a.count - 1) + vb * vb / Double(b.count - 1))
        p = Distributions.studentTwoSided(t, df: df)
    }
}

/// The Mann–Whitney U test of a window against pre: U of the window's sample, two-sided p from the
/// normal approximation with continuity and tie corrections.
public struct MannWhitneyTest: Sendable, Equatable, Codable {
    public let u: Double
    public let p: Double

    public init?(_ a: [Double], _ b: [Double]) {
        let n1 = Double(a.count), n2 = Double(b.count)
        guard n1 > 0, n2 > 0 else { return nil }
        // Midranks of the pooled sample.
        let pooled = (a.map { ($0, true) } + b.map { ($0, false) }).sorted { $0.0 < $1.0 }
        var rankSumA = 0.0, tieTerm = 0.0
        var i = 0
        while i < pooled.count {
            var j = i
            while j + 1 < pooled.count && pooled[j + 1].0 == pooled[i].0 { j += 1 }
            let rank = Double(i + j + 2) / 2
            let t = Double(j - i + 1)
            tieTerm += t * t * t - t
            for k in i...j where pooled[k].1 { rankSumA += rank }
            i = j + 1
        }
        let n = n1 + n2
        let u1 = rankSumA - n1 * (n1 + 1) / 2
        let u = max(u1, n1 * n2 - u1)
        let sigma = (n1 * n2 / 12 * ((n + 1) - tieTerm / (n * (n - 1)))).squareRoot()
        self.u = u1
        guard sigma > 0 else {
            p = 1
            return
        }
        p = min(1, 2 * Distributions.normalSF((u - n1 * n2 / 2 - 0.5) / sigma))
    }
}
