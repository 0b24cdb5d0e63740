/// The length of one period of a series. Series of different resolutions are never silently converted.
public enum Resolution: String, Sendable, Codable, CaseIterable, Comparable {
    case hour, day, week, month

    /// Order from finest to coarsest.
    private var rank: Int {
        switch self {
        case .hour: 0
        case .day: 1
        case .week: 2
        case .month: 3
        }
    }

    public static func < (a: Resolution, b: Resolution) -> Bool { a.rank < b.rank }

    /// The adjective used in source names and messages: `hourly`, `daily`, `weekly`, `monthly`.
    public var adjective: String {
        switch self {
        case .hour: "hourly"
        case .day: "daily"
        case .week: "weekly"
        case .month: "monthly"
        }
    }
}
