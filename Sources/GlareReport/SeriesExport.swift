import Foundation
public import GlareCore

/// Renders attention series for R, Stata or pandas: tidy long CSV, wide CSV, or JSON.
///
/// Long CSV columns are `date,person,source,measure,value,total,coverage,se`: `date` is the period's first
/// day (`YYYY-MM-DDTHH` for hours), an empty `value` means missing, `total` is the denominator where the
/// source has one, `coverage` how much of the period the source covered where it records it (`96/96 slots`,
/// `18/24 hours`; a partly covered period is missing unless partial periods were admitted), `se` the
/// standard error of the value where known (a stitched Trends period covered by several exports or
/// repeated samples: the between-sample standard error). `<1` is written as `belowOne × ceiling` (0.5 on an export's own scale).
public struct SeriesExport {
    /// Export settings.
    public struct Options: Sendable {
        /// The fraction of the `<1` ceiling written for a below-one value.
        public var belowOne: Double
        /// Keep only periods that start in this range.
        public var days: ClosedRange<Day>?

        public init(belowOne: Double = 0.5, days: ClosedRange<Day>? = nil) {
            self.belowOne = belowOne
            self.days = days
        }
    }

    /// One series with what JSON output says of its provenance.
    public struct Entry: Sendable {
        public let series: AttentionSeries
        public let term: String?
        public let geo: String?
        /// Human-readable lines naming the inputs (file, hash, factor).
        public let inputs: [[String: String]]

        public init(series: AttentionSeries, term: String? = nil, geo: String? = nil, inputs: [[String: String]] = []) {
            self.series = series
            self.term = term
            self.geo = geo
            self.inputs = inputs
        }
    }

    public let entries: [Entry]
    public let options: Options

    public init(entries: [Entry], options: Options = .init()) {
        self.options = options
        self.entries = entries.map { e in
            guard let days = options.days else { return e }
            return Entry(series: e.series.clipped(to: days), term: e.term, geo: e.geo, inputs: e.inputs)
        }
    }

    /// The header of the long form.
    public static let longHeader = ["date", "person", "source", "measure", "value", "total", "coverage", "se"]

    /// Tidy long CSV, one row per series and period.
    public func longCSV() -> String {
        var w = CSVWriter()
        w.row(Self.longHeader)
        for e in entries {
            let s = e.series
            for (i, p) in s.periods.enumerated() {
                w.row([
                    p.label, s.key.person, s.key.source, s.key.measure.rawValue, cell(s.observations[i]),
                    s.totals[i].map(NumberFormat.string) ?? "", s.coverage[i]?.description ?? "", s.standardErrors[i].map(NumberFormat.string) ?? "",
                ])
            }
        }
        return w.text
    }

    /// Wide CSV: a `date` column, then one column per series named `person:source`. All series must share one resolution.
    public func wideCSV() throws -> String {
        let resolutions = Set(entries.map { $0.series.resolution })
        guard resolutions.count <= 1 else {
            let names = resolutions.sorted().map(\.adjective).joined(separator: ", ")
            throw ExportError.mixedResolutions(names)
        }
        let periods = Set(entries.flatMap { $0.series.periods }).sorted()
        var w = CSVWriter()
        w.row(["date"] + entries.map { "\($0.series.key.person):\($0.series.key.source)" })
        let lookups = entries.map { e in Dictionary(uniqueKeysWithValues: zip(e.series.periods, e.series.observations)) }
        for p in periods {
            w.row([p.label] + lookups.map { cell($0[p] ?? .missing) })
        }
        return w.text
    }

    /// JSON with each series' provenance and every period's state.
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data = try encoder.encode(["series": entries.map { ExportedSeries($0, belowOne: options.belowOne) }])
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    func cell(_ o: Observation) -> String {
        o.numeric(belowOneFraction: options.belowOne).map(NumberFormat.string) ?? ""
    }
}

/// Why an export could not be written.
public enum ExportError: Error, Equatable, CustomStringConvertible {
    case mixedResolutions(String)

    public var description: String {
        switch self {
        case .mixedResolutions(let names):
            "a wide export needs series of one resolution, but the selection has \(names) series; narrow it with --person or --source, or use the long form"
        }
    }
}
