import GlareCore

/// One series of `SeriesExport.json()`: its key, resolution, provenance and every period.
struct ExportedSeries: Encodable {
    let person: String
    let source: String
    let measure: String
    let resolution: String
    let term: String?
    let geo: String?
    let inputs: [[String: String]]
    let points: [ExportedPoint]

    init(_ entry: SeriesExport.Entry, belowOne: Double) {
        let s = entry.series
        person = s.key.person
        source = s.key.source
        measure = s.key.measure.rawValue
        resolution = s.resolution.rawValue
        term = entry.term
        geo = entry.geo
        inputs = entry.inputs
        let precision = ValuePrecision(s.key)
        points = s.periods.indices.map { i in
            ExportedPoint(
                s.periods[i], s.observations[i], total: s.totals[i], coverage: s.coverage[i], se: s.standardErrors[i], belowOne: belowOne, ceiling: true,
                precision: precision)
        }
    }
}
