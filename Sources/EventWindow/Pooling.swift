import Foundation

/// Inverse-variance pooling of log rate ratios across people: fixed effect, and random effects with
/// the DerSimonian–Laird between-person variance τ².
public struct PooledEstimate: Sendable, Equatable, Codable {
    public let people: Int
    public let fixed: RateRatio
    public let random: RateRatio
    public let tau2: Double

    public init?(logEstimates: [Double], standardErrors: [Double]) {
        let pairs = zip(logEstimates, standardErrors).filter { $0.0.isFinite && $0.1.isFinite && $0.1 > 0 }
        guard !pairs.isEmpty else { return nil }
        let w = pairs.map { 1 / ($0.1 * $0.1) }
        let sw = w.reduce(0, +)
        let fixedMean = zip(w, pairs).reduce(0.0) { $0 + $1.0 * $1.1.0 } / sw
        let q = zip(w, pairs).reduce(0.0) { $0 + $1.0 * ($1.1.0 - fixedMean) * ($1.1.0 - fixedMean) }
        let c = sw - w.reduce(0) { $0 + $1 * $1 } / sw
        let tau2 = pairs.count > 1 && c > 0 ? max(0, (q - Double(pairs.count - 1)) / c) : 0
        let wr = pairs.map { 1 / ($0.1 * $0.1 + tau2) }
        let swr = wr.reduce(0, +)
        let randomMean = zip(wr, pairs).reduce(0.0) { $0 + $1.0 * $1.1.0 } / swr
        people = pairs.count
        fixed = RateRatio(log: fixedMean, se: (1 / sw).squareRoot())
        random = RateRatio(log: randomMean, se: (1 / swr).squareRoot())
        self.tau2 = tau2
    }
}

/// Difference in differences against control people: the ratio of the pooled (random-effects) rate
/// ratios of featured and control people, with its log-scale standard error √(se₁² + se₂²).
public struct DifferenceInDifferences: Sendable, Equatable, Codable {
    public let window: String
    public let featured: RateRatio
    public let controls: RateRatio
    public let ratio: RateRatio

    public init?(window: String, featured: PooledEstimate?, controls: PooledEstimate?) {
        guard let f = featured?.random, let c = controls?.random, let sf = f.standardError, let sc = c.standardError else { return nil }
        self.window = window
        self.featured = f
        self.controls = c
        ratio = RateRatio(log: f.logEstimate - c.logEstimate, se: (sf * sf + sc * sc).squareRoot())
    }
}
