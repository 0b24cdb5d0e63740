import Foundation
public import GlareCore

/// Persistence judged against the spike: the share of the event window's excess over the baseline
/// that remains in the post window, S = (r_post − r_pre) / (r_event − r_pre), with r the windows'
/// rates (per period, or per unit of the period's total). 1 means the event level held, 0 a full
/// return, below 0 a fall below the baseline.
///
/// The interval is Fieller's for a ratio of two estimates (exact under normality of the rates, and
/// bounded only when the spike itself is clearly above the baseline), with each window's rate variance
/// the quasi-Poisson φ·r/T, φ the Pearson dispersion of pre and post together (flat windows under
/// "returned"), taken as 1 unless Pearson's χ² test shows overdispersion at 5% (never below 1); for the event window, whose mean is not flat, NB2's Σ(μ + αμ²)/T² with α from that
/// dispersion (`spikeVariance`). A window with no count takes r = ½/T and φ ≥ 1 in its variance
/// (a continuity correction, so a zero is not taken as known exactly). Periods are treated as
/// independent: strongly autocorrelated series get intervals that are too narrow.
///
/// For sparse series (a window with fewer than `sparseCount` counts), where a normal approximation of
/// small counts is poor, the bounds the verdict uses come from a parametric bootstrap of the same model
/// (each window's total drawn as negative binomial with the fitted mean and dispersion; a zero window
/// with mean ½), Fieller's reported beside them; a resample without a spike counts as +∞.
public struct RemainingShare: Sendable, Equatable, Codable {
    public let estimate: Double
    /// Fieller's 90% interval (each bound one-sided 95%); nil when unbounded.
    public let ci90: [Double]?
    /// The bootstrap's 90% percentile interval (sparse series only); an undefined draw (no spike in
    /// the resample) counts as +∞, and an infinite bound is null.
    public let bootstrapCI90: [Double?]?
    /// Whether a window holds fewer than `sparseCount` counts.
    public let sparse: Bool
    /// The one-sided 95% upper bound the verdict uses (the bootstrap's for sparse series); nil when unbounded.
    public let upperBound: Double?
    /// The one-sided 95% lower bound; nil when unbounded.
    public let lowerBound: Double?

    enum CodingKeys: String, CodingKey {
        case estimate, ci90, bootstrapCI90 = "bootstrap_ci90", sparse, upperBound = "upper_bound", lowerBound = "lower_bound"
    }

    public static let sparseCount = 20.0
    public static let bootstrapDraws = 1_999
    static let z = Distributions.normalQuantile(0.95)

    /// The share from fitted count models; nil when the spike is not above the baseline (no excess to share).
    public init?(fit: RateRatios.Fit, windows w: WindowedSeries, generator: inout SplitMix64) {
        let r: [Double] = fit.rates, t: [Double] = fit.exposures, y: [Double] = fit.counts
        guard r[1] > r[0], r.allSatisfy(\.isFinite) else { return nil }
        let groups = [w.pre, w.event, w.post]
        let flatDF = groups[0].count + groups[2].count - 2
        let pooled: Double = fit.dispersion.isFinite ? fit.dispersion : 1
        let pearson: Double = Self.pearson(groups[0], rate: r[0]) + Self.pearson(groups[2], rate: r[2])
        // Overdispersion is taken when Pearson's χ² shows it (5%, Wilson–Hilferty); otherwise Poisson's φ = 1:
        // with a few counts φ's noise alone would widen the interval, and a flat series (a constant index)
        // must not get a variance of zero.
        let flat: Double = flatDF > 0 ? (Self.overdispersed(pearson, df: flatDF) ? pearson / Double(flatDF) : 1) : max(pooled, 1)
        var variance: [Double] = []
        for g in [0, 2] {
            let rate: Double = y[g] > 0 ? r[g] : 0.5 / t[g]
            let phi: Double = y[g] > 0 ? flat : max(flat, 1)
            variance.append(phi * rate / t[g])
        }
        variance.insert(Self.spikeVariance(groups[1], flat: flat, flatWindows: [groups[0], groups[2]], rates: [r[0], r[2]]), at: 1)
        let a: Double = r[2] - r[0]
        let b: Double = r[1] - r[0]
        estimate = a / b
        let fieller = Self.fieller(a: a, b: b, va: variance[2] + variance[0], vb: variance[1] + variance[0], cab: variance[0])
        ci90 = fieller
        let isSparse = y.min()! < Self.sparseCount
        sparse = isSparse
        if isSparse {
            // Window totals drawn from the fitted count model: mean r·T, variance φ·r·T (negative binomial).
            let means: [Double] = (0..<3).map { max(y[$0], 0.5) }
            let dispersions: [Double] = (0..<3).map { g in max(variance[g] * t[g] * t[g] / means[g], 1) }
            let draws = Self.bootstrap(
                means: means, dispersions: dispersions, exposures: t, draws: Self.bootstrapDraws,
                seed: generator.next())
            let lo: Double = Self.quantile(draws, 0.05)
            let hi: Double = Self.quantile(draws, 0.95)
            bootstrapCI90 = [lo.isFinite ? lo : nil, hi.isFinite ? hi : nil]
            upperBound = hi.isFinite ? hi : nil
            lowerBound = lo.isFinite ? lo : nil
        } else {
            bootstrapCI90 = nil
            upperBound = fieller?[1]
            lowerBound = fieller?[0]
        }
    }

    /// The variance of the event window's rate when its mean is not flat: NB2, Var(y) = μ + αμ², with
    /// α from the flat windows' dispersion (φ ≈ 1 + α·μ̄) and Σμ² estimated without bias by Σ(y² − y)/(1 + α).
    /// Pearson's φ on the event window itself would count the spike's shape as noise.
    static func spikeVariance(_ points: [WindowedSeries.Point], flat: Double, flatWindows: [[WindowedSeries.Point]], rates: [Double]) -> Double {
        var mu = 0.0, n = 0.0
        for (g, window) in flatWindows.enumerated() {
            for p in window { mu += p.exposure * rates[g]; n += 1 }
        }
        let alpha: Double = n > 0 && mu > 0 ? max(0, flat - 1) / (mu / n) : 0
        var sum = 0.0, squares = 0.0, exposure = 0.0
        for p in points {
            sum += p.value
            squares += p.value * p.value - p.value
            exposure += p.exposure
        }
        let variance: Double = (max(sum, 0.5) + alpha / (1 + alpha) * max(squares, 0)) / (exposure * exposure)
        // Never below the quasi-Poisson variance at the flat windows' dispersion.
        return max(variance, max(flat, 1e-12) * max(sum, 0.5) / (exposure * exposure))
    }

    /// Whether Pearson's χ² on `df` degrees of freedom exceeds its 95th percentile (Wilson–Hilferty).
    static func overdispersed(_ chi2: Double, df: Int) -> Bool {
        let k = Double(df)
        let z = (pow(chi2 / k, 1.0 / 3) - (1 - 2 / (9 * k))) / (2 / (9 * k)).squareRoot()
        return z > Distributions.normalQuantile(0.95)
    }

    /// Σ (y − e·r)² / (e·r) over a window's periods at rate r.
    static func pearson(_ points: [WindowedSeries.Point], rate: Double) -> Double {
        guard rate > 0 else { return 0 }
        var sum = 0.0
        for p in points {
            let mu: Double = p.exposure * rate
            let d: Double = p.value - mu
            sum += d * d / mu
        }
        return sum
    }

    /// Fieller's interval for a/b at one-sided 95% per bound: the S with (a − S·b)² ≤ z²·Var(a − S·b).
    static func fieller(a: Double, b: Double, va: Double, vb: Double, cab: Double) -> [Double]? {
        let z2: Double = z * z
        let qa: Double = b * b - z2 * vb
        let qb: Double = a * b - z2 * cab
        let qc: Double = a * a - z2 * va
        guard qa > 0 else { return nil }
        let disc: Double = qb * qb - qa * qc
        guard disc >= 0 else { return nil }
        let root = disc.squareRoot()
        return [(qb - root) / qa, (qb + root) / qa]
    }

    /// The share recomputed on `draws` parametric resamples: each window's total drawn with the fitted
    /// mean and dispersion (NB2 with α = (φ − 1)/mean; Poisson at φ = 1), sorted.
    static func bootstrap(means: [Double], dispersions: [Double], exposures: [Double], draws: Int, seed: UInt64) -> [Double] {
        var random = RandomCounts(seed: seed)
        var out: [Double] = []
        out.reserveCapacity(draws)
        let alphas: [Double] = (0..<3).map { (dispersions[$0] - 1) / means[$0] }
        for _ in 0..<draws {
            var rates: [Double] = []
            for g in 0..<3 {
                rates.append(Double(random.negativeBinomial(mean: means[g], alpha: alphas[g])) / exposures[g])
            }
            let b = rates[1] - rates[0]
            out.append(b > 0 ? (rates[2] - rates[0]) / b : .infinity)
        }
        return out.sorted()
    }

    /// The q-quantile of sorted draws (the ⌈q·(n + 1)⌉-th order statistic, clamped).
    static func quantile(_ sorted: [Double], _ q: Double) -> Double {
        let k = min(max(Int((q * Double(sorted.count + 1)).rounded(.up)) - 1, 0), sorted.count - 1)
        return sorted[k]
    }
}
