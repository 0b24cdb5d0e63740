/// How completely a GDELT GKG stream covers a day: of its 96 fifteen-minute slots, how many were
/// processed, could not be fetched or read (failed), or were never published (absent from GDELT's
/// master file list).
public struct GKGDayCoverage: Sendable, Equatable {
    public var done = 0
    public var failed = 0
    public var absent = 0

    public init(done: Int = 0, failed: Int = 0, absent: Int = 0) {
        self.done = done
        self.failed = failed
        self.absent = absent
    }

    /// Slots in a UTC day.
    public static let slotsPerDay = 96

    /// The slots accounted for: processed, or known to have nothing.
    public var coverage: Coverage { Coverage(covered: done + absent, units: Self.slotsPerDay, unit: "slots") }

    /// A day is observed when every slot is accounted for (processed, or absent from the master list),
    /// at least one was processed, and none failed. A day with 1 of 96 files read is not a day's count.
    public var observed: Bool { done > 0 && failed == 0 && coverage.isComplete }

    /// Whether some slot of the day holds data, so the day's partial count is known (for `--allow-partial-days`).
    public var hasData: Bool { done > 0 }
}
