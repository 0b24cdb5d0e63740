/// A date known to the day, or only to the month or year (`2015-04` when the day was not established).
public struct PartialDate: Hashable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int?
    public let day: Int?

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, rejecting impossible months and days and years outside `Day.years`.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), parts[0].count == 4, let y = Int(parts[0]), Day.years.contains(y) else { return nil }
        year = y
        if parts.count >= 2 {
            guard parts[1].count == 2, let m = Int(parts[1]), (1...12).contains(m) else { return nil }
            month = m
        } else {
            month = nil
        }
        if parts.count == 3 {
            guard parts[2].count == 2, let d = Int(parts[2]), Day(year: y, month: month!, day: d) != nil else { return nil }
            day = d
        } else {
            day = nil
        }
    }

    /// The exact day, when the date is known to the day.
    public var exactDay: Day? {
        guard let month, let day else { return nil }
        return Day(year: year, month: month, day: day)
    }

    /// The earliest day the date can be.
    public var earliestDay: Day { Day(year: year, month: month ?? 1, day: day ?? 1)! }

    public var description: String {
        var s = Day.pad(year, 4)
        if let month { s += "-" + Day.pad(month, 2) }
        if let day { s += "-" + Day.pad(day, 2) }
        return s
    }
}
