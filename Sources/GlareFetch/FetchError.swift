/// Why a fetch failed, with whether cron should simply retry later.
public struct FetchError: Error, Equatable, CustomStringConvertible {
    enum Kind: Equatable {
        case transport(String)
        /// The origin (scheme://host:port) could not be reached: its name did not resolve, or no connection was made.
        case unreached(String, origin: String)
        /// Not asked: the client asks the origin nothing more (see `HTTPClient.Configuration.originFailureLimit`).
        case notAsked(String)
        case status(Int)
        case tooLarge(Int)
        case locked(String)
        case badResponse(String)
        case unavailable(String)
    }

    let kind: Kind
    /// The URL (never with credentials) the failure belongs to.
    public let url: String

    init(_ kind: Kind, url: String) {
        self.kind = kind
        self.url = url
    }

    public static func transport(_ reason: String, url: String) -> FetchError { FetchError(.transport(reason), url: url) }
    /// No connection to `origin` was made (its name did not resolve, the connection was refused or timed out).
    public static func unreached(_ reason: String, origin: String, url: String) -> FetchError { FetchError(.unreached(reason, origin: origin), url: url) }
    /// A request not made, and why: its origin could not be reached by the requests before it (transient, not retried).
    public static func notAsked(_ reason: String, url: String) -> FetchError { FetchError(.notAsked(reason), url: url) }
    public static func status(_ code: Int, url: String) -> FetchError { FetchError(.status(code), url: url) }
    public static func tooLarge(_ limit: Int, url: String) -> FetchError { FetchError(.tooLarge(limit), url: url) }
    public static func locked(_ path: String) -> FetchError { FetchError(.locked(path), url: "") }
    public static func badResponse(_ reason: String, url: String) -> FetchError { FetchError(.badResponse(reason), url: url) }
    /// This machine cannot fetch at all (libcurl missing): a later run meets the same until it is installed.
    public static func unavailable(_ reason: String, url: String) -> FetchError { FetchError(.unavailable(reason), url: url) }

    /// The HTTP status, when the server answered with an error status.
    public var status: Int? { if case .status(let s) = kind { s } else { nil } }

    /// Whether another attempt may succeed within the same request: a transient failure that is not a refusal to ask.
    var isRetried: Bool {
        if case .notAsked = kind { return false }
        return isTransient && status == nil
    }

    /// True for failures that a later run may not meet (network down, 429, 5xx, another run holding the lock).
    public var isTransient: Bool {
        switch kind {
        case .transport, .unreached, .notAsked, .locked: true
        case .status(let s): s == 429 || s >= 500
        case .tooLarge, .badResponse, .unavailable: false
        }
    }

    public var description: String {
        switch kind {
        case .transport(let r), .unreached(let r, _), .notAsked(let r): "\(url): \(r)"
        case .status(let s): "\(url): HTTP \(s)"
        case .tooLarge(let n): "\(url): the response is larger than \(n) bytes (after decompression); refused"
        case .locked(let path): "another glare fetch is running (lock \(path) is held); try again later"
        case .badResponse(let r): "\(url): \(r)"
        case .unavailable(let r): "\(url): \(r)"
        }
    }
}
