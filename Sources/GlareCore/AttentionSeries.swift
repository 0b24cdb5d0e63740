/// A person's attention from one source, as a dense calendar of periods.
///
/// Every period from `first` to `last` has an observation; periods nobody measured are `.missing`,
/// never zero. `totals` holds the denominator (all documents from the source in the period) where
/// the source has one.
public struct AttentionSeries: Sendable, Equatable {
    public let key: SeriesKey
    public let resolution: Resolution
    /// The periods in calendar order, without gaps.
    public private(set) var periods: [Period]
    public private(set) var observations: [Observation]
    /// The denominator per period, or nil where the source has none.
    public private(set) var totals: [Double?]
    /// How much of each period the source covered, where it says (nil: not recorded, or not applicable).
    public private(set) var coverage: [Coverage?]
    /// The standard error of each period's value where it is known (stitched Trends periods covered by
    /// several exports or samples), nil elsewhere.
    public private(set) var standardErrors: [Double?]

    /// Builds the dense calendar spanning the given points; periods without a point are missing.
    public init(
        key: SeriesKey, resolution: Resolution, points: [Period: Observation], totals: [Period: Double] = [:],
        coverage: [Period: Coverage] = [:], standardErrors: [Period: Double] = [:]
    ) {
        self.key = key
        self.resolution = resolution
        let sorted = points.keys.sorted()
        guard let first = sorted.first, let last = sorted.last else {
            periods = []; observations = []; self.totals = []; self.coverage = []; self.standardErrors = []
            return
        }
        periods = Period.calendar(from: first, through: last)
        observations = periods.map { points[$0] ?? .missing }
        self.totals = periods.map { totals[$0] }
        self.coverage = periods.map { coverage[$0] }
        self.standardErrors = periods.map { standardErrors[$0] }
    }

    /// A series from its dense calendar: `periods` gapless and in order (see `Period.calendar`), and one
    /// observation, total, coverage and standard error per period.
    public init(
        key: SeriesKey, resolution: Resolution, periods: [Period], observations: [Observation], totals: [Double?], coverage: [Coverage?],
        standardErrors: [Double?]
    ) {
        precondition(
            [observations.count, totals.count, coverage.count, standardErrors.count].allSatisfy { $0 == periods.count },
            "one value of each per period")
        // Checked in debug builds only: in a release build a fetch would pay it per person and day (callers build
        // `periods` with `Period.calendar` or day by day).
        assert(periods.allSatisfy { $0.resolution == resolution } && zip(periods, periods.dropFirst()).allSatisfy { $0.next == $1 }, "a gapless calendar")
        self.key = key
        self.resolution = resolution
        self.periods = periods
        self.observations = observations
        self.totals = totals
        self.coverage = coverage
        self.standardErrors = standardErrors
    }

    public var isEmpty: Bool { periods.isEmpty }
    public var first: Period? { periods.first }
    public var last: Period? { periods.last }

    /// The observation for a period; `.missing` outside the series' span.
    public subscript(period: Period) -> Observation {
        guard let first, period.resolution == resolution, period >= first, let last, period <= last else { return .missing }
        let index = periods.firstIndex(of: period) ?? -1
        return index >= 0 ? observations[index] : .missing
    }

    /// The part of the series whose periods start within the given days.
    public func clipped(to days: ClosedRange<Day>) -> AttentionSeries {
        var copy = self
        let keep = periods.indices.filter { days.contains(periods[$0].start) }
        copy.periods = keep.map { periods[$0] }
        copy.observations = keep.map { observations[$0] }
        copy.totals = keep.map { totals[$0] }
        copy.coverage = keep.map { coverage[$0] }
        copy.standardErrors = keep.map { standardErrors[$0] }
        return copy
    }

    /// The number of periods with a value (including below-one).
    public var observedCount: Int { observations.filter { !$0.isMissing }.count }

    /// Periods with a value although the source covered only part of them (admitted with `--allow-partial-days`).
    public var partialCount: Int {
        zip(observations, coverage).filter { !$0.0.isMissing && $0.1.map { !$0.isComplete } == true }.count
    }
}
