import Foundation
import GlareCore

/// A rate ratio with its 95% Wald interval (on the log scale) and two-sided p-value.
public struct RateRatio: Sendable, Equatable, Codable {
    public let estimate: Double
    public let ci95: [Double]?
    public let p: Double?
    /// The log rate ratio and its standard error, for pooling and equivalence tests.
    public let logEstimate: Double
    public let standardError: Double?
    /// NB2 dispersion α, for the negative binomial model.
    public let alpha: Double?

    enum CodingKeys: String, CodingKey {
        case estimate, ci95, p, logEstimate = "log_estimate", standardError = "se", alpha
    }

    /// A window without attention has rate ratio 0 and no finite log: that is written as null.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(estimate, forKey: .estimate)
        try c.encode(ci95, forKey: .ci95)
        try c.encode(p, forKey: .p)
        try c.encode(logEstimate.isFinite ? logEstimate : nil, forKey: .logEstimate)
        try c.encode(standardError, forKey: .standardError)
        try c.encodeIfPresent(alpha, forKey: .alpha)
    }

    init(log b: Double, se: Double?, alpha: Double? = nil) {
        estimate = exp(b)
        logEstimate = b
        self.alpha = alpha
        let q = Distributions.normalQuantile(0.975)
        if let se, se.isFinite, se > 0, b.isFinite, (b + q * se).isFinite, exp(b + q * se).isFinite {
            standardError = se
            ci95 = [exp(b - q * se), exp(b + q * se)]
            p = Distributions.normalTwoSided(b / se)
        } else {
            standardError = nil
            ci95 = nil
            p = nil
        }
    }
}

/// Rate ratios of a window against pre under four count models of y ~ pre + event + post:
/// Poisson; quasi-Poisson (Pearson dispersion on n − 3 df); negative binomial NB2 with α by profile
/// maximum likelihood (α = 0 exactly when the likelihood is largest at the Poisson boundary); and
/// Poisson with day-of-week terms (daily series only). With exposures (counts read against the
/// period's total) each model's mean is exposure × rate, and the ratios are ratios of rates.
public struct RateRatios: Sendable, Equatable, Codable {
    public let poisson: RateRatio
    public let quasiPoisson: RateRatio
    public let negbin: RateRatio
    public let poissonDOW: RateRatio?

    enum CodingKeys: String, CodingKey {
        case poisson, quasiPoisson = "quasi_poisson", negbin, poissonDOW = "poisson_dow"
    }

    /// The fitted models of one series: the ratios, and what the persistence share needs.
    public struct Fit: Sendable {
        public let event: RateRatios
        public let post: RateRatios
        /// Pearson dispersion φ.
        public let dispersion: Double
        /// NB2 dispersion α.
        public let alpha: Double
        /// Rates per unit of exposure of pre, event and post (per period without exposures).
        public let rates: [Double]
        /// Σ exposure of pre, event and post (the number of periods without exposures).
        public let exposures: [Double]
        /// Σ counts of pre, event and post.
        public let counts: [Double]
        /// The NB2 information Σ μ/(1 + αμ) of each window's log rate.
        public let negbinInformation: [Double]
    }

    /// Rate ratios for event/pre and post/pre, or nil when a window has no observed periods or pre no counts.
    public static func fit(_ w: WindowedSeries) -> Fit? {
        let windows = [w.pre, w.event, w.post]
        guard windows.allSatisfy({ !$0.isEmpty }) else { return nil }
        let groups = windows.map { $0.map(\.value) }
        let exposure = windows.map { $0.map(\.exposure) }
        let sums = groups.map(Descriptive.sum)
        guard sums[0] > 0 else { return nil }
        let n = groups.map { Double($0.count) }
        let t = exposure.map(Descriptive.sum)
        let rates = zip(sums, t).map { $0 / $1 }
        let total = n.reduce(0, +)

        // Poisson with indicators: μ = exposure × rate_g; Var(log rate_g) = 1/Σy_g.
        func poisson(_ g: Int) -> RateRatio {
            RateRatio(log: log(rates[g] / rates[0]), se: (1 / sums[g] + 1 / sums[0]).squareRoot())
        }
        // Pearson dispersion on n − 3 degrees of freedom.
        var chi2 = 0.0
        for g in 0..<3 where rates[g] > 0 {
            for (y, e) in zip(groups[g], exposure[g]) { chi2 += (y - e * rates[g]) * (y - e * rates[g]) / (e * rates[g]) }
        }
        let phi = total > 3 ? chi2 / (total - 3) : .nan
        func quasi(_ g: Int) -> RateRatio {
            RateRatio(log: log(rates[g] / rates[0]), se: ((1 / sums[g] + 1 / sums[0]) * phi).squareRoot())
        }
        // NB2: without exposures the group means are the ML means at every α; with exposures the rates
        // and α are found jointly (alternating, each step an exact one-dimensional solve).
        var nbRates = rates, alpha = 0.0
        func means() -> [Double] { (0..<3).flatMap { g in exposure[g].map { $0 * nbRates[g] } } }
        let y = groups.flatMap { $0 }
        alpha = NegativeBinomial.profileAlpha(y: y, mu: means())
        if w.perTotal {
            for _ in 0..<100 {
                for g in 0..<3 { nbRates[g] = NegativeBinomial.rate(y: groups[g], exposure: exposure[g], alpha: alpha) }
                let next = NegativeBinomial.profileAlpha(y: y, mu: means())
                defer { alpha = next }
                if abs(next - alpha) <= 1e-12 * max(alpha, 1e-12) { break }
            }
        }
        let information = (0..<3).map { g in
            Descriptive.sum(
                exposure[g].map { e in
                    let mu = e * nbRates[g]; return mu / (1 + alpha * mu)
                })
        }
        func negbin(_ g: Int) -> RateRatio {
            RateRatio(log: log(nbRates[g] / nbRates[0]), se: (1 / information[g] + 1 / information[0]).squareRoot(), alpha: alpha)
        }
        var dow: (RateRatio, RateRatio)?
        if w.resolution == .day {
            let points = w.analysed
            let x = points.map { p -> [Double] in
                var row = [1.0, w.isEvent(p) ? 1 : 0, w.isPost(p) ? 1 : 0]
                for k in 1..<7 { row.append(p.day.weekday == k ? 1 : 0) }
                return row
            }
            let offset = w.perTotal ? points.map { log($0.exposure) } : nil
            if let m = PoissonGLM(y: points.map(\.value), x: x, offset: offset) {
                dow = (
                    RateRatio(log: m.beta[1], se: m.covariance[1][1].squareRoot()),
                    RateRatio(log: m.beta[2], se: m.covariance[2][2].squareRoot())
                )
            }
        }
        let event = RateRatios(poisson: poisson(1), quasiPoisson: quasi(1), negbin: negbin(1), poissonDOW: dow?.0)
        let post = RateRatios(poisson: poisson(2), quasiPoisson: quasi(2), negbin: negbin(2), poissonDOW: dow?.1)
        return Fit(
            event: event, post: post, dispersion: phi, alpha: alpha, rates: rates, exposures: t, counts: sums,
            negbinInformation: information)
    }
}
