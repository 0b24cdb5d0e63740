/// Problems with the database or the snapshot archive.
public enum StoreError: Error, Equatable, CustomStringConvertible {
    /// A file could not be read or written.
    case io(path: String, reason: String)
    /// The database could not be opened or is from a newer Glare.
    case database(path: String, reason: String)

    public var description: String {
        switch self {
        case let .io(path, reason): "\(path): \(reason)"
        case let .database(path, reason): "database \(path): \(reason)"
        }
    }
}
