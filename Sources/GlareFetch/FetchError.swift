/// Why a fetch failed, with whether cron should simply retry later.
public struct FetchError: Error, Equatable, CustomStringConvertible {
    enum Kind: Equatable {
        case transport(String)
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
    public static func status(_ code: Int, url: String) -> FetchError { FetchError(.status(code), url: url) }
    public static func tooLarge(_ limit: Int, url: String) -> FetchError { FetchError(.tooLarge(limit), url: url) }
    public static func locked(_ path: String) -> FetchError { FetchError(.locked(path), url: "") }
    public static func badResponse(_ reason: String, url: String) -> FetchError { FetchError(.badResponse(reason), url: url) }
    /// This machine cannot fetch at all (libcurl missing): a later run meets the same until it is installed.
    public static func unavailable(_ reason: String, url: String) -> FetchError { FetchError(.unavailable(reason), url: url) }

    /// The HTTP status, when the server answered with an error status.
    public var status: Int? { if case .status(let s) = kind { s } else { nil } }

    /// True for failures that a later run may not meet (network down, 429, 5xx, another run holding the lock).
    public var isTransient: Bool {
        switch kind {
        case .transport, .locked: true
        case .status(let s): s == 429 || s >= 500
        case .tooLarge, .badResponse, .unavailable: false
        }
    }

    public var description: String {
        switch kind {
        case .transport(let r): "\(url): \(r)"
        case .status(let s): "\(url): HTTP \(s)"
        case .tooLarge(let n): "\(url): the response is larger than \(n) bytes (after decompression); refused"
        case .locked(let path): "another glare fetch is running (lock \(path) is held); try again later"
        case .badResponse(let r): "\(url): \(r)"
        case .unavailable(let r): "\(url): \(r)"
        }
    }
}
