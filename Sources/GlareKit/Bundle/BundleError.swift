/// A bundle that cannot be read.
public enum BundleError: Error, CustomStringConvertible {
    case damaged(String)

    public var description: String {
        switch self {
        case .damaged(let why): "the bundle cannot be read: \(why)"
        }
    }
}
