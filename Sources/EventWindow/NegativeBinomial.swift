import Foundation

/// NB2 (Var = μ + αμ²) dispersion by profile maximum likelihood.
enum NegativeBinomial {
    /// The NB2 log-likelihood of the groups' values at their group means, for dispersion α > 0.
    static func logLikelihood(alpha: Double, groups: [[Double]], means: [Double]) -> Double {
        let r = 1 / alpha
        var ll = 0.0
        for (g, values) in groups.enumerated() {
            let mu = means[g]
            let logTerm = log1p(alpha * mu)
            for y in values {
                ll += lgamma(y + r) - lgamma(r) - lgamma(y + 1) + y * (log(alpha * mu) - logTerm) - r * logTerm
            }
        }
        return ll
    }

    /// The α maximising the profile likelihood, with the group means as the fitted means (they are the
    /// NB2 maximum-likelihood means for an indicator design at every α). Returns exactly 0 when the
    /// score at the Poisson boundary, ½Σ((y − μ)² − y), is not positive (no overdispersion).
    static func profileAlpha(groups: [[Double]], means: [Double]) -> Double {
        var boundaryScore = 0.0
        for (g, values) in groups.enumerated() {
            for y in values { boundaryScore += (y - means[g]) * (y - means[g]) - y }
        }
        guard boundaryScore > 0 else { return 0 }
        // The score in α is positive at the boundary; find where it turns negative on a log grid,
        // then bisect the sign change to full precision.
        var lo = 1e-12, hi = 1e-12
        while score(alpha: hi, groups: groups, means: means) > 0 {
            lo = hi
            hi *= 4
            if hi > 1e8 { return hi }
        }
        for _ in 0..<300 {
            let mid = (lo * hi).squareRoot()
            if mid <= lo || mid >= hi { break }
            if score(alpha: mid, groups: groups, means: means) > 0 { lo = mid } else { hi = mid }
            if hi / lo - 1 < 1e-15 { break }
        }
        return (lo * hi).squareRoot()
    }

    /// ∂ℓ/∂α of the NB2 log-likelihood at fixed means.
    static func score(alpha: Double, groups: [[Double]], means: [Double]) -> Double {
        let r = 1 / alpha
        var s = 0.0
        for (g, values) in groups.enumerated() {
            let mu = means[g]
            let l = log1p(alpha * mu)
            for y in values {
                let psi = y == y.rounded() && y < 1000 ? harmonic(r: r, count: Int(y)) : SpecialFunctions.digamma(y + r) - SpecialFunctions.digamma(r)
                s += r * r * (l - psi) + (y - mu) / (alpha * (1 + alpha * mu))
            }
        }
        return s
    }

    /// ψ(r + k) − ψ(r) = Σ_{j<k} 1/(r + j), exact for whole counts.
    static func harmonic(r: Double, count: Int) -> Double {
        var h = 0.0
        for j in 0..<count { h += 1 / (r + Double(j)) }
        return h
    }
}
