/// Coverage given as spans of time (a feed fetched at 06:00 holding items back to Tuesday; an archive
/// search over a date range), turned into coverage per UTC day in whole hours.
public struct CoveredSpans: Sendable, Equatable {
    /// Half-open spans `[start, end)` in seconds since 1970-01-01 00:00 UTC.
    public private(set) var spans: [Range<Int>] = []

    public init(_ spans: [Range<Int>] = []) {
        for s in spans { insert(s) }
    }

    /// Adds a span (empty spans are ignored).
    public mutating func insert(_ span: Range<Int>) {
        guard !span.isEmpty else { return }
        spans.append(span)
    }

    /// The union of the spans, sorted and merged.
    public var merged: [Range<Int>] {
        var out: [Range<Int>] = []
        for s in spans.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = out.last, s.lowerBound <= last.upperBound {
                out[out.count - 1] = last.lowerBound..<max(last.upperBound, s.upperBound)
            } else {
                out.append(s)
            }
        }
        return out
    }

    /// Per day touched by a span: the hours of it covered (a day counts as complete only when all 24 are).
    public func days() -> [Day: Coverage] {
        var seconds: [Day: Int] = [:]
        for s in merged {
            var t = s.lowerBound
            while t < s.upperBound {
                let day = Day(unixSeconds: t)
                let dayEnd = (day.ordinal + 1) * 86_400
                let end = min(dayEnd, s.upperBound)
                seconds[day, default: 0] += end - t
                t = end
            }
        }
        return seconds.mapValues { Coverage(covered: $0 / 3600, units: 24, unit: "hours") }
    }

    /// The span of whole days `from...to`.
    public static func span(days: ClosedRange<Day>) -> Range<Int> {
        days.lowerBound.ordinal * 86_400..<(days.upperBound.ordinal + 1) * 86_400
    }
}
