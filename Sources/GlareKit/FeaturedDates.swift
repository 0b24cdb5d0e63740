public import GlareCore

/// Which day counts as a person's own event date (`--featured-dates`).
public enum FeaturedDates: String, Sendable, CaseIterable {
    /// The roster's `featured_on` only; a person without one is analysed on the event date, and named.
    case confirmed
    /// `featured_on` where the roster has it; otherwise campaign day N taken as the Nth working day
    /// (Monday to Friday, holidays not known) counted from the event date as day 1. An inference,
    /// marked as one wherever it is used.
    case inferred

    /// The Nth working day counted from `start` as day 1 (`start` itself counts when it is a weekday).
    public static func workingDay(_ n: Int, from start: Day) -> Day? {
        guard n >= 1, n <= 3_660 else { return nil }
        var day = start, count = 0
        while true {
            if (1...5).contains(day.weekday) {
                count += 1
                if count == n { return day }
            }
            day = day.adding(days: 1)
        }
    }
}
