public import GlareCore

/// `glare match`'s output line, `{"id":…,"people":[{"evidence":[…],"mentions":…,"person":…}]}` and a
/// line break, written straight into bytes: byte for byte what `JSONEncoder` writes with sorted keys and
/// unescaped slashes (`MatchOutputTests` holds it to that), without its boxing of every value.
public enum MatchOutputLine {
    /// Appends the line for document `id` and its people to `out`.
    public static func write(id: String, people: [DocumentMatch.Person], into out: inout [UInt8]) {
        out += #"{"id":"#.utf8
        string(id, into: &out)
        out += #","people":["#.utf8
        for (p, person) in people.enumerated() {
            if p > 0 { out.append(0x2C) }
            out += #"{"evidence":["#.utf8
            for (m, mention) in person.evidence.enumerated() {
                if m > 0 { out.append(0x2C) }
                out += #"{"alias":"#.utf8
                string(mention.alias, into: &out)
                if let context = mention.context {
                    out += #","context":"#.utf8
                    string(context, into: &out)
                }
                out += #","end":"#.utf8
                out += String(mention.end).utf8
                out += #","field":"#.utf8
                string(mention.field, into: &out)
                out += #","matched":"#.utf8
                string(mention.matched, into: &out)
                out += #","rule":"#.utf8
                string(mention.rule.rawValue, into: &out)
                out += #","start":"#.utf8
                out += String(mention.start).utf8
                out.append(0x7D)
            }
            out += #"],"mentions":"#.utf8
            out += String(person.mentions).utf8
            out += #","person":"#.utf8
            string(person.person, into: &out)
            out.append(0x7D)
        }
        out += "]}\n".utf8
    }

    static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    /// A JSON string: `"` and `\` escaped, control characters as `\b \t \n \f \r` or `\u00xx`, the rest as is.
    /// A string with nothing to escape (nearly all) is copied whole.
    static func string(_ value: String, into out: inout [UInt8]) {
        let copied = value.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            for b in bytes where b < 0x20 || b == 0x22 || b == 0x5C { return false }
            out.append(0x22)
            out.append(contentsOf: bytes)
            out.append(0x22)
            return true
        }
        if copied != true { stringByteByByte(value, into: &out) }
    }

    /// `string`, escaping byte by byte (its path for strings that need escapes, and its reference in tests).
    static func stringByteByByte(_ value: String, into out: inout [UInt8]) {
        out.append(0x22)
        for b in value.utf8 {
            switch b {
            case 0x22, 0x5C: out += [0x5C, b]
            case 0x08: out += [0x5C, 0x62]
            case 0x09: out += [0x5C, 0x74]
            case 0x0A: out += [0x5C, 0x6E]
            case 0x0C: out += [0x5C, 0x66]
            case 0x0D: out += [0x5C, 0x72]
            case 0..<0x20: out += [0x5C, 0x75, 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0xF)]]
            default: out.append(b)
            }
        }
        out.append(0x22)
    }
}
