import GlareCore

/// An event date and the three inclusive windows around it, as day offsets from the event.
///
/// Defaults: pre = E−92…E−1, event = E…E+29, post = E+30…E+212.
public struct EventDesign: Sendable, Equatable {
    public var eventDate: Day
    public var pre: ClosedRange<Int>
    public var event: ClosedRange<Int>
    public var post: ClosedRange<Int>

    public static let defaultPre = -92...(-1)
    public static let defaultEvent = 0...29
    public static let defaultPost = 30...212

    public init(eventDate: Day, pre: ClosedRange<Int> = defaultPre, event: ClosedRange<Int> = defaultEvent,
                post: ClosedRange<Int> = defaultPost) {
        self.eventDate = eventDate
        self.pre = pre
        self.event = event
        self.post = post
    }

    /// A design from calendar ranges (as `--pre A..B` gives them).
    public init(eventDate: Day, preDays: ClosedRange<Day>?, eventDays: ClosedRange<Day>?, postDays: ClosedRange<Day>?) {
        func offsets(_ r: ClosedRange<Day>?, _ fallback: ClosedRange<Int>) -> ClosedRange<Int> {
            guard let r else { return fallback }
            return eventDate.distance(to: r.lowerBound)...eventDate.distance(to: r.upperBound)
        }
        self.init(eventDate: eventDate, pre: offsets(preDays, Self.defaultPre), event: offsets(eventDays, Self.defaultEvent),
                  post: offsets(postDays, Self.defaultPost))
    }

    /// The windows must be in order and must not overlap.
    public var problem: String? {
        if pre.upperBound >= event.lowerBound { return "the pre window must end before the event window starts" }
        if event.upperBound >= post.lowerBound { return "the event window must end before the post window starts" }
        return nil
    }

    public func days(_ window: ClosedRange<Int>) -> ClosedRange<Day> {
        eventDate.adding(days: window.lowerBound)...eventDate.adding(days: window.upperBound)
    }

    /// The same design moved to another event date.
    public func moved(to date: Day) -> EventDesign {
        EventDesign(eventDate: date, pre: pre, event: event, post: post)
    }
}
