import Foundation
import GlareFetch
import GlareParsers

extension APIResponse {
    /// Decodes a response fetched from `url`; a body that is not what the API answers fails as the
    /// fetch's `badResponse`, naming the URL (never with credentials).
    static func decode(_ body: Data, url: String) throws -> Self {
        do { return try decode(body) } catch let e as APIResponseError { throw FetchError.badResponse(e.reason, url: url) }
    }
}
