import Foundation
public import GlareCore
import GlareReport
public import GlareStore

/// Which stored series to read, and how to write them out (`glare export`).
public struct SeriesQuery: Sendable {
    /// Output formats.
    public enum Format: String, Sendable, CaseIterable { case csv, json }

    /// Only these people (all when empty).
    public var people: [String]
    public var measure: Measure?
    /// Only sources that start with one of these (all when empty).
    public var sources: [String]
    public var days: ClosedRange<Day>?
    public var wide: Bool
    public var format: Format
    public var belowOne: Double
    /// Admit partly covered periods (a GKG day with some of its 96 files) as values; they stay marked by their coverage.
    public var partialPeriods: Bool
    /// Where the output comes from: always in JSON; in CSV (as `#` comment lines) only when `provenanceInCSV`.
    public var commandLine: String?
    public var roster: Roster?
    public var provenanceInCSV = false

    public init(
        people: [String] = [], measure: Measure? = nil, sources: [String] = [], days: ClosedRange<Day>? = nil,
        wide: Bool = false, format: Format = .csv, belowOne: Double = 0.5, partialPeriods: Bool = false
    ) {
        self.partialPeriods = partialPeriods
        self.people = people
        self.measure = measure
        self.sources = sources
        self.days = days
        self.wide = wide
        self.format = format
        self.belowOne = belowOne
    }

    /// The selected series.
    public func series(in db: GlareDatabase) throws -> [StoredSeries] {
        try db.read { try $0.series(people: people, measure: measure, partialPeriods: partialPeriods) }
            .filter { s in sources.isEmpty || sources.contains { s.series.key.source.hasPrefix($0) } }
    }

    /// The selected series rendered in the chosen format.
    public func render(from db: GlareDatabase) throws -> String {
        try render(try series(in: db), from: db)
    }

    /// `selected` (what `series(in:)` read from `db`) rendered in the chosen format: a caller that has
    /// read the series for something else too does not read them again.
    public func render(_ selected: [StoredSeries], from db: GlareDatabase) throws -> String {
        let provenance =
            try commandLine.flatMap { line in
                format == .json || provenanceInCSV
                    ? try Provenance.of(commandLine: line, roster: roster, sources: selected.map(\.series.key.source), in: db) : nil
            }
        let entries = selected.map { s in
            SeriesExport.Entry(
                series: s.series, term: s.term, geo: s.geo,
                inputs: s.inputs.map { i in
                    var d = [
                        "file": i.originalName, "sha256": i.snapshotSHA256, "overlap_points": String(i.overlapPoints),
                        "factor": NumberFormat.string(i.factor),
                    ]
                    if let onto = i.ontoSHA256 { d["joined_onto_sha256"] = onto }
                    return d
                })
        }
        let export = SeriesExport(entries: entries, options: .init(belowOne: belowOne, days: days, provenance: provenance))
        switch format {
        case .csv: return wide ? try export.wideCSV() : export.longCSV()
        case .json: return try export.json()
        }
    }
}
