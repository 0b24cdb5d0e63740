import Foundation

/// The event and post windows' excess over a linear trend: a Poisson model with identity link,
/// μ = b0 + b1·d + b2·event + b3·post over the observed periods of pre, event and post, with
/// Pearson-scaled (quasi-Poisson) standard errors. b2 and b3 are in the series' own units per period.
///
/// This is the verdict's guard against a steady trend posing as a rise: a trend is absorbed by b1,
/// so only a departure from it at the event counts.
public struct TrendAdjusted: Sendable, Equatable, Codable {
    public struct Excess: Sendable, Equatable, Codable {
        public let estimate: Double
        public let se: Double
        public let p: Double
    }

    public let event: Excess
    public let post: Excess

    public static func fit(_ w: WindowedSeries, tolerance: Double = 1e-13) -> TrendAdjusted? {
        let points = w.analysed
        let y = points.map(\.value)
        let x = points.map { p -> [Double] in
            [1, Double(p.offset), w.design.event.contains(p.offset) ? 1 : 0, w.design.post.contains(p.offset) ? 1 : 0]
        }
        let n = y.count, k = 4
        guard n > k else { return nil }
        let ybar = Descriptive.mean(y)
        var mu = y.map { ($0 + ybar) / 2 }
        var beta = Array(repeating: 0.0, count: k)
        var deviance = Double.infinity
        var converged = false
        for _ in 0..<200 {
            // Identity link: working response y, weights 1/μ.
            guard mu.allSatisfy({ $0 > 0 }) else { return nil }
            let weights = mu.map { 1 / $0 }
            guard let l = LinearAlgebra.cholesky(LinearAlgebra.crossProduct(x, weights: weights)) else { return nil }
            var xtwy = Array(repeating: 0.0, count: k)
            for r in 0..<n { for j in 0..<k { xtwy[j] += x[r][j] * weights[r] * y[r] } }
            beta = LinearAlgebra.solve(l, xtwy)
            mu = x.map { row in zip(row, beta).reduce(0) { $0 + $1.0 * $1.1 } }
            guard mu.allSatisfy({ $0 > 0 }) else { return nil }
            let newDeviance = 2 * (0..<n).reduce(0.0) { acc, i in acc + (y[i] > 0 ? y[i] * log(y[i] / mu[i]) : 0) - (y[i] - mu[i]) }
            if abs(newDeviance - deviance) <= tolerance * (abs(newDeviance) + 0.1) {
                converged = true
                break
            }
            deviance = newDeviance
        }
        guard converged, let cov = LinearAlgebra.inverse(LinearAlgebra.crossProduct(x, weights: mu.map { 1 / $0 })) else { return nil }
        var chi2 = 0.0
        for i in 0..<n {
            let r = y[i] - mu[i]
            chi2 += r * r / mu[i]
        }
        let phi = chi2 / Double(n - k)
        func excess(_ i: Int) -> Excess {
            let se = (cov[i][i] * phi).squareRoot()
            return Excess(estimate: beta[i], se: se, p: Distributions.normalTwoSided(beta[i] / se))
        }
        return TrendAdjusted(event: excess(2), post: excess(3))
    }
}
