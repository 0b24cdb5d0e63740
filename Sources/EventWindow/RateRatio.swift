import Foundation

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
/// Poisson with day-of-week terms (daily series only).
public struct RateRatios: Sendable, Equatable, Codable {
    public let poisson: RateRatio
    public let quasiPoisson: RateRatio
    public let negbin: RateRatio
    public let poissonDOW: RateRatio?

    enum CodingKeys: String, CodingKey {
        case poisson, quasiPoisson = "quasi_poisson", negbin, poissonDOW = "poisson_dow"
    }

    /// Rate ratios for event/pre and post/pre, or nil when a window has no observed periods or no counts.
    public static func fit(_ w: WindowedSeries) -> (event: RateRatios, post: RateRatios, dispersion: Double, alpha: Double)? {
        let groups = [w.pre.map(\.value), w.event.map(\.value), w.post.map(\.value)]
        guard groups.allSatisfy({ !$0.isEmpty }), Descriptive.sum(groups[0]) > 0 else { return nil }
        let n = groups.map { Double($0.count) }
        let sums = groups.map(Descriptive.sum)
        let means = zip(sums, n).map { $0 / $1 }
        let total = n.reduce(0, +)

        // Poisson with indicators: μ_g is the group mean; Var(log μ_g) = 1/Σy_g.
        func poisson(_ g: Int) -> RateRatio {
            RateRatio(log: log(means[g] / means[0]), se: (1 / sums[g] + 1 / sums[0]).squareRoot())
        }
        // Pearson dispersion on n − 3 degrees of freedom.
        var chi2 = 0.0
        for (g, values) in groups.enumerated() where means[g] > 0 {
            for y in values { chi2 += (y - means[g]) * (y - means[g]) / means[g] }
        }
        let phi = total > 3 ? chi2 / (total - 3) : .nan
        func quasi(_ g: Int) -> RateRatio {
            RateRatio(log: log(means[g] / means[0]), se: ((1 / sums[g] + 1 / sums[0]) * phi).squareRoot())
        }
        let alpha = NegativeBinomial.profileAlpha(groups: groups, means: means)
        func negbin(_ g: Int) -> RateRatio {
            let v = (1 + alpha * means[g]) / (n[g] * means[g]) + (1 + alpha * means[0]) / (n[0] * means[0])
            return RateRatio(log: log(means[g] / means[0]), se: v.squareRoot(), alpha: alpha)
        }
        var dow: (RateRatio, RateRatio)?
        if w.resolution == .day {
            let points = w.analysed
            let x = points.map { p -> [Double] in
                var row = [1.0, w.design.event.contains(p.offset) ? 1 : 0, w.design.post.contains(p.offset) ? 1 : 0]
                for k in 1..<7 { row.append(p.day.weekday == k ? 1 : 0) }
                return row
            }
            if let m = PoissonGLM(y: points.map(\.value), x: x) {
                dow = (RateRatio(log: m.beta[1], se: m.covariance[1][1].squareRoot()),
                       RateRatio(log: m.beta[2], se: m.covariance[2][2].squareRoot()))
            }
        }
        let event = RateRatios(poisson: poisson(1), quasiPoisson: quasi(1), negbin: negbin(1), poissonDOW: dow?.0)
        let post = RateRatios(poisson: poisson(2), quasiPoisson: quasi(2), negbin: negbin(2), poissonDOW: dow?.1)
        return (event, post, phi, alpha)
    }
}
