import GlareCore

/// One period of a series as JSON writes it: its date (ISO 8601, as the CSV), state (`value`, `below-one`,
/// `partial`, `missing`, as the CSV), the
/// value (null when missing; `<1` as a fraction of its ceiling), the ceiling of a below-one value where
/// asked, the denominator where the source has one, and how much of the period the source covered
/// where it records it (`37/96 slots`).
struct ExportedPoint: Encodable {
    let date: String
    let state: String
    let value: Double?
    let ceiling: Double?
    let total: Double?
    let coverage: String?
    let se: Double?

    /// `belowOne`: the fraction of the ceiling written for `<1`; `ceiling`: whether to write the ceiling.
    init(
        _ period: Period, _ observation: Observation, total: Double?, coverage: Coverage? = nil, se: Double? = nil, belowOne: Double,
        ceiling withCeiling: Bool, precision: ValuePrecision? = nil
    ) {
        date = period.iso8601
        self.se = se.map { precision?.rounded($0) ?? $0 }
        self.total = total
        self.coverage = coverage?.description
        let round = { (v: Double) in precision?.rounded(v) ?? v }
        state = SeriesExport.state(observation, coverage: coverage)
        switch observation {
        case .value(let v): value = round(v); ceiling = nil
        case .belowOne(let c): value = round(belowOne * c); ceiling = withCeiling ? round(c) : nil
        case .missing: value = nil; ceiling = nil
        }
    }

    enum CodingKeys: String, CodingKey { case date, state, value, ceiling, total, coverage, se }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(date, forKey: .date)
        try c.encode(state, forKey: .state)
        try c.encode(value, forKey: .value)  // null when missing
        try c.encodeIfPresent(ceiling, forKey: .ceiling)
        try c.encodeIfPresent(total, forKey: .total)
        try c.encodeIfPresent(coverage, forKey: .coverage)
        try c.encodeIfPresent(se, forKey: .se)
    }
}
