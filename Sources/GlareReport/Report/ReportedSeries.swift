import GlareCore

/// One series of the report's JSON: its key, the person's name and release day (null when unknown),
/// and every period with its state (`<1` written as half its ceiling).
struct ReportedSeries: Encodable {
    let person: String
    let name: String
    let source: String
    let measure: String
    let resolution: String
    let released: String?
    let points: [ExportedPoint]

    init(_ entry: ReportData.Entry) {
        let s = entry.series
        person = s.key.person
        name = entry.name
        source = s.key.source
        measure = s.key.measure.rawValue
        resolution = s.resolution.rawValue
        released = entry.released?.iso
        points = s.periods.indices.map { i in
            ExportedPoint(s.periods[i], s.observations[i], total: s.totals[i], belowOne: 0.5, ceiling: false)
        }
    }

    enum CodingKeys: String, CodingKey { case person, name, source, measure, resolution, released, points }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(person, forKey: .person)
        try c.encode(name, forKey: .name)
        try c.encode(source, forKey: .source)
        try c.encode(measure, forKey: .measure)
        try c.encode(resolution, forKey: .resolution)
        try c.encode(released, forKey: .released)  // null when unknown
        try c.encode(points, forKey: .points)
    }
}
