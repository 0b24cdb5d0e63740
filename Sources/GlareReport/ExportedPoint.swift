import GlareCore

/// One period of a series as JSON writes it: its date, state (`value`, `below-one`, `missing`), the
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
        ceiling withCeiling: Bool
    ) {
        date = period.label
        self.se = se
        self.total = total
        self.coverage = coverage?.description
        switch observation {
        case .value(let v): state = "value"; value = v; ceiling = nil
        case .belowOne(let c): state = "below-one"; value = belowOne * c; ceiling = withCeiling ? c : nil
        case .missing: state = "missing"; value = nil; ceiling = nil
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
