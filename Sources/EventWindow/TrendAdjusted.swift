import Foundation

/// The event and post windows' excess over a linear trend: a Poisson model with identity link,
/// μ = e·(b0 + b1·i + b2·event + b3·post) over the observed periods of pre, event and post (i the
/// period index, e the exposure: 1, or the period's total), with Pearson-scaled (quasi-Poisson)
/// standard errors. b2 and b3 are in the series' own units per period (per unit of exposure).
///
/// This is the verdict's guard against a steady trend posing as a rise: a trend is absorbed by b1,
/// so only a departure from it at the event counts. The slope's test says whether there is a trend
/// to guard against. When the identity link has no solution with positive means (a series rising from
/// zero), the pre window's own trend is extrapolated instead (`link` = `pre-trend`): log μ = log e + b0 +
/// b1·i fitted on pre (quasi-Poisson, φ ≥ 1), and each later window's count is compared with the
/// extrapolation, z = (Σy − Σμ̂)/√(φΣμ̂ + φ·gᵀCg), g = ∂Σμ̂/∂b; the excesses are (Σy − Σμ̂) per period.
public struct TrendAdjusted: Sendable, Equatable, Codable {
    public struct Excess: Sendable, Equatable, Codable {
        public let estimate: Double
        public let se: Double
        /// Two-sided Wald p.
        public let p: Double
        /// One-sided Wald p for a positive excess.
        public let pGreater: Double

        init(estimate: Double, se: Double) {
            self.estimate = estimate
            self.se = se
            p = Distributions.normalTwoSided(estimate / se)
            pGreater = Distributions.normalSF(estimate / se)
        }

        enum CodingKeys: String, CodingKey { case estimate, se, p, pGreater = "p_greater" }
    }

    public let event: Excess
    public let post: Excess
    /// b1: the trend per period.
    public let slope: Excess
    /// `identity` (excesses in the series' units) or `log` (excesses as log rate ratios).
    public let link: String

    public static func fit(_ w: WindowedSeries) -> TrendAdjusted? {
        let points = w.analysed
        let y = points.map(\.value)
        let design = points.map { p -> [Double] in [1, Double(p.index), w.isEvent(p) ? 1 : 0, w.isPost(p) ? 1 : 0] }
        guard y.count > 5 else { return nil }
        func excesses(_ m: PoissonGLM, link: String) -> TrendAdjusted {
            let phi = max(m.pearsonChi2 / Double(y.count - 4), 1e-12)
            func excess(_ i: Int) -> Excess { Excess(estimate: m.beta[i], se: (m.covariance[i][i] * phi).squareRoot()) }
            return TrendAdjusted(event: excess(2), post: excess(3), slope: excess(1), link: link)
        }
        let identity = zip(design, points).map { row, p in row.map { $0 * p.exposure } }
        if let m = PoissonGLM(y: y, x: identity, link: .identity), m.converged { return excesses(m, link: "identity") }
        return preTrend(w)
    }

    /// The least attention in pre (its sum) from which its own trend is extrapolated: a sparse pre window
    /// (fewer than 20 counts, as `RemainingShare.sparseCount`) cannot show a trend.
    public static let minimumPreCounts = RemainingShare.sparseCount

    /// The pre window's log-linear trend extrapolated into the event and post windows.
    static func preTrend(_ w: WindowedSeries) -> TrendAdjusted? {
        let pre = w.pre
        guard pre.count >= 3, Descriptive.sum(pre.map(\.value)) >= minimumPreCounts else { return nil }
        let x = pre.map { [1.0, Double($0.index)] }
        let offset = w.perTotal ? pre.map { log($0.exposure) } : nil
        guard let m = PoissonGLM(y: pre.map(\.value), x: x, link: .log, offset: offset), m.converged,
            m.beta.allSatisfy(\.isFinite)
        else { return nil }
        let phi = max(m.pearsonChi2 / Double(max(pre.count - 2, 1)), 1)
        func excess(_ points: [WindowedSeries.Point]) -> Excess? {
            guard !points.isEmpty else { return nil }
            var expected = 0.0, g0 = 0.0, g1 = 0.0
            for p in points {
                let mu = p.exposure * exp(m.beta[0] + m.beta[1] * Double(p.index))
                expected += mu
                g0 += mu
                g1 += mu * Double(p.index)
            }
            let c = m.covariance
            let spread = g0 * g0 * c[0][0] + 2 * g0 * g1 * c[0][1] + g1 * g1 * c[1][1]
            let se = (phi * expected + phi * spread).squareRoot()
            let observed = Descriptive.sum(points.map(\.value))
            let n = Double(points.count)
            guard se.isFinite, se > 0, expected.isFinite else { return nil }
            return Excess(estimate: (observed - expected) / n, se: se / n)
        }
        guard let event = excess(w.event), let post = excess(w.post) else { return nil }
        return TrendAdjusted(
            event: event, post: post, slope: Excess(estimate: m.beta[1], se: (m.covariance[1][1] * phi).squareRoot()),
            link: "pre-trend")
    }
}
