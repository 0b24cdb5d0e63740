public import GlareCore

/// An event design laid on one grid of periods (`EventDesign.periodRule`): each window as a range of
/// period indexes counted from the event period (index 0, the period holding the event window's first day).
public struct PeriodWindows: Sendable, Equatable {
    public let resolution: Resolution
    /// The period holding the event window's first day.
    public let eventPeriod: Period
    /// Period indexes of each window; nil when no whole period fits.
    public let pre: ClosedRange<Int>?
    public let event: ClosedRange<Int>
    public let post: ClosedRange<Int>?

    /// Lays `design` on the grid that `grid` belongs to (any period of the series).
    public init(design: EventDesign, grid: Period) {
        resolution = grid.resolution
        let start = design.eventDate.adding(days: design.event.lowerBound)
        let e = grid.aligned(containing: start)
        eventPeriod = e
        func period(_ i: Int) -> Period { e.advanced(by: i) }
        // Event: every period overlapping the event days.
        let eventEnd = design.eventDate.adding(days: design.event.upperBound)
        var last = 0
        while period(last + 1).start <= eventEnd { last += 1 }
        event = 0...last
        // Pre: periods overlapping the baseline days that end before the gap.
        if let baseline = design.baselineDays {
            var hi = -1
            while period(hi).lastDay > baseline.upperBound { hi -= 1 }
            var lo = hi
            while period(lo - 1).lastDay >= baseline.lowerBound { lo -= 1 }
            pre = period(hi).lastDay >= baseline.lowerBound ? lo...hi : nil
        } else {
            pre = nil
        }
        // Post: periods after the event window overlapping the post days.
        let postDays = design.days(design.post)
        var lo = last + 1
        while period(lo).lastDay < postDays.lowerBound { lo += 1 }
        var hi = lo
        while period(hi + 1).start <= postDays.upperBound { hi += 1 }
        post = period(lo).start <= postDays.upperBound ? lo...hi : nil
    }

    /// The first and last day a window's periods cover.
    public func days(_ window: ClosedRange<Int>) -> ClosedRange<Day> {
        eventPeriod.advanced(by: window.lowerBound).start...eventPeriod.advanced(by: window.upperBound).lastDay
    }
}
