public import GlareCore

/// A tidy table of counts per period, as `CountsCSVParser` read it: one or more series on one regular
/// grid of periods, and how the file was read (to print, so a user can check it).
public struct CountsTable: Sendable {
    /// One series of the table: the value of the group column (nil without one).
    public struct Series: Sendable {
        public let group: String?
        public let resolution: Resolution
        public let points: [Period: Observation]
        public let totals: [Period: Double]
    }

    /// Which column played which part.
    public struct Columns: Sendable, Equatable {
        public let date: String
        public let count: String
        public let group: [String]
        public let total: String?
    }

    public let columns: Columns
    public let series: [Series]
    /// Sentences on how the dates and the resolution were read.
    public let notes: [String]
    /// Whether the file is Glare's own long export (groups are person, source, measure).
    public let isGlareExport: Bool
}
