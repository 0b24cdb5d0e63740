public import Foundation

/// Why an API response could not be read, in the words a fetch reports (with the URL it adds).
public struct APIResponseError: Error, Equatable, CustomStringConvertible {
    /// What is wrong with the response.
    public let reason: String

    public init(_ reason: String) {
        self.reason = reason
    }

    /// A body that is not a JSON object, quoted by its first 200 bytes.
    public static func notJSON(_ body: Data) -> APIResponseError {
        let text = String(decoding: body.prefix(200), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return APIResponseError("not JSON: '\(text)'")
    }

    public var description: String { reason }
}
