import Foundation

/// NB2 (Var = μ + αμ²) dispersion by profile maximum likelihood.
enum NegativeBinomial {
    /// The α maximising the profile likelihood at the fitted means `mu` (one per observation). Returns
    /// exactly 0 when the score at the Poisson boundary, ½Σ((y − μ)² − y), is not positive (no overdispersion).
    static func profileAlpha(y: [Double], mu: [Double]) -> Double {
        var boundaryScore = 0.0
        for i in y.indices { boundaryScore += (y[i] - mu[i]) * (y[i] - mu[i]) - y[i] }
        guard boundaryScore > 0 else { return 0 }
        // The score in α is positive at the boundary; find where it turns negative on a log grid,
        // then bisect the sign change to full precision.
        var lo = 1e-12, hi = 1e-12
        while score(alpha: hi, y: y, mu: mu) > 0 {
            lo = hi
            hi *= 4
            if hi > 1e8 { return hi }
        }
        for _ in 0..<300 {
            let mid = (lo * hi).squareRoot()
            if mid <= lo || mid >= hi { break }
            if score(alpha: mid, y: y, mu: mu) > 0 { lo = mid } else { hi = mid }
            if hi / lo - 1 < 1e-15 { break }
        }
        return (lo * hi).squareRoot()
    }

    /// ∂ℓ/∂α of the NB2 log-likelihood at fixed means.
    static func score(alpha: Double, y: [Double], mu: [Double]) -> Double {
        let r = 1 / alpha
        var s = 0.0
        for i in y.indices {
            let l = log1p(alpha * mu[i])
            let psi =
                y[i] == y[i].rounded() && y[i] < 1000 ? harmonic(r: r, count: Int(y[i])) : SpecialFunctions.digamma(y[i] + r) - SpecialFunctions.digamma(r)
            s += r * r * (l - psi) + (y[i] - mu[i]) / (alpha * (1 + alpha * mu[i]))
        }
        return s
    }

    /// The NB2 maximum-likelihood rate of counts `y` with exposures `exposure` at dispersion α: the root
    /// of Σ (y − e·r)/(1 + α·e·r), which decreases in r. Σy/Σe when the exposures are equal or α = 0.
    static func rate(y: [Double], exposure: [Double], alpha: Double) -> Double {
        let poisson = Descriptive.sum(y) / Descriptive.sum(exposure)
        guard alpha > 0, poisson > 0 else { return poisson }
        func f(_ r: Double) -> Double {
            var s = 0.0
            for i in y.indices { s += (y[i] - exposure[i] * r) / (1 + alpha * exposure[i] * r) }
            return s
        }
        var lo = poisson, hi = poisson
        while f(lo) < 0 { lo /= 2 }
        while f(hi) > 0 { hi *= 2 }
        for _ in 0..<200 {
            let mid = (lo + hi) / 2
            if mid <= lo || mid >= hi { break }
            if f(mid) > 0 { lo = mid } else { hi = mid }
        }
        return (lo + hi) / 2
    }

    /// ψ(r + k) − ψ(r) = Σ_{j<k} 1/(r + j), exact for whole counts.
    static func harmonic(r: Double, count: Int) -> Double {
        var h = 0.0
        for j in 0..<count { h += 1 / (r + Double(j)) }
        return h
    }
}
