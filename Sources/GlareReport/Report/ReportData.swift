public import EventWindow
public import GlareCore

/// Everything a report shows: the analysed series, their results, who the people are, and the settings.
public struct ReportData: Sendable {
    /// One analysed series and what is known about its person.
    public struct Entry: Sendable {
        public let series: AttentionSeries
        public let result: SeriesResult
        /// The person's display name (the id when not on the roster).
        public let name: String
        /// The release date, when the roster knows it (marked on charts).
        public let released: Day?

        public init(series: AttentionSeries, result: SeriesResult, name: String, released: Day?) {
            self.series = series
            self.result = result
            self.name = name
            self.released = released
        }
    }

    public let title: String
    public let design: EventDesign
    public let permutationDraws: Int
    public let seed: UInt64
    public let entries: [Entry]
    public let analysis: AnalysisReport
    /// Where the report came from (Glare's version, the command line, the roster, the inputs); every format writes it.
    public var provenance: Provenance?

    public init(title: String, design: EventDesign, permutationDraws: Int, seed: UInt64, entries: [Entry], analysis: AnalysisReport) {
        self.title = title
        self.design = design
        self.permutationDraws = permutationDraws
        self.seed = seed
        self.entries = entries
        self.analysis = analysis
    }

    /// The calendar span every chart shares: the design's windows and every series.
    public var span: ClosedRange<Day> {
        var lo = design.days(design.pre).lowerBound, hi = design.days(design.post).upperBound
        for e in entries {
            if let f = e.series.first?.start { lo = min(lo, f) }
            if let l = e.series.last?.lastDay { hi = max(hi, l) }
        }
        return lo...hi
    }
}
