/// One period of a series: an hour, a day, a run of days (a week, labelled by its first day, a Sunday
/// in Google Trends; Media Cloud's 3-day buckets) or a run of calendar months (labelled by the first
/// day of its first month).
public struct Period: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let resolution: Resolution
    /// The first day the period covers.
    public let start: Day
    /// The hour of the day (0–23) for hourly periods, nil otherwise.
    public let hour: Int?

    public init(resolution: Resolution, start: Day, hour: Int? = nil) {
        precondition((resolution == .hour) == (hour != nil), "hour is given exactly for hourly periods")
        self.resolution = resolution
        self.start = resolution.unit == .month ? start.firstOfMonth : start
        self.hour = hour
    }

    public static func day(_ d: Day) -> Period { Period(resolution: .day, start: d) }

    /// A sortable position: hours since the epoch for hourly periods, the start day's ordinal otherwise.
    public var position: Int { resolution == .hour ? start.ordinal * 24 + (hour ?? 0) : start.ordinal }

    /// The next period of the same resolution.
    public var next: Period { advanced(by: 1) }

    /// The period `n` steps later (earlier when negative).
    public func advanced(by n: Int) -> Period {
        switch resolution.unit {
        case .hour:
            let h = position + n
            let d = h >= 0 ? h / 24 : (h - 23) / 24
            return Period(resolution: .hour, start: Day(ordinal: d), hour: h - d * 24)
        case .day: return Period(resolution: resolution, start: start.adding(days: resolution.count * n))
        case .month: return Period(resolution: resolution, start: start.adding(months: resolution.count * n))
        }
    }

    /// The last day the period covers.
    public var lastDay: Day {
        switch resolution.unit {
        case .hour: start
        case .day: start.adding(days: resolution.count - 1)
        case .month: start.adding(months: resolution.count).adding(days: -1)
        }
    }

    /// `YYYY-MM-DD`, or `YYYY-MM-DDTHH` for an hour.
    public var label: String {
        guard let hour else { return start.iso }
        return start.iso + "T" + (hour < 10 ? "0" : "") + String(hour)
    }

    public var description: String { label }

    public static func < (a: Period, b: Period) -> Bool { a.position < b.position }

    /// Parses a label written by `label` at the given resolution.
    public init?(label: String, resolution: Resolution) {
        if resolution == .hour {
            let parts = label.split(separator: "T")
            guard parts.count == 2, let d = Day(iso: parts[0]), let h = Int(parts[1]), (0...23).contains(h) else { return nil }
            self.init(resolution: .hour, start: d, hour: h)
        } else {
            guard let d = Day(iso: label) else { return nil }
            self.init(resolution: resolution, start: d)
        }
    }

    /// The period of this period's grid (same resolution, aligned with it) that contains `day`; for
    /// hours, the day's first hour.
    public func aligned(containing day: Day) -> Period {
        advanced(by: steps(toPeriodContaining: day))
    }

    /// How many periods of this grid lie from this period to the one containing `day`
    /// (negative when `day` is earlier).
    public func steps(toPeriodContaining day: Day) -> Int {
        switch resolution.unit {
        case .hour:
            return start.distance(to: day) * 24 - (hour ?? 0)
        case .day:
            let d = start.distance(to: day), n = resolution.count
            return d >= 0 ? d / n : -((-d + n - 1) / n)
        case .month:
            let a = start.components, b = day.components
            let m = (b.year - a.year) * 12 + (b.month - a.month), n = resolution.count
            return m >= 0 ? m / n : -((-m + n - 1) / n)
        }
    }

    /// Every period from `first` through `last` inclusive.
    public static func calendar(from first: Period, through last: Period) -> [Period] {
        precondition(first.resolution == last.resolution)
        var out: [Period] = []
        var p = first
        while p <= last {
            out.append(p)
            p = p.next
        }
        return out
    }
}
