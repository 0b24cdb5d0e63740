/// One Google Trends export: a table of periods by terms, every value on the export's own 0–100 scale.
///
/// Made by `TrendsCSVParser` (the web page's `multiTimeline.csv`) or `TrendsAPIParser` (the internal
/// API's JSON). Terms that appear together in one export share its scale.
public struct TrendsExport: Sendable, Equatable {
    /// The file formats an export can come in.
    public enum Format: String, Sendable, Codable {
        case webCSV = "trends-csv"
        case apiJSON = "trends-api"
        /// The web page's `report.csv` from before the 2017 redesign.
        case legacyCSV = "trends-legacy-csv"
    }

    /// One value cell.
    public enum Value: Hashable, Sendable {
        /// An index 0–100.
        case value(Int)
        /// Trends' `<1`: more than zero, less than one.
        case belowOne
        /// No data for this cell (`hasData: false` in the API, or an empty cell).
        case missing
    }

    /// One term's column: the term as searched and the region it was measured in.
    public struct Column: Hashable, Sendable {
        public let term: String
        /// The geography label as the export wrote it (`Worldwide`, `United States`, `Deutschland`), or nil when the file does not say.
        public let geo: String?

        public init(term: String, geo: String?) {
            self.term = term
            self.geo = geo
        }
    }

    /// One period's row.
    public struct Row: Hashable, Sendable {
        public let period: Period
        public let values: [Value]
        /// True when Trends marked the period as still in progress (`isPartial`): it is never treated as complete.
        public let isPartial: Bool

        public init(period: Period, values: [Value], isPartial: Bool = false) {
            self.period = period
            self.values = values
            self.isPartial = isPartial
        }
    }

    public let format: Format
    public let resolution: Resolution
    public let columns: [Column]
    public let rows: [Row]
    /// The `Category: …` line of the preamble, when present (in the export's interface language).
    public let category: String?
    /// The search product when not web search (`images`, `news`, `youtube`, `froogle`, as Trends' `gprop`
    /// names them): searches on different products are different measures and are never stitched together.
    public let property: String?
    /// The time range the export was asked for, as it says (`Past 30 days`, `2004 - present`), when it does.
    public let window: String?

    public init(
        format: Format, resolution: Resolution, columns: [Column], rows: [Row], category: String? = nil,
        property: String? = nil, window: String? = nil
    ) {
        self.format = format
        self.resolution = resolution
        self.columns = columns
        self.rows = rows
        self.category = category
        self.property = property
        self.window = window
    }

    public var firstPeriod: Period? { rows.first?.period }
    public var lastPeriod: Period? { rows.last?.period }

    /// The same export with only the columns at `indices` (a report's regions a user picked).
    public func keepingColumns(_ indices: [Int]) -> TrendsExport {
        TrendsExport(
            format: format, resolution: resolution, columns: indices.map { columns[$0] },
            rows: rows.map { row in Row(period: row.period, values: indices.map { row.values[$0] }, isPartial: row.isPartial) },
            category: category, property: property, window: window)
    }

    /// The same export with its columns renamed (for API exports, whose JSON does not name its terms).
    public func withColumns(_ columns: [Column]) -> TrendsExport {
        precondition(columns.count == self.columns.count)
        return TrendsExport(format: format, resolution: resolution, columns: columns, rows: rows, category: category, property: property, window: window)
    }
}
