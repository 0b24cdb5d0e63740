import Foundation

/// Segmented (interrupted time series) regression y = b0 + b1·d + b2·D + b3·d·D, with d the periods
/// from the event period and D = [d ≥ 0], over the observed periods of pre, event and post (y the
/// level: the value, or the share per 1,000 of the period's total).
///
/// OLS with Newey–West standard errors (Bartlett kernel, 7 lags over consecutive observed periods,
/// normal reference): `se_hac` has no small-sample factor, `se_hac_corrected` multiplies the variance
/// by n/(n − 4). The same design as a Poisson model gives the level and slope changes as rate ratios.
public struct SegmentedRegression: Sendable, Equatable, Codable {
    /// One coefficient of the OLS fit.
    public struct Coefficient: Sendable, Equatable, Codable {
        public let estimate: Double
        public let seHAC: Double
        public let seHACCorrected: Double
        public let pHAC: Double

        enum CodingKeys: String, CodingKey {
            case estimate, seHAC = "se_hac", seHACCorrected = "se_hac_corrected", pHAC = "p_hac"
        }
    }

    public let levelChange: Coefficient
    public let slopeChange: Coefficient
    /// The Poisson model's level change (rate ratio at the event) and slope change (ratio per period).
    public let poissonLevelChange: RateRatio?
    public let poissonSlopeChange: RateRatio?

    enum CodingKeys: String, CodingKey {
        case levelChange = "level_change", slopeChange = "slope_change"
        case poissonLevelChange = "poisson_level_change", poissonSlopeChange = "poisson_slope_change"
    }

    public static let lags = 7

    public static func fit(_ w: WindowedSeries) -> SegmentedRegression? {
        let points = w.analysed
        let x = points.map { p -> [Double] in
            let d = Double(p.index), after = p.index >= 0 ? 1.0 : 0.0
            return [1, d, after, d * after]
        }
        let y = points.map(\.level)
        let n = y.count, k = 4
        guard n > k + 1, let bread = LinearAlgebra.inverse(LinearAlgebra.crossProduct(x)) else { return nil }
        var xty = Array(repeating: 0.0, count: k)
        for r in 0..<n { for j in 0..<k { xty[j] += x[r][j] * y[r] } }
        let beta = (0..<k).map { i in (0..<k).reduce(0.0) { $0 + bread[i][$1] * xty[$1] } }
        let e = (0..<n).map { r in y[r] - (0..<k).reduce(0.0) { $0 + x[r][$1] * beta[$1] } }

        // Meat: Σ_l w_l Σ_t e_t e_{t−l} (x_t x_{t−l}ᵀ + x_{t−l} x_tᵀ), w_0 = 1/2 so the l = 0 term counts once.
        var meat = Array(repeating: Array(repeating: 0.0, count: k), count: k)
        for l in 0...min(lags, n - 1) {
            let weight = l == 0 ? 1.0 : 1 - Double(l) / Double(lags + 1)
            for t in l..<n {
                let ee = e[t] * e[t - l] * weight
                for i in 0..<k {
                    for j in 0..<k {
                        meat[i][j] += l == 0 ? ee * x[t][i] * x[t][j] : ee * (x[t][i] * x[t - l][j] + x[t - l][i] * x[t][j])
                    }
                }
            }
        }
        var cov = Array(repeating: Array(repeating: 0.0, count: k), count: k)
        for i in 0..<k {
            for j in 0..<k {
                var s = 0.0
                for a in 0..<k { for b in 0..<k { s += bread[i][a] * meat[a][b] * bread[b][j] } }
                cov[i][j] = s
            }
        }
        let correction = Double(n) / Double(n - k)
        func coefficient(_ i: Int) -> Coefficient {
            let se = cov[i][i].squareRoot()
            return Coefficient(
                estimate: beta[i], seHAC: se, seHACCorrected: (cov[i][i] * correction).squareRoot(),
                pHAC: Distributions.normalTwoSided(beta[i] / se))
        }
        var level: RateRatio?, slope: RateRatio?
        if let m = PoissonGLM(y: points.map(\.value), x: x, offset: w.perTotal ? points.map { log($0.exposure) } : nil), m.converged {
            level = RateRatio(log: m.beta[2], se: m.covariance[2][2].squareRoot())
            slope = RateRatio(log: m.beta[3], se: m.covariance[3][3].squareRoot())
        }
        return SegmentedRegression(
            levelChange: coefficient(2), slopeChange: coefficient(3),
            poissonLevelChange: level, poissonSlopeChange: slope)
    }
}
