public import GlareCore

/// Date ticks for a calendar time axis: weeks, months, quarters or years, whichever gives at most
/// `maximumTicks` labels, each labelled so a reader needs nothing else ("Sep 2015", "2016", "7 Sep").
public enum DateAxis {
    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// The ticks between `first` and `last` (inclusive) and their labels.
    public static func ticks(_ first: Day, _ last: Day, maximumTicks: Int) -> [(day: Day, label: String)] {
        let days = first.distance(to: last) + 1
        if days <= 7 * maximumTicks && days < 75 {
            let step = [1, 2, 7, 14].first { days / $0 <= maximumTicks } ?? 14
            var d = step >= 7 ? first.adding(days: (8 - first.weekday) % 7) : first  // weeks start on Monday
            var out: [(Day, String)] = []
            while d <= last {
                out.append((d, "\(d.components.day) \(months[d.month - 1])" + (out.isEmpty ? " \(d.year)" : "")))
                d = d.adding(days: step)
            }
            return out
        }
        let monthsSpanned = Double(days) / 30.44
        let step = [1, 2, 3, 6, 12, 24, 60, 120].first { monthsSpanned / Double($0) <= Double(maximumTicks) } ?? 120
        var d = first.firstOfMonth
        if d < first { d = d.adding(months: 1) }
        while (step < 12 ? (d.month - 1) % step : (d.month == 1 && d.year % (step / 12) == 0) ? 0 : 1) != 0 { d = d.adding(months: 1) }
        var out: [(Day, String)] = []
        while d <= last {
            let label = step >= 12 ? "\(d.year)" : (out.isEmpty || d.month == 1 ? "\(months[d.month - 1]) \(d.year)" : months[d.month - 1])
            out.append((d, label))
            d = d.adding(months: step)
        }
        return out
    }
}
