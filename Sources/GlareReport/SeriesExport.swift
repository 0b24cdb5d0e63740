import Foundation
public import GlareCore

/// Renders attention series for R, Stata or pandas: tidy long CSV, wide CSV, or JSON.
///
/// Long CSV columns are `date,person,source,measure,resolution,state,value,total,coverage,se`: `date` is the
/// period's start in ISO 8601 (`2021-06-02T14:00Z` for an hour, the first day for days, weeks and months,
/// with `resolution` saying which: `hour`, `day`, `week`, `month`, `3-day`); `state` is `value`,
/// `below-one` (Trends' `<1`, written as `belowOne × ceiling`, 0.5 on an export's own scale), `partial`
/// (the source covered part of the period: the value is empty unless partial periods were admitted) or
/// `missing` (not covered: the value is empty, never zero); `total` is the denominator where the source has
/// one, `coverage` how much of the period the source covered where it records it (`96/96 slots`, `18/24
/// hours`), `se` the standard error of the value where known (a stitched Trends period covered by several
/// exports or repeated samples). Values carry what the source can: Trends 4 significant digits (its
/// exports are integers 0–100; stitching adds no precision), counts as integers.
public struct SeriesExport {
    /// Export settings.
    public struct Options: Sendable {
        /// The fraction of the `<1` ceiling written for a below-one value.
        public var belowOne: Double
        /// Keep only periods that start in this range.
        public var days: ClosedRange<Day>?

        /// Where the values came from; written as `#` comment lines before the header when given.
        public var provenance: Provenance?

        public init(belowOne: Double = 0.5, days: ClosedRange<Day>? = nil, provenance: Provenance? = nil) {
            self.belowOne = belowOne
            self.days = days
            self.provenance = provenance
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
    public static let longHeader = ["date", "person", "source", "measure", "resolution", "state", "value", "total", "coverage", "se"]

    /// Tidy long CSV, one row per series and period.
    public func longCSV() -> String {
        var w = CSVWriter()
        w.comments(options.provenance?.lines ?? [])
        w.row(Self.longHeader)
        for e in entries {
            let s = e.series
            let precision = ValuePrecision(s.key)
            for (i, p) in s.periods.enumerated() {
                w.row([
                    p.iso8601, s.key.person, s.key.source, s.key.measure.rawValue, s.resolution.rawValue,
                    Self.state(s.observations[i], coverage: s.coverage[i]), cell(s.observations[i], precision),
                    s.totals[i].map(NumberFormat.string) ?? "", s.coverage[i]?.description ?? "",
                    s.standardErrors[i].map { precision.string($0) } ?? "",
                ])
            }
        }
        return w.text
    }

    /// A period's state as the CSV writes it: `partial` when the source covered only part of it (its
    /// value, if admitted, stands beside), else `below-one`, `value` or `missing`.
    public static func state(_ observation: Observation, coverage: Coverage?) -> String {
        if let coverage, !coverage.isComplete, coverage.covered > 0 { return "partial" }
        switch observation {
        case .value: return "value"
        case .belowOne: return "below-one"
        case .missing: return "missing"
        }
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
        w.comments(options.provenance?.lines ?? [])
        w.row(["date"] + entries.map { "\($0.series.key.person):\($0.series.key.source)" })
        let lookups = entries.map { e in Dictionary(uniqueKeysWithValues: zip(e.series.periods, e.series.observations)) }
        let precisions = entries.map { ValuePrecision($0.series.key) }
        for p in periods {
            w.row([p.iso8601] + lookups.indices.map { cell(lookups[$0][p] ?? .missing, precisions[$0]) })
        }
        return w.text
    }

    /// JSON with each series' provenance and every period's state.
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data = try encoder.encode(
            ExportedDocument(series: entries.map { ExportedSeries($0, belowOne: options.belowOne) }, provenance: options.provenance))
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    func cell(_ o: Observation, _ precision: ValuePrecision) -> String {
        o.numeric(belowOneFraction: options.belowOne).map { precision.string($0) } ?? ""
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
