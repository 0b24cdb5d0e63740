/// JSON written straight into bytes where Foundation's `JSONEncoder` costs more than the work it does
/// (`glare match`'s output, the evidence of every mention a fetch or import stores): the text `JSONEncoder`
/// writes with `.sortedKeys` and `.withoutEscapingSlashes`, so nothing stored or printed changes with the
/// writer. Strings escape `"` and `\`, `\b \t \n \f \r`, other control characters as `\u00xx`; `/` and
/// everything else stay as they are.
public enum JSONText {
    /// Appends `value` as a JSON string; one with nothing to escape (nearly all) is copied whole.
    public static func string(_ value: String, into out: inout [UInt8]) {
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

    /// Appends an integer, its digits written straight into `out` (no string made).
    public static func integer(_ value: Int, into out: inout [UInt8]) {
        var magnitude = value.magnitude
        if value < 0 { out.append(0x2D) }
        // At most 20 digits, written from the last into a small buffer, then copied in order.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var n = 20
            repeat {
                n -= 1
                digits[n] = 0x30 + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            out.append(contentsOf: UnsafeBufferPointer(rebasing: digits[n...]))
        }
    }

    /// Appends text written in the source (keys, punctuation), copied whole.
    @inline(__always)
    public static func literal(_ text: StaticString, into out: inout [UInt8]) {
        text.withUTF8Buffer { out.append(contentsOf: $0) }
    }

    static let hex: [UInt8] = Array("0123456789abcdef".utf8)
}
