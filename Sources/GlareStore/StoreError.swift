/// Problems with the database or the snapshot archive.
public enum StoreError: Error, Equatable, CustomStringConvertible {
    /// A file could not be read or written.
    case io(path: String, reason: String)
    /// The database could not be opened or is from a newer Glare.
    case database(path: String, reason: String)
    /// Two derived series would have the same person, source and measure.
    case duplicateSeries(String)
    /// Another process held the database locked longer than the busy timeout.
    case busy(path: String)
    /// A command that only reads found no database at the path (nothing was created).
    case missing(path: String)

    public var description: String {
        switch self {
        case let .io(path, reason): "\(path): \(reason)"
        case let .database(path, reason): "database \(path): \(reason)"
        case let .duplicateSeries(key): "two series would both be \(key); rename one of the terms or people so their names differ"
        case let .busy(path): "database \(path) is locked by another process (still busy after 10 s); try again"
        case let .missing(path):
            "no database at \(path) (nothing was created): give the store with --db PATH or GLARE_DB, or create one by importing or fetching into it ('glare import …', 'glare fetch'; 'glare init' starts a study)"
        }
    }

    /// Whether waiting may be enough (a lock another process held).
    public var isTemporary: Bool {
        if case .busy = self { return true }
        return false
    }

    /// Whether the database a read needs does not exist.
    public var isMissing: Bool {
        if case .missing = self { return true }
        return false
    }

    /// Whether the input data, not the machine, is at fault.
    public var isDataError: Bool {
        if case .duplicateSeries = self { return true }
        return false
    }
}
