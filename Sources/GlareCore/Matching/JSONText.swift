/// JSON written by hand where Foundation's `JSONEncoder` costs more than the work it does (the evidence of
/// every mention a fetch or import finds): the same text `JSONEncoder` writes with `.sortedKeys` and
/// `.withoutEscapingSlashes`, so stored evidence does not change with the writer. Strings escape `"` and
/// `\`, `\b \t \n \f \r`, other control characters as `\u00xx`; `/` and everything else stay as they are.
public struct JSONText {
    /// The UTF-8 bytes written so far.
    public private(set) var bytes: [UInt8] = []

    public init() {}

    /// The text written.
    public var string: String { String(decoding: bytes, as: UTF8.self) }

    /// Appends a structural character or literal (`{`, `,`, `"key":` …), which must be valid JSON as it is.
    public mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Appends an integer.
    public mutating func integer(_ value: Int) {
        bytes.append(contentsOf: String(value).utf8)
    }

    /// Appends a string literal, escaped as `JSONEncoder` escapes it.
    public mutating func string(_ value: String) {
        bytes.append(0x22)
        var value = value
        value.withUTF8 { utf8 in
            var run = 0  // start of the bytes not yet copied
            for (i, b) in utf8.enumerated() where b < 0x20 || b == 0x22 || b == 0x5C {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run..<i]))
                run = i + 1
                switch b {
                case 0x22: bytes.append(contentsOf: [0x5C, 0x22])
                case 0x5C: bytes.append(contentsOf: [0x5C, 0x5C])
                case 0x08: bytes.append(contentsOf: [0x5C, 0x62])
                case 0x09: bytes.append(contentsOf: [0x5C, 0x74])
                case 0x0A: bytes.append(contentsOf: [0x5C, 0x6E])
                case 0x0C: bytes.append(contentsOf: [0x5C, 0x66])
                case 0x0D: bytes.append(contentsOf: [0x5C, 0x72])
                default:
                    let hex: [UInt8] = Array("0123456789abcdef".utf8)
                    bytes.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0xF)]])
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run...]))
        }
        bytes.append(0x22)
    }
}
