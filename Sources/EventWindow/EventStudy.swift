import Foundation

/// Cumulative abnormal attention under a constant-mean model estimated on the pre window.
///
/// Abnormal attention on a day is y − ȳ_pre; CAA sums it over a window of L observed days.
/// z = CAA / (σ√L) with σ the pre window's sample sd; the estimation-adjusted z also counts the
/// uncertainty of ȳ_pre: CAA / (σ√(L + L²/n_pre)). p-values are two-sided normal.
public struct EventStudy: Sendable, Equatable, Codable {
    public let caa: Double
    public let z: Double?
    public let zAdjusted: Double?
    public let p: Double?
    public let pAdjusted: Double?

    enum CodingKeys: String, CodingKey {
        case caa, z, zAdjusted = "z_adjusted", p, pAdjusted = "p_adjusted"
    }

    public init(window: [Double], pre: [Double]) {
        let m = Descriptive.mean(pre)
        let sigma = Descriptive.sd(pre)
        let l = Double(window.count)
        let n = Double(pre.count)
        caa = Descriptive.sum(window.map { $0 - m })
        guard sigma > 0, l > 0, n > 1 else {
            z = nil; zAdjusted = nil; p = nil; pAdjusted = nil
            return
        }
        let zz = caa / (sigma * l.squareRoot())
        let za = caa / (sigma * (l + l * l / n).squareRoot())
        z = zz
        zAdjusted = za
        p = Distributions.normalTwoSided(zz)
        pAdjusted = Distributions.normalTwoSided(za)
    }
}
