/// Problems with the database or the snapshot archive.
public enum StoreError: Error, Equatable, CustomStringConvertible {
    /// A file could not be read or written.
    case io(path: String, reason: String)
    /// The database could not be opened or is from a newer Glare.
    case database(path: String, reason: String)
    /// Two derived series would have the same person, source and measure.
    case duplicateSeries(String)

    public var description: String {
        switch self {
        case let .io(path, reason): "\(path): \(reason)"
        case let .database(path, reason): "database \(path): \(reason)"
        case let .duplicateSeries(key): "two series would both be \(key); rename one of the terms or people so their names differ"
        }
    }

    /// Whether the input data, not the machine, is at fault.
    public var isDataError: Bool {
        if case .duplicateSeries = self { return true }
        return false
    }
}
