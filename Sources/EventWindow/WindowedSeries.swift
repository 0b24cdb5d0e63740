public import GlareCore

/// A series cut into the design's windows (`PeriodWindows`): the observed periods only, each with its
/// index from the event period and its day offset from the event date.
///
/// Missing periods and periods that touch a mask (e.g. after a release) are left out. With `perTotal`, each
/// period's count is read against its denominator (the period's total): count models take the total as
/// exposure, and the other tests read the share per 1,000 of the total; a period without a positive
/// total is then left out.
public struct WindowedSeries: Sendable {
    /// One observed period.
    public struct Point: Sendable, Equatable {
        /// The period's first day.
        public let day: Day
        /// Periods from the event period (0; negative before it).
        public let index: Int
        /// Days from the event date to the period's first day (negative before it).
        public let offset: Int
        /// The count (or index value) of the period.
        public let value: Double
        /// The exposure of the count models: the period's total with `perTotal`, else 1.
        public let exposure: Double
        /// Whether the value is read against the period's total.
        public let perTotal: Bool
        /// What the tests other than the count models read: the value, or with `perTotal` the share
        /// per 1,000 of the period's total.
        public var level: Double { perTotal ? 1_000 * value / exposure : value }
    }

    public let design: EventDesign
    public let resolution: Resolution
    /// The windows as period indexes; nil for an empty series.
    public let windows: PeriodWindows?
    /// Whether counts are read against the period's total.
    public let perTotal: Bool
    public let pre: [Point]
    public let event: [Point]
    public let post: [Point]
    /// Every observed point of the whole series (for placebo dates), in order.
    public let all: [Point]
    /// Observed periods left out for want of a positive total (with `perTotal`).
    public let withoutTotal: Int

    /// Cuts `series`; `belowOne` is the fraction of a `<1` ceiling used as its value; days in `mask` are dropped.
    public init(
        series: AttentionSeries, design: EventDesign, belowOne: Double = 0.5, mask: [ClosedRange<Day>] = [],
        perTotal: Bool = false
    ) {
        self.design = design
        self.perTotal = perTotal
        resolution = series.resolution
        guard let first = series.first else {
            windows = nil
            pre = []; event = []; post = []; all = []; withoutTotal = 0
            return
        }
        let windows = PeriodWindows(design: design, grid: first)
        self.windows = windows
        let firstIndex = -first.steps(toPeriodContaining: windows.eventPeriod.start)
        var all: [Point] = [], withoutTotal = 0
        for (i, p) in series.periods.enumerated() {
            guard let v = series.observations[i].numeric(belowOneFraction: belowOne) else { continue }
            if mask.contains(where: { $0.overlaps(p.start...p.lastDay) }) { continue }
            var exposure = 1.0
            if perTotal {
                guard let t = series.totals[i], t > 0, t.isFinite else {
                    withoutTotal += 1
                    continue
                }
                exposure = t
            }
            all.append(
                Point(day: p.start, index: firstIndex + i, offset: design.eventDate.distance(to: p.start), value: v, exposure: exposure, perTotal: perTotal))
        }
        self.all = all
        self.withoutTotal = withoutTotal
        pre = all.filter { windows.pre?.contains($0.index) == true }
        event = all.filter { windows.event.contains($0.index) }
        post = all.filter { windows.post?.contains($0.index) == true }
    }

    /// Cuts a plain list of day values (for tests and `date,count` input).
    public init(days: [(Day, Double?)], design: EventDesign) {
        var points: [Period: Observation] = [:]
        for (d, v) in days { points[.day(d)] = v.map(Observation.value) ?? .missing }
        let s = AttentionSeries(key: SeriesKey(person: "", source: "", measure: .news), resolution: .day, points: points)
        self.init(series: s, design: design)
    }

    /// The points of pre, event and post together, in time order.
    public var analysed: [Point] { pre + event + post }

    /// Whether a point lies in the event window, or in the post window.
    func isEvent(_ p: Point) -> Bool { windows?.event.contains(p.index) == true }
    func isPost(_ p: Point) -> Bool { windows?.post?.contains(p.index) == true }

    /// The fewest observed pre periods the verdict needs at a resolution: a week's worth of days, and
    /// never fewer than 3 periods (7 days, 3 weeks, 3 three-day periods, 3 months; 168 hours).
    public static func minimumBaseline(_ r: Resolution) -> Int {
        max(3, Int((7 / r.approximateDays).rounded(.up)))
    }
}
