public import GlareCore

/// An event date, the three inclusive windows around it as day offsets from the event, and the
/// anticipation gap: days just before the event window left out of the baseline.
///
/// Defaults: pre = E−92…E−1, event = E…E+29, post = E+30…E+212, gap 3 days (so the baseline ends
/// at E−4: a run-up, such as searches peaking the day before a hurricane's landfall, does not
/// inflate it). Windows are laid on a series' own periods by `PeriodWindows`.
public struct EventDesign: Sendable, Equatable {
    public var eventDate: Day
    public var pre: ClosedRange<Int>
    public var event: ClosedRange<Int>
    public var post: ClosedRange<Int>
    /// Days before the event window's first day that belong to no window.
    public var gap: Int

    public static let defaultPre = -92...(-1)
    public static let defaultEvent = 0...29
    public static let defaultPost = 30...212
    public static let defaultGap = 3
    /// The longest gap (ten years); windows themselves are bounded by their dates.
    public static let maximumGap = 3_660

    public init(
        eventDate: Day, pre: ClosedRange<Int> = defaultPre, event: ClosedRange<Int> = defaultEvent,
        post: ClosedRange<Int> = defaultPost, gap: Int = defaultGap
    ) {
        self.eventDate = eventDate
        self.pre = pre
        self.event = event
        self.post = post
        self.gap = gap
    }

    /// A design from calendar ranges (as `--pre A..B` gives them).
    public init(
        eventDate: Day, preDays: ClosedRange<Day>?, eventDays: ClosedRange<Day>?, postDays: ClosedRange<Day>?,
        gap: Int = defaultGap
    ) {
        func offsets(_ r: ClosedRange<Day>?, _ fallback: ClosedRange<Int>) -> ClosedRange<Int> {
            guard let r else { return fallback }
            return eventDate.distance(to: r.lowerBound)...eventDate.distance(to: r.upperBound)
        }
        self.init(
            eventDate: eventDate, pre: offsets(preDays, Self.defaultPre), event: offsets(eventDays, Self.defaultEvent),
            post: offsets(postDays, Self.defaultPost), gap: gap)
    }

    /// The windows must be in order and must not overlap; the gap is not negative and leaves a baseline.
    public var problem: String? {
        if pre.upperBound >= event.lowerBound { return "the pre window must end before the event window starts" }
        if event.upperBound >= post.lowerBound { return "the event window must end before the post window starts" }
        if gap < 0 || gap > Self.maximumGap { return "the gap must be 0 to \(Self.maximumGap) days" }
        if baselineDays == nil { return "the gap of \(gap) day(s) leaves no day of the pre window" }
        return nil
    }

    public func days(_ window: ClosedRange<Int>) -> ClosedRange<Day> {
        eventDate.adding(days: window.lowerBound)...eventDate.adding(days: window.upperBound)
    }

    /// The days of the pre window that the baseline may use: the pre window less the gap before the
    /// event window; nil when the gap swallows it.
    public var baselineDays: ClosedRange<Day>? {
        let last = min(pre.upperBound, event.lowerBound - 1 - min(max(gap, 0), Self.maximumGap))
        guard last >= pre.lowerBound else { return nil }
        return eventDate.adding(days: pre.lowerBound)...eventDate.adding(days: last)
    }

    /// The same design moved to another event date.
    public func moved(to date: Day) -> EventDesign {
        EventDesign(eventDate: date, pre: pre, event: event, post: post, gap: gap)
    }

    /// How windows are laid on periods, in words (printed by `glare analyze` and the report).
    public static let periodRule = """
        Windows are laid on each series' own periods, never splitting one: the event window takes every \
        period that overlaps its days, so the period holding the event date is always in it; the pre window \
        takes the periods that overlap its days and end before the gap (the days just before the event \
        window, left out of the baseline); the post window takes the periods after the event window that \
        overlap its days. A period touching the gap belongs to no window.
        """
}
