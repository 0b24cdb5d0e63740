import Foundation

/// The exact conditional test of two Poisson rates (Przyborowski & Wilenski's C-test): given the
/// total k = y₁ + y₀ of the window's and the baseline's counts, y₁ is Binomial(k, T₁/(T₁ + T₀))
/// when the rates are equal (T the exposures: periods, or totals). It needs no baseline attention,
/// so it judges a rise from zero; the ratio's interval inverts the Clopper–Pearson interval of the
/// binomial share. Counts are rounded to whole numbers.
public struct ExactRateTest: Sendable, Equatable, Codable {
    public let count: Double
    public let exposure: Double
    public let baselineCount: Double
    public let baselineExposure: Double
    /// The rate ratio window/baseline (infinite when the baseline has no count: written as null).
    public let ratio: Double?
    /// The 90% interval of the ratio (each bound one-sided 95%); an unbounded end is null.
    public let ci90: [Double?]
    /// One-sided p for the window's rate above the baseline's.
    public let pGreater: Double

    enum CodingKeys: String, CodingKey {
        case count, exposure, baselineCount = "baseline_count", baselineExposure = "baseline_exposure", ratio, ci90
        case pGreater = "p_greater"
    }

    public init?(count y1: Double, exposure t1: Double, baselineCount y0: Double, baselineExposure t0: Double) {
        guard t1 > 0, t0 > 0, y1 >= 0, y0 >= 0, y1 <= 1e15, y0 <= 1e15 else { return nil }
        let k1 = Int(y1.rounded()), k0 = Int(y0.rounded()), k = k1 + k0
        count = y1
        exposure = t1
        baselineCount = y0
        baselineExposure = t0
        let share = t1 / (t1 + t0)
        pGreater = Distributions.binomialUpperTail(k1, n: k, p: share)
        ratio = k0 > 0 ? (Double(k1) / t1) / (Double(k0) / t0) : nil
        // π = y1/k: Clopper–Pearson bounds at one-sided 5%, then ratio = π/(1 − π) · T0/T1.
        func toRatio(_ pi: Double) -> Double? { pi >= 1 ? nil : pi / (1 - pi) * t0 / t1 }
        let lower = k1 == 0 ? 0 : Distributions.betaQuantile(0.05, a: Double(k1), b: Double(k - k1 + 1))
        let upper = k1 == k ? 1 : Distributions.betaQuantile(0.95, a: Double(k1 + 1), b: Double(k - k1))
        ci90 = k == 0 ? [0, nil] : [toRatio(lower), toRatio(upper)]
    }
}
