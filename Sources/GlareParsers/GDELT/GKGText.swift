import Foundation

/// GDELT's text quirks.
public enum GKGText {
    /// The `<PAGE_TITLE>` of a GKG extras field, entities decoded, on one line; empty when absent.
    public static func pageTitle(_ extras: String) -> String {
        guard let open = extras.range(of: "<PAGE_TITLE>") else { return "" }
        let rest = extras[open.upperBound...]
        let body = rest.range(of: "</PAGE_TITLE>").map { rest[..<$0.lowerBound] } ?? rest
        return cleanTitle(String(body))
    }

    /// A title's text: entities decoded, tabs and line breaks made spaces.
    public static func cleanTitle(_ raw: String) -> String {
        let decoded = decodeEntities(raw)
        guard decoded.utf8.contains(where: { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else { return decoded }
        return decoded.split(whereSeparator: { $0 == "\t" || $0 == "\n" || $0 == "\r" }).joined(separator: " ")
    }

    /// Decodes character references. GDELT often writes a UTF-8 character as one reference per byte
    /// (`B&#xC5;&#x99;ezinov&#xC3;&#xA1;` for `Březinová`): when the references below 256 spell valid
    /// UTF-8 they are read as bytes, otherwise as code points.
    public static func decodeEntities(_ s: String) -> String {
        guard s.utf8.contains(0x26) else { return s }
        let named: [String: String] = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}"]
        func decode(asBytes: Bool) -> String? {
            var out: [UInt8] = []
            var i = s.startIndex
            while i < s.endIndex {
                if s[i] == "&", let semi = s[i...].prefix(12).firstIndex(of: ";") {
                    let name = s[s.index(after: i)..<semi]
                    var value: UInt32? = nil
                    if name.hasPrefix("#x") || name.hasPrefix("#X") {
                        value = UInt32(name.dropFirst(2), radix: 16)
                    } else if name.hasPrefix("#") {
                        value = UInt32(name.dropFirst(), radix: 10)
                    }
                    if let v = value {
                        if asBytes && v < 0x100 {
                            out.append(UInt8(v))
                        } else if let scalar = Unicode.Scalar(v) {
                            out.append(contentsOf: Array(String(Character(scalar)).utf8))
                        }
                        i = s.index(after: semi)
                        continue
                    }
                    if let r = named[String(name)] {
                        out.append(contentsOf: Array(r.utf8))
                        i = s.index(after: semi)
                        continue
                    }
                }
                out.append(contentsOf: Array(String(s[i]).utf8))
                i = s.index(after: i)
            }
            return String(validating: out, as: UTF8.self)
        }
        return decode(asBytes: true) ?? decode(asBytes: false) ?? s
    }
}
