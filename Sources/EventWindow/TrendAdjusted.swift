import Foundation

/// The event and post windows' excess over a linear trend: a Poisson model with identity link,
/// μ = e·(b0 + b1·i + b2·event + b3·post) over the observed periods of pre, event and post (i the
/// period index, e the exposure: 1, or the period's total), with Pearson-scaled (quasi-Poisson)
/// standard errors. b2 and b3 are in the series' own units per period (per unit of exposure).
///
/// This is the verdict's guard against a steady trend posing as a rise: a trend is absorbed by b1,
/// so only a departure from it at the event counts. The slope's test says whether there is a trend
/// to guard against.
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

    public static func fit(_ w: WindowedSeries) -> TrendAdjusted? {
        let points = w.analysed
        let y = points.map(\.value)
        let x = points.map { p -> [Double] in
            [1, Double(p.index), w.isEvent(p) ? 1 : 0, w.isPost(p) ? 1 : 0].map { $0 * p.exposure }
        }
        guard let m = PoissonGLM(y: y, x: x, link: .identity), m.converged else { return nil }
        let phi = m.pearsonChi2 / Double(y.count - 4)
        func excess(_ i: Int) -> Excess { Excess(estimate: m.beta[i], se: (m.covariance[i][i] * phi).squareRoot()) }
        return TrendAdjusted(event: excess(2), post: excess(3), slope: excess(1))
    }
}
