/// Why `glare fetch` could not run a source (beyond HTTP failures, which are `FetchError`s).
public struct FetchRunError: Error, CustomStringConvertible, Equatable {
    private enum Kind: Equatable {
        case credentials(path: String, reason: String)
        case missingKey(source: String, variable: String)
        case unknownSource(String, file: String)
        case wrongContentType(url: String, type: String)
    }
    private let kind: Kind

    static func credentials(path: String, reason: String) -> FetchRunError { .init(kind: .credentials(path: path, reason: reason)) }
    static func missingKey(source: String, variable: String) -> FetchRunError { .init(kind: .missingKey(source: source, variable: variable)) }
    public static func unknownSource(_ id: String, file: String) -> FetchRunError { .init(kind: .unknownSource(id, file: file)) }
    static func wrongContentType(url: String, type: String) -> FetchRunError { .init(kind: .wrongContentType(url: url, type: type)) }

    /// A problem of set-up (a missing key, a bad file): the user must act; retrying will not help.
    public var isConfiguration: Bool {
        switch kind {
        case .credentials, .missingKey, .unknownSource: true
        case .wrongContentType: false
        }
    }

    public var description: String {
        switch kind {
        case let .credentials(path, reason): "credentials file \(path) \(reason)"
        case let .missingKey(source, variable): "source '\(source)' needs an API key: set \(variable) in the environment or the credentials file"
        case let .unknownSource(id, file): "no source '\(id)' in \(file)"
        case let .wrongContentType(url, type): "\(url): unexpected content type '\(type)' for a feed"
        }
    }
}
