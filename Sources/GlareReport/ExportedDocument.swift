/// The JSON export: every series, and where they came from when asked.
struct ExportedDocument: Encodable {
    let series: [ExportedSeries]
    let provenance: Provenance?

    enum CodingKeys: String, CodingKey { case series, provenance }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(series, forKey: .series)
        try c.encodeIfPresent(provenance, forKey: .provenance)
    }
}
