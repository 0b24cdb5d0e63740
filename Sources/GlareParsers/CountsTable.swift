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
        /// The column of values (of the first series, when each column is a series).
        public let count: String
        public let group: [String]
        public let total: String?
        /// The columns that are each a series of their own (GDELT television's stations), named by the
        /// column; empty when one column holds the values.
        public let perColumn: [String]

        public init(date: String, count: String, group: [String], total: String?, perColumn: [String] = []) {
            self.date = date
            self.count = count
            self.group = group
            self.total = total
            self.perColumn = perColumn
        }
    }

    /// What the values are: counts, or a share of all monitored coverage.
    public enum ValueKind: Sendable, Equatable {
        /// Counts of documents (or searches, views) per period.
        case counts
        /// Percent of a whole that is not in the file (`airtime`, `all monitored articles`): a share, not a count.
        case percent(of: String)

        /// Whether the values are a share rather than counts.
        public var isShare: Bool { self != .counts }

        /// The values in words, for notes.
        public var description: String {
            switch self {
            case .counts: "counts"
            case .percent(let whole): "percent of \(whole)"
            }
        }
    }

    public let columns: Columns
    public let series: [Series]
    /// Sentences on how the dates and the resolution were read.
    public let notes: [String]
    /// Whether the file is Glare's own long export (groups are person, source, measure).
    public let isGlareExport: Bool
    /// What the values are.
    public let valueKind: ValueKind
    /// The preset the table was read with, if any.
    public let preset: CountsPreset?
}
