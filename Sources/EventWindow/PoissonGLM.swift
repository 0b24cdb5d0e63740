import Foundation

/// Poisson regression fitted by iteratively reweighted least squares, with a log link (rate ratios)
/// or an identity link (additive effects, as in the trend-adjusted excess).
struct PoissonGLM {
    enum Link { case log, identity }

    let beta: [Double]
    /// Model-based covariance (XᵀWX)⁻¹.
    let covariance: [[Double]]
    let fitted: [Double]
    /// Σ (y − μ)² / μ.
    let pearsonChi2: Double
    let converged: Bool

    /// Fits y ~ X (rows of X include the intercept column), starting from μ = (y + ȳ)/2 as statsmodels
    /// does; `offset` (log link only) is added to the linear predictor, as log exposure. Returns nil when
    /// the design is singular, or (identity link) a fitted mean leaves (0, ∞).
    init?(y: [Double], x: [[Double]], link: Link = .log, offset: [Double]? = nil, tolerance: Double = 1e-13, maxIterations: Int = 200) {
        let n = y.count, p = x.first?.count ?? 0
        guard n > p, p > 0 else { return nil }
        let ybar = max(Descriptive.mean(y), 1e-10)
        var mu = y.map { ($0 + ybar) / 2 }
        var eta = link == .log ? mu.map { Foundation.log($0) } : mu
        var beta = Array(repeating: 0.0, count: p)
        var deviance = Double.infinity
        var converged = false
        for _ in 0..<maxIterations {
            guard mu.allSatisfy({ $0 > 0 && $0.isFinite }) else { return nil }
            // Working response and weights: log link z = η + (y − μ)/μ, w = μ; identity link z = y, w = 1/μ.
            let shift: [Double] = offset ?? Array(repeating: 0, count: n)
            let z: [Double] = link == .log ? (0..<n).map { i -> Double in eta[i] - shift[i] + (y[i] - mu[i]) / mu[i] } : y
            let w = link == .log ? mu : mu.map { 1 / $0 }
            guard let l = LinearAlgebra.cholesky(LinearAlgebra.crossProduct(x, weights: w)) else { return nil }
            var xtwz = Array(repeating: 0.0, count: p)
            for r in 0..<n { for j in 0..<p { xtwz[j] += x[r][j] * w[r] * z[r] } }
            beta = LinearAlgebra.solve(l, xtwz)
            eta = x.enumerated().map { i, row in zip(row, beta).reduce(offset?[i] ?? 0) { $0 + $1.0 * $1.1 } }
            mu = link == .log ? eta.map { exp($0) } : eta
            guard mu.allSatisfy({ $0 > 0 && $0.isFinite }) else { return nil }
            var newDeviance = 0.0
            for i in 0..<n { newDeviance += 2 * ((y[i] > 0 ? y[i] * Foundation.log(y[i] / mu[i]) : 0) - (y[i] - mu[i])) }
            if abs(newDeviance - deviance) <= tolerance * (abs(newDeviance) + 0.1) {
                converged = true
                break
            }
            deviance = newDeviance
        }
        let w = link == .log ? mu : mu.map { 1 / $0 }
        guard let cov = LinearAlgebra.inverse(LinearAlgebra.crossProduct(x, weights: w)) else { return nil }
        var chi2 = 0.0
        for i in 0..<n { chi2 += (y[i] - mu[i]) * (y[i] - mu[i]) / mu[i] }
        self.beta = beta
        covariance = cov
        fitted = mu
        pearsonChi2 = chi2
        self.converged = converged
    }
}
