import Foundation
import GlareCore

/// The decay of attention after the event: μ_d = e·(b + A·e^(−k·d)) for the periods from the event
/// period to the end of post, d the days from the event period's start to the period's (the period index
/// times its length in days, so the half-life is in days at any resolution; a month counts 30.44 days),
/// e the exposure, with b fixed at the pre rate, A ≥ 0 and k > 0, by Poisson maximum likelihood.
/// Half-life = ln 2 / k; nil when there is no excess to decay (A = 0) or k is not identified
/// (the likelihood is largest at the edge of 1e-5 … 20 per day).
public struct DecayFit: Sendable, Equatable {
    public let baseline: Double
    public let amplitude: Double
    public let rate: Double

    public var halfLife: Double { log(2) / rate }

    public static let rateRange = (1e-5, 20.0)

    public init?(_ w: WindowedSeries) {
        let points = (w.event + w.post).filter { $0.index >= 0 }
        let b = Descriptive.sum(w.pre.map(\.value)) / Descriptive.sum(w.pre.map(\.exposure))
        guard b > 0, points.count >= 3 else { return nil }
        let d = points.map { Double($0.index) * w.resolution.approximateDays }
        let y = points.map(\.value)
        let exposure = points.map(\.exposure)
        // For fixed k the log-likelihood is concave in A: solve its score by bisection (A ≥ 0).
        func bestAmplitude(_ k: Double) -> Double {
            let e = d.map { exp(-k * $0) }
            func score(_ a: Double) -> Double {
                var s = 0.0
                for i in 0..<y.count { s += (y[i] / (b + a * e[i]) - exposure[i]) * e[i] }
                return s
            }
            if score(0) <= 0 { return 0 }
            var lo = 0.0, hi = max(1.0, y.max()! * 2)
            while score(hi) > 0 { lo = hi; hi *= 2 }
            for _ in 0..<200 {
                let mid = (lo + hi) / 2
                if mid <= lo || mid >= hi { break }
                if score(mid) > 0 { lo = mid } else { hi = mid }
            }
            return (lo + hi) / 2
        }
        func logLikelihood(_ k: Double) -> Double {
            let a = bestAmplitude(k)
            var ll = 0.0
            for i in 0..<y.count {
                let mu = exposure[i] * (b + a * exp(-k * d[i]))
                ll += y[i] * log(mu) - mu
            }
            return ll
        }
        // ∂ℓ/∂k at the profile's A (envelope theorem).
        func slope(_ k: Double) -> Double {
            let a = bestAmplitude(k)
            var s = 0.0
            for i in 0..<y.count {
                let e = exp(-k * d[i])
                s += (y[i] / (b + a * e) - exposure[i]) * (-a * d[i] * e)
            }
            return s
        }
        let (kMin, kMax) = Self.rateRange
        var grid: [Double] = []
        var u = log(kMin)
        while u <= log(kMax) + 1e-9 { grid.append(u); u += 0.25 }
        let values = grid.map { logLikelihood(exp($0)) }
        let best = values.indices.max { values[$0] < values[$1] }!
        guard best > 0, best < grid.count - 1 else { return nil }
        // The slope changes sign on one side of the best grid point: bisect it.
        var lo = exp(grid[best - 1]), hi = exp(grid[best + 1])
        if slope(exp(grid[best])) > 0 { lo = exp(grid[best]) } else { hi = exp(grid[best]) }
        guard slope(lo) >= 0, slope(hi) <= 0 else { return nil }
        for _ in 0..<200 {
            let mid = (lo * hi).squareRoot()
            if mid <= lo || mid >= hi { break }
            if slope(mid) > 0 { lo = mid } else { hi = mid }
        }
        let k = (lo * hi).squareRoot()
        let a = bestAmplitude(k)
        guard a > 0 else { return nil }
        baseline = b
        amplitude = a
        rate = k
    }
}
