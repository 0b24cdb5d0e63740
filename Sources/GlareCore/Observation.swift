/// What a series holds for one period. Zero is a value; a period nobody measured is `missing`.
public enum Observation: Hashable, Sendable {
    /// A measured value (a count, a share, or a search-interest index).
    case value(Double)
    /// Google Trends' "<1": more than zero and less than `ceiling` on the series' scale
    /// (`ceiling` is 1 on an export's own scale, and scales with it when exports are stitched).
    case belowOne(ceiling: Double)
    /// The period was not covered: not zero, not anything.
    case missing

    /// The numeric value, substituting `belowOne` by `fraction × ceiling`; nil when missing.
    public func numeric(belowOneFraction fraction: Double = 0.5) -> Double? {
        switch self {
        case .value(let v): v
        case .belowOne(let c): fraction * c
        case .missing: nil
        }
    }

    public var isMissing: Bool { self == .missing }

    /// The same observation on a scale multiplied by `factor`.
    public func scaled(by factor: Double) -> Observation {
        switch self {
        case .value(let v): .value(v * factor)
        case .belowOne(let c): .belowOne(ceiling: c * factor)
        case .missing: .missing
        }
    }
}
