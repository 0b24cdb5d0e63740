import Foundation

/// "Returned to baseline" tested as equivalence (two one-sided tests), never read off a
/// non-significant difference.
public struct Equivalence: Sendable, Equatable, Codable {
    /// TOST on the post/pre rate ratio, Wald on the log scale with the overdispersion-robust
    /// (quasi-Poisson) standard error.
    public struct RateRatioTOST: Sendable, Equatable, Codable {
        public let bounds: [Double]
        public let ci90: [Double]
        public let p: Double
        public let equivalent: Bool
    }

    /// TOST on the post − pre difference of means (Welch), with a margin of a fraction of the pre mean.
    public struct MeanDifferenceTOST: Sendable, Equatable, Codable {
        public let margin: Double
        public let p: Double
        public let equivalent: Bool
    }

    public let rateRatio: RateRatioTOST?
    public let meanDifference: MeanDifferenceTOST?

    enum CodingKeys: String, CodingKey {
        case rateRatio = "rate_ratio", meanDifference = "mean_difference"
    }

    public static let bounds = [0.8, 1.25]
    public static let marginFraction = 0.2

    public init(post: [Double], pre: [Double], postRateRatio: RateRatio?, alpha: Double = 0.05) {
        if let rr = postRateRatio, let se = rr.standardError {
            let b = rr.logEstimate
            let pLower = Distributions.normalSF((b - log(Self.bounds[0])) / se)
            let pUpper = Distributions.normalCDF((b - log(Self.bounds[1])) / se)
            let q = Distributions.normalQuantile(1 - alpha)
            let p = max(pLower, pUpper)
            rateRatio = RateRatioTOST(bounds: Self.bounds, ci90: [exp(b - q * se), exp(b + q * se)], p: p, equivalent: p < alpha)
        } else {
            rateRatio = nil
        }
        let margin = Self.marginFraction * Descriptive.mean(pre)
        if post.count > 1, pre.count > 1, margin > 0 {
            let va = Descriptive.variance(post) / Double(post.count), vb = Descriptive.variance(pre) / Double(pre.count)
            let se = (va + vb).squareRoot()
            let df = (va + vb) * (va + vb) / (va * va / Double(post.count - 1) + vb * vb / Double(pre.count - 1))
            let diff = Descriptive.mean(post) - Descriptive.mean(pre)
            if se > 0 {
                let pLower = Distributions.studentSF((diff + margin) / se, df: df)
                let pUpper = 1 - Distributions.studentSF((diff - margin) / se, df: df)
                let p = max(pLower, pUpper)
                meanDifference = MeanDifferenceTOST(margin: margin, p: p, equivalent: p < alpha)
            } else {
                meanDifference = nil
            }
        } else {
            meanDifference = nil
        }
    }
}
