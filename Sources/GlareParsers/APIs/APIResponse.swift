public import Foundation

/// A JSON answer of a web API, decoded into a model. A conformer says what is wrong when a JSON object
/// is not of its shape (`shapeError`) and, when the API wraps its JSON, how to unwrap it (`json(in:)`).
public protocol APIResponse: Decodable {
    /// What is wrong when the body is a JSON object without the parts this response needs,
    /// e.g. "not a Guardian API response (JSON with 'response')".
    static var shapeError: String { get }

    /// The JSON inside a response body; the body itself unless the API wraps or garbles it.
    static func json(in body: Data) throws -> Data
}

extension APIResponse {
    public static func json(in body: Data) throws -> Data { body }

    /// Decodes a response body. Throws an `APIResponseError`: "not JSON: '…'" when the body is not a
    /// JSON object, `shapeError` when it is one without the parts this response needs.
    public static func decode(_ body: Data) throws -> Self {
        let data = try json(in: body)
        do {
            return try JSONDecoder().decode(Self.self, from: data)
        } catch {
            guard case .object = try? JSONDecoder().decode(JSONValue.self, from: data) else { throw APIResponseError.notJSON(data) }
            throw APIResponseError(shapeError)
        }
    }
}
