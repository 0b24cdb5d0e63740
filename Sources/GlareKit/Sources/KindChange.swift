public import GlareCore

/// What deriving one kind of series changed.
public struct KindChange: Sendable, Equatable {
    public let kind: SeriesKind
    /// Stored items read again with the roster (documents, GKG files, Trends columns, dump files).
    public var rematched = 0
    public var added: [SeriesKey] = []
    public var removed: [SeriesKey] = []
    /// Series whose values, totals or coverage changed.
    public var changed: [SeriesKey] = []
    public var unchanged = 0

    public init(kind: SeriesKind) { self.kind = kind }

    /// Whether anything stored differs.
    public var isEmpty: Bool { added.isEmpty && removed.isEmpty && changed.isEmpty }

    /// `gkg: 4 files matched again; 2 series added, 0 removed, 3 changed, 10 unchanged`.
    public var summary: String {
        let what = rematched > 0 ? "\(rematched) item(s) matched again; " : ""
        return "\(kind.rawValue): \(what)\(added.count) series added, \(removed.count) removed, \(changed.count) changed, \(unchanged) unchanged"
    }
}
