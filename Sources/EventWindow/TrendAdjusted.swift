import Foundation

/// The event and post windows' excess over a linear trend: a Poisson model with identity link,
/// μ = b0 + b1·d + b2·event + b3·post over the observed periods of pre, event and post, with
/// Pearson-scaled (quasi-Poisson) standard errors. b2 and b3 are in the series' own units per period.
///
/// This is the verdict's guard against a steady trend posing as a rise: a trend is absorbed by b1,
/// so only a departure from it at the event counts.
public struct TrendAdjusted: Sendable, Equatable, Codable {
    public struct Excess: Sendable, Equatable, Codable {
        public let estimate: Double
        public let se: Double
        public let p: Double
    }

    public let event: Excess
    public let post: Excess

    public static func fit(_ w: WindowedSeries) -> TrendAdjusted? {
        let points = w.analysed
        let y = points.map(\.value)
        let x = points.map { p -> [Double] in
            [1, Double(p.offset), w.design.event.contains(p.offset) ? 1 : 0, w.design.post.contains(p.offset) ? 1 : 0]
        }
        guard let m = PoissonGLM(y: y, x: x, link: .identity), m.converged else { return nil }
        let phi = m.pearsonChi2 / Double(y.count - 4)
        func excess(_ i: Int) -> Excess {
            let se = (m.covariance[i][i] * phi).squareRoot()
            return Excess(estimate: m.beta[i], se: se, p: Distributions.normalTwoSided(m.beta[i] / se))
        }
        return TrendAdjusted(event: excess(2), post: excess(3))
    }
}
