/// Descriptive statistics of one window's observed periods.
public struct WindowSummary: Sendable, Equatable, Codable {
    public let nPeriods: Int
    public let sum: Double
    public let mean: Double
    /// Sample standard deviation (n − 1).
    public let sd: Double
    public let median: Double
    public let nZero: Int

    public init(_ values: [Double]) {
        nPeriods = values.count
        sum = Descriptive.sum(values)
        mean = Descriptive.mean(values)
        sd = Descriptive.sd(values)
        median = Descriptive.median(values)
        nZero = values.filter { $0 == 0 }.count
    }

    enum CodingKeys: String, CodingKey {
        case nPeriods = "n_periods", sum, mean, sd, median, nZero = "n_zero"
    }

    /// (mean_post − mean_pre) / (mean_event − mean_pre): 1 means the event level held, 0 a full return.
    public static func persistenceRatio(pre: WindowSummary, event: WindowSummary, post: WindowSummary) -> Double? {
        let rise = event.mean - pre.mean
        guard rise != 0, rise.isFinite, post.mean.isFinite else { return nil }
        return (post.mean - pre.mean) / rise
    }
}
