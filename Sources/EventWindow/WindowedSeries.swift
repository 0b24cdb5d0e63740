import GlareCore

/// A series cut into the design's windows: the observed periods only, with their day offset from the event.
///
/// Periods are assigned to a window by their first day, so weekly and monthly series are analysed at
/// their own resolution. Missing periods and periods under a mask (e.g. after a release) are left out.
public struct WindowedSeries: Sendable {
    /// One observed period.
    public struct Point: Sendable, Equatable {
        public let day: Day
        /// Days from the event date (negative before it).
        public let offset: Int
        public let value: Double
    }

    public let design: EventDesign
    public let resolution: Resolution
    public let pre: [Point]
    public let event: [Point]
    public let post: [Point]
    /// Every observed point of the whole series (for placebo dates), in order.
    public let all: [Point]

    /// Cuts `series`; `belowOne` is the fraction of a `<1` ceiling used as its value; days in `mask` are dropped.
    public init(series: AttentionSeries, design: EventDesign, belowOne: Double = 0.5, mask: [ClosedRange<Day>] = []) {
        self.design = design
        resolution = series.resolution
        var all: [Point] = []
        for (i, p) in series.periods.enumerated() {
            guard let v = series.observations[i].numeric(belowOneFraction: belowOne) else { continue }
            if mask.contains(where: { $0.contains(p.start) }) { continue }
            all.append(Point(day: p.start, offset: design.eventDate.distance(to: p.start), value: v))
        }
        self.all = all
        pre = all.filter { design.pre.contains($0.offset) }
        event = all.filter { design.event.contains($0.offset) }
        post = all.filter { design.post.contains($0.offset) }
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
}
