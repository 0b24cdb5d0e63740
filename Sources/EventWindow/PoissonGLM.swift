import Foundation

/// Poisson regression with a log link, fitted by iteratively reweighted least squares.
struct PoissonGLM {
    let beta: [Double]
    /// Model-based covariance (XᵀWX)⁻¹.
    let covariance: [[Double]]
    let fitted: [Double]
    /// Σ (y − μ)² / μ.
    let pearsonChi2: Double
    let converged: Bool

    /// Fits y ~ X (rows of X include the intercept column). Returns nil when the design is singular.
    init?(y: [Double], x: [[Double]], tolerance: Double = 1e-13, maxIterations: Int = 100) {
        let n = y.count, p = x.first?.count ?? 0
        guard n > p, p > 0 else { return nil }
        let ybar = max(Descriptive.mean(y), 1e-10)
        var mu = y.map { ($0 + ybar) / 2 }
        var eta = mu.map { log($0) }
        var beta = Array(repeating: 0.0, count: p)
        var deviance = Double.infinity
        var converged = false
        for _ in 0..<maxIterations {
            // Working response z = η + (y − μ)/μ, weights μ.
            let z = (0..<n).map { eta[$0] + (y[$0] - mu[$0]) / mu[$0] }
            let xtwx = LinearAlgebra.crossProduct(x, weights: mu)
            var xtwz = Array(repeating: 0.0, count: p)
            for r in 0..<n { for j in 0..<p { xtwz[j] += x[r][j] * mu[r] * z[r] } }
            guard let l = LinearAlgebra.cholesky(xtwx) else { return nil }
            beta = LinearAlgebra.solve(l, xtwz)
            eta = x.map { row in zip(row, beta).reduce(0) { $0 + $1.0 * $1.1 } }
            mu = eta.map { exp($0) }
            let newDeviance = 2 * (0..<n).reduce(0.0) { acc, i in
                acc + (y[i] > 0 ? y[i] * log(y[i] / mu[i]) : 0) - (y[i] - mu[i])
            }
            if abs(newDeviance - deviance) <= tolerance * (abs(newDeviance) + 0.1) {
                converged = true
                deviance = newDeviance
                break
            }
            deviance = newDeviance
        }
        guard let cov = LinearAlgebra.inverse(LinearAlgebra.crossProduct(x, weights: mu)) else { return nil }
        self.beta = beta
        covariance = cov
        fitted = mu
        pearsonChi2 = (0..<n).reduce(0.0) { $0 + ($1 < n ? (y[$1] - mu[$1]) * (y[$1] - mu[$1]) / mu[$1] : 0) }
        self.converged = converged
    }
}
