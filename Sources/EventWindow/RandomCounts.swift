import Foundation
import GlareCore

/// Random counts for simulations: Poisson and negative binomial (NB2, Var = μ + αμ²) draws from a
/// seeded SplitMix64, so a simulation is reproducible from its seed.
public struct RandomCounts: Sendable {
    var generator: SplitMix64

    public init(seed: UInt64) { generator = SplitMix64(seed: seed) }

    /// A uniform draw in (0, 1).
    public mutating func uniform() -> Double {
        (Double(generator.next() >> 11) + 0.5) / 9_007_199_254_740_992
    }

    /// A standard normal draw (Box–Muller).
    public mutating func normal() -> Double {
        (-2 * log(uniform())).squareRoot() * cos(2 * .pi * uniform())
    }

    /// A Gamma(shape, 1) draw (Marsaglia & Tsang; shape < 1 by the boost U^(1/shape)).
    public mutating func gamma(shape: Double) -> Double {
        if shape < 1 { return gamma(shape: shape + 1) * pow(uniform(), 1 / shape) }
        let d = shape - 1.0 / 3, c = 1 / (9 * d).squareRoot()
        while true {
            var x: Double, v: Double
            repeat {
                x = normal()
                v = 1 + c * x
            } while v <= 0
            v = v * v * v
            let u = uniform()
            if log(u) < 0.5 * x * x + d - d * v + d * log(v) { return d * v }
        }
    }

    /// A Poisson(λ) draw: sequential inversion up to λ = 500, a rounded normal beyond.
    public mutating func poisson(_ lambda: Double) -> Int {
        guard lambda > 0 else { return 0 }
        if lambda > 500 { return max(0, Int((lambda + lambda.squareRoot() * normal()).rounded())) }
        var k = 0
        var p = exp(-lambda), cumulative = p
        let u = uniform()
        while u > cumulative {
            k += 1
            p *= lambda / Double(k)
            cumulative += p
            if p == 0 && k > Int(lambda) { break }
        }
        return k
    }

    /// An NB2 draw with mean μ and dispersion α (Poisson when α = 0): a Poisson with a Gamma-mixed mean.
    public mutating func negativeBinomial(mean: Double, alpha: Double) -> Int {
        guard alpha > 0 else { return poisson(mean) }
        return poisson(gamma(shape: 1 / alpha) * alpha * mean)
    }
}
