public import Foundation

/// The JSON in a GDELT DOC 2.0 API body. GDELT answers errors as plain text with status 200, and its
/// JSON may hold raw control characters, which are dropped.
public enum GDELTDocBody {
    /// The body without control characters other than tab and line breaks; throws "GDELT says: …"
    /// when what remains does not start as JSON.
    public static func json(_ body: Data) throws -> Data {
        let cleaned = Data(body.filter { $0 >= 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D })
        guard cleaned.first == UInt8(ascii: "{") || cleaned.first == UInt8(ascii: "[") else {
            let text = String(decoding: cleaned.prefix(300), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw APIResponseError("GDELT says: \(text)")
        }
        return cleaned
    }
}
