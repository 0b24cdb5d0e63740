/// What a series measures: whose attention, from which source, in which measure.
public struct SeriesKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// A roster person id, or the slug of a term kept with `--allow-unknown-terms`.
    public var person: String
    /// The source, e.g. `google-trends/daily/worldwide/liu-xia` or `gdelt-gkg`.
    public var source: String
    /// What is measured.
    public var measure: Measure

    public init(person: String, source: String, measure: Measure) {
        self.person = person
        self.source = source
        self.measure = measure
    }

    public var description: String { "\(person) · \(source) · \(measure.rawValue)" }

    public static func < (a: SeriesKey, b: SeriesKey) -> Bool {
        (a.person, a.source, a.measure.rawValue) < (b.person, b.source, b.measure.rawValue)
    }
}

/// The kind of attention a series measures. Search interest (a relative index) and news counts are never mixed.
public enum Measure: String, Sendable, Codable, CaseIterable {
    /// Google Trends search interest: a relative index, 0–100 on its own scale.
    case search
    /// Documents that mention the person, per period.
    case news
    /// Exact page views of the person's Wikipedia articles, per period.
    case views
    /// A share of all monitored coverage per period, in percent: GDELT television's percent of airtime,
    /// GDELT DOC's volume intensity (percent of all monitored articles). Not a count: the event-window
    /// battery reads it, like `search`, as a level on its own scale, and never pools it with counts.
    case share
}
