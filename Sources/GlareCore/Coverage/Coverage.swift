/// How much of one period a source covered: `covered` of `units` (the GKG slots of a day, the hours of
/// a day a feed or a download spanned). A period is observed only when its coverage is complete; a
/// partly covered period is missing (its count would understate the day), unless a user admits it.
public struct Coverage: Hashable, Sendable, Codable, CustomStringConvertible {
    public let covered: Int
    public let units: Int
    /// What is counted (`slots`, `hours`).
    public let unit: String

    public init(covered: Int, units: Int, unit: String) {
        self.covered = max(0, min(covered, units))
        self.units = units
        self.unit = unit
    }

    /// Whether the source covered all of the period.
    public var isComplete: Bool { covered >= units }

    /// `37/96 slots`.
    public var description: String { "\(covered)/\(units) \(unit)" }

    /// A period covered in full, for sources whose coverage is all or nothing (a reported day, an imported row).
    public static let whole = Coverage(covered: 1, units: 1, unit: "period")
}
