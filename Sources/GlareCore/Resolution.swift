/// The length of one period of a series: an hour, a run of days (a day, a week, Media Cloud's 3-day
/// buckets), or a run of calendar months. Series of different resolutions are never silently converted.
///
/// Written as `hour`, `day`, `week` (7 days), `month`, `N-day` or `N-month` (`3-day`, `3-month`).
public struct Resolution: Hashable, Sendable, Comparable, CaseIterable, RawRepresentable, Codable, CustomStringConvertible {
    /// What a resolution counts in.
    public enum Unit: Int, Sendable, Hashable {
        case hour, day, month
    }

    public let unit: Unit
    /// How many units make one period (at least 1; 1 for hours).
    public let count: Int

    private init(unit: Unit, count: Int) {
        self.unit = unit
        self.count = count
    }

    public static let hour = Resolution(unit: .hour, count: 1)
    public static let day = Resolution(unit: .day, count: 1)
    public static let week = Resolution(unit: .day, count: 7)
    public static let month = Resolution(unit: .month, count: 1)

    /// Periods of `n` days (n ≥ 1): `.days(7)` is `.week`.
    public static func days(_ n: Int) -> Resolution {
        precondition(n >= 1, "a period lasts at least one day")
        return Resolution(unit: .day, count: n)
    }

    /// Periods of `n` calendar months (n ≥ 1).
    public static func months(_ n: Int) -> Resolution {
        precondition(n >= 1, "a period lasts at least one month")
        return Resolution(unit: .month, count: n)
    }

    /// The resolutions Google Trends and the stored sources use.
    public static let allCases: [Resolution] = [.hour, .day, .week, .month]

    /// The longest run of days or months a resolution may name (a decade).
    public static let maximumCount = 3_660

    public var rawValue: String {
        switch (unit, count) {
        case (.hour, _): "hour"
        case (.day, 1): "day"
        case (.day, 7): "week"
        case (.day, let n): "\(n)-day"
        case (.month, 1): "month"
        case (.month, let n): "\(n)-month"
        }
    }

    public init?(rawValue: String) {
        switch rawValue {
        case "hour": self = .hour
        case "day": self = .day
        case "week": self = .week
        case "month": self = .month
        default:
            let parts = rawValue.split(separator: "-", maxSplits: 1)
            guard parts.count == 2, let n = Int(parts[0]), (1...Self.maximumCount).contains(n) else { return nil }
            switch parts[1] {
            case "day": self = .days(n)
            case "month": self = .months(n)
            default: return nil
            }
        }
    }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let r = Resolution(rawValue: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "'\(text)' is not a resolution"))
        }
        self = r
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }

    /// The period's length in days, for months the mean Gregorian month (30.436875 days).
    public var approximateDays: Double {
        switch unit {
        case .hour: 1.0 / 24
        case .day: Double(count)
        case .month: Double(count) * 30.436875
        }
    }

    /// Order from finest to coarsest (by length).
    public static func < (a: Resolution, b: Resolution) -> Bool {
        a.approximateDays != b.approximateDays ? a.approximateDays < b.approximateDays : a.unit.rawValue < b.unit.rawValue
    }

    /// The adjective used in source names and messages: `hourly`, `daily`, `weekly`, `monthly`, `3-day`.
    public var adjective: String {
        switch (unit, count) {
        case (.hour, _): "hourly"
        case (.day, 1): "daily"
        case (.day, 7): "weekly"
        case (.month, 1): "monthly"
        default: rawValue
        }
    }

    /// The unit a rate is given per: `day`, `week`, `3-day period`, `month`.
    public var periodName: String {
        switch (unit, count) {
        case (.hour, _), (.day, 1), (.day, 7), (.month, 1): rawValue
        default: rawValue + " period"
        }
    }

    public var description: String { rawValue }
}
