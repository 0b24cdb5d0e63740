/// The event-minus-pre difference of means recomputed with the event placed at other dates.
///
/// Placebo dates are counted in periods: the windows (as period indexes, gap included) are shifted to
/// each observed period whose pseudo pre and event windows lie inside the series and do not touch the
/// real event window; a date whose pseudo windows have no observed period is skipped. Values are the
/// levels (with a denominator, the share of the period's total). One-sided p = (1 + #{placebo ≥ actual}) / (1 + N), two-sided with absolute
/// values. Deterministic: no random numbers.
public struct PlaceboTest: Sendable, Equatable, Codable {
    public let dates: Int
    public let statistic: Double
    public let pGreater: Double?
    public let pTwoSided: Double?

    enum CodingKeys: String, CodingKey {
        case dates, statistic, pGreater = "p_greater", pTwoSided = "p_two_sided"
    }

    public init?(_ w: WindowedSeries) {
        guard !w.pre.isEmpty, !w.event.isEmpty, let windows = w.windows, let preWindow = windows.pre else { return nil }
        let eventWindow = windows.event
        let actual = Descriptive.mean(w.event.map(\.level)) - Descriptive.mean(w.pre.map(\.level))
        statistic = actual
        guard let first = w.all.first?.index, let last = w.all.last?.index else { return nil }
        // Prefix sums by position in `all`, and a lookup from period index to position.
        let offsets = w.all.map(\.index)
        var prefix = [0.0]
        for p in w.all { prefix.append(prefix.last! + p.level) }
        func window(_ lo: Int, _ hi: Int) -> (sum: Double, count: Int) {
            let a = lowerBound(offsets, lo), b = lowerBound(offsets, hi + 1)
            return (prefix[b] - prefix[a], b - a)
        }
        var values: [Double] = []
        for s in offsets where s != 0 {
            let lo = s + preWindow.lowerBound, hi = s + eventWindow.upperBound
            guard lo >= first, hi <= last else { continue }
            if hi >= eventWindow.lowerBound && lo <= eventWindow.upperBound { continue }
            let pre = window(s + preWindow.lowerBound, s + preWindow.upperBound)
            let event = window(s + eventWindow.lowerBound, s + eventWindow.upperBound)
            guard pre.count > 0, event.count > 0 else { continue }
            values.append(event.sum / Double(event.count) - pre.sum / Double(pre.count))
        }
        dates = values.count
        guard !values.isEmpty else {
            pGreater = nil
            pTwoSided = nil
            return
        }
        // A relative tolerance keeps exact ties (e.g. a flat series) counted as ties.
        let tol = 1e-12 * max(1, abs(actual))
        pGreater = Double(1 + values.filter { $0 >= actual - tol }.count) / Double(1 + values.count)
        pTwoSided = Double(1 + values.filter { abs($0) >= abs(actual) - tol }.count) / Double(1 + values.count)
    }
}

func lowerBound(_ sorted: [Int], _ value: Int) -> Int {
    var lo = 0, hi = sorted.count
    while lo < hi {
        let mid = (lo + hi) / 2
        if sorted[mid] < value { lo = mid + 1 } else { hi = mid }
    }
    return lo
}
