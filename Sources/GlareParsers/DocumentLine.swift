/// One line of `glare match`'s input: a JSON object with `"id"` (a string or an integer), and `"text"`
/// and `"title"` (strings, `null` or absent); other members are skipped. Read straight from the line's
/// bytes in one pass: strings without escapes are copied as they stand, escapes (`\n`, `\"`, `\u00e9`,
/// surrogate pairs; a lone surrogate is refused) decoded, and nothing else is built, so reading costs little beside matching.
///
/// The whole line must be UTF-8 (checked as its strings are read, not in a pass of its own) and one
/// complete JSON object (nesting up to `maximumDepth`); anything else is a `Problem`, never a partial
/// document.
public struct DocumentLine: Sendable, Equatable {
    /// The document's id; an integer id is given in its decimal form.
    public var id: String
    /// The text's UTF-8 bytes, nil when absent or `null`.
    public var text: [UInt8]?
    /// The title's UTF-8 bytes, nil when absent or `null`.
    public var title: [UInt8]?

    /// The deepest nesting of arrays and objects accepted in skipped members.
    public static let maximumDepth = 256

    /// Why a line is not a document.
    public enum Problem: Error, Equatable, Sendable {
        /// The line is not UTF-8.
        case notUTF8
        /// The line is not one JSON value.
        case invalidJSON
        /// The line is JSON but not an object.
        case notAnObject
        /// The object has no member of this name.
        case missing(String)
        /// The member of this name has the wrong type.
        case wrongType(String)

        /// The problem in words, as `glare match` reports it.
        public var reason: String {
            switch self {
            case .notUTF8: "not UTF-8 text"
            case .invalidJSON: "invalid JSON"
            case .notAnObject: "not a JSON object"
            case .missing(let key): "no \"\(key)\""
            case .wrongType(let key): "wrong type at \(key)"
            }
        }
    }

    /// Reads one line (without its line break).
    public static func read(_ line: UnsafeBufferPointer<UInt8>) throws(Problem) -> DocumentLine {
        var reader = Reader(bytes: line)
        do {
            // UTF-8 is checked as strings are read: outside them JSON allows only ASCII, so a line read
            // whole is UTF-8. A line refused for any reason is refused as not UTF-8 when it is not.
            return try reader.document()
        } catch {
            throw UTF8Bytes.isValid(line) ? error : .notUTF8
        }
    }

    // MARK: - Reading

    struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var i = 0

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        /// Bytes a string's fast path stops at: the quote, the backslash, control characters and bytes
        /// outside ASCII (whose sequence is checked to be UTF-8).
        static let stops: [Bool] = (0..<256).map { $0 == 0x22 || $0 == 0x5C || $0 < 0x20 || $0 >= 0x80 }

        mutating func document() throws(Problem) -> DocumentLine {
            skipSpace()
            guard i < bytes.count else { throw .invalidJSON }
            guard bytes[i] == 0x7B else {
                try skipValue(depth: 0)
                try end()
                throw .notAnObject
            }
            i += 1
            var id: String?
            var text: [UInt8]?
            var title: [UInt8]?
            var key: [UInt8] = []
            skipSpace()
            if peek() == 0x7D {
                i += 1
            } else {
                while true {
                    skipSpace()
                    guard peek() == 0x22 else { throw .invalidJSON }
                    key.removeAll(keepingCapacity: true)
                    try string(into: &key)
                    skipSpace()
                    guard peek() == 0x3A else { throw .invalidJSON }
                    i += 1
                    skipSpace()
                    switch key {
                    case [0x69, 0x64]:  // id
                        id = try identifier()
                    case [0x74, 0x65, 0x78, 0x74]:  // text
                        text = try optionalString(named: "text")
                    case [0x74, 0x69, 0x74, 0x6C, 0x65]:  // title
                        title = try optionalString(named: "title")
                    default:
                        try skipValue(depth: 1)
                    }
                    skipSpace()
                    guard let c = peek() else { throw .invalidJSON }
                    i += 1
                    if c == 0x7D { break }
                    guard c == 0x2C else { throw .invalidJSON }
                }
            }
            try end()
            guard let id else { throw .missing("id") }
            return DocumentLine(id: id, text: text, title: title)
        }

        func peek() -> UInt8? { i < bytes.count ? bytes[i] : nil }

        mutating func skipSpace() {
            while i < bytes.count {
                let c = bytes[i]
                guard c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D else { return }
                i += 1
            }
        }

        mutating func end() throws(Problem) {
            skipSpace()
            guard i == bytes.count else { throw .invalidJSON }
        }

        /// The id: a string, or an integer given in decimal.
        mutating func identifier() throws(Problem) -> String {
            guard let c = peek() else { throw .invalidJSON }
            if c == 0x22 {
                var out: [UInt8] = []
                try string(into: &out)
                return String(decoding: out, as: UTF8.self)
            }
            let start = i
            try skipValue(depth: 1)
            let literal = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
            guard let value = Int(literal) else { throw .wrongType("id") }
            return String(value)
        }

        mutating func optionalString(named name: String) throws(Problem) -> [UInt8]? {
            guard let c = peek() else { throw .invalidJSON }
            if c == 0x22 {
                var out: [UInt8] = []
                try string(into: &out)
                return out
            }
            try skipValue(depth: 1)
            if c == 0x6E { return nil }  // null
            throw .wrongType(name)
        }

        /// A string at `i` (its opening quote), checked to be UTF-8, decoded and appended to `out`.
        mutating func string(into out: inout [UInt8]) throws(Problem) {
            i += 1
            let n = bytes.count
            let raw = UnsafeRawPointer(bytes.baseAddress!)
            var start = i
            try Self.stops.withUnsafeBufferPointer { stops throws(Problem) in
                while true {
                    // Eight bytes at a time while none is a quote, a backslash, below 0x20 or outside ASCII
                    // (`x - 0x01…` borrows into a byte's top bit only where that byte is zero, or below the
                    // subtrahend; a byte outside ASCII has its own top bit).
                    while i + 8 <= n {
                        let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                        let quote = w ^ 0x2222_2222_2222_2222, backslash = w ^ 0x5C5C_5C5C_5C5C_5C5C
                        let hit =
                            ((quote &- 0x0101_0101_0101_0101) & ~quote) | ((backslash &- 0x0101_0101_0101_0101) & ~backslash)
                            | ((w &- 0x2020_2020_2020_2020) & ~w) | w
                        if hit & 0x8080_8080_8080_8080 != 0 { break }
                        i += 8
                    }
                    while i < n && !stops[Int(bytes[i])] { i += 1 }
                    guard i < n else { throw .invalidJSON }
                    switch bytes[i] {
                    case 0x80...:
                        // The characters outside ASCII from here, each checked; plain bytes after them go
                        // back to the fast path.
                        guard let end = UTF8Bytes.sequencesEnd(bytes, from: i) else { throw .notUTF8 }
                        i = end
                    case 0x22:
                        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i]))
                        i += 1
                        return
                    case 0x5C:
                        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i]))
                        try escape(into: &out)
                        start = i
                    default:
                        throw .invalidJSON  // a raw control character
                    }
                }
            }
        }

        /// The escape at `i` (its backslash), decoded and appended to `out`.
        mutating func escape(into out: inout [UInt8]) throws(Problem) {
            guard i + 1 < bytes.count else { throw .invalidJSON }
            let c = bytes[i + 1]
            i += 2
            switch c {
            case 0x22, 0x5C, 0x2F: out.append(c)
            case 0x62: out.append(0x08)
            case 0x66: out.append(0x0C)
            case 0x6E: out.append(0x0A)
            case 0x72: out.append(0x0D)
            case 0x74: out.append(0x09)
            case 0x75:
                var value = try hex4()
                if (0xD800...0xDBFF).contains(value) {
                    // A high surrogate must have its low one after it; a lone surrogate is refused (as
                    // Foundation's readers do): it is half a character, usually text cut in two.
                    guard i + 1 < bytes.count, bytes[i] == 0x5C, bytes[i + 1] == 0x75 else { throw .invalidJSON }
                    i += 2
                    let low = try hex4()
                    guard (0xDC00...0xDFFF).contains(low) else { throw .invalidJSON }
                    value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
                } else if (0xDC00...0xDFFF).contains(value) {
                    throw .invalidJSON
                }
                out.append(contentsOf: String(Character(Unicode.Scalar(value) ?? "\u{FFFD}")).utf8)
            default:
                throw .invalidJSON
            }
        }

        mutating func hex4() throws(Problem) -> UInt32 {
            guard i + 4 <= bytes.count else { throw .invalidJSON }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let c = bytes[i]
                let digit: UInt32
                switch c {
                case 0x30...0x39: digit = UInt32(c - 0x30)
                case 0x41...0x46: digit = UInt32(c - 0x41 + 10)
                case 0x61...0x66: digit = UInt32(c - 0x61 + 10)
                default: throw .invalidJSON
                }
                value = value << 4 | digit
                i += 1
            }
            return value
        }

        /// Skips one JSON value, checking its grammar.
        mutating func skipValue(depth: Int) throws(Problem) {
            guard depth <= DocumentLine.maximumDepth, let c = peek() else { throw .invalidJSON }
            switch c {
            case 0x22:
                var sink: [UInt8] = []
                try string(into: &sink)
            case 0x7B, 0x5B:
                let close: UInt8 = c == 0x7B ? 0x7D : 0x5D
                i += 1
                skipSpace()
                if peek() == close {
                    i += 1
                    return
                }
                while true {
                    skipSpace()
                    if c == 0x7B {
                        guard peek() == 0x22 else { throw .invalidJSON }
                        try skipValue(depth: depth + 1)
                        skipSpace()
                        guard peek() == 0x3A else { throw .invalidJSON }
                        i += 1
                        skipSpace()
                    }
                    try skipValue(depth: depth + 1)
                    skipSpace()
                    guard let next = peek() else { throw .invalidJSON }
                    i += 1
                    if next == close { return }
                    guard next == 0x2C else { throw .invalidJSON }
                }
            case 0x74: try literal([0x74, 0x72, 0x75, 0x65])
            case 0x66: try literal([0x66, 0x61, 0x6C, 0x73, 0x65])
            case 0x6E: try literal([0x6E, 0x75, 0x6C, 0x6C])
            default: try number()
            }
        }

        mutating func literal(_ word: [UInt8]) throws(Problem) {
            guard i + word.count <= bytes.count, bytes[i..<(i + word.count)].elementsEqual(word) else { throw .invalidJSON }
            i += word.count
        }

        /// A number by JSON's grammar: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
        mutating func number() throws(Problem) {
            func digits() -> Int {
                let start = i
                while i < bytes.count && bytes[i] &- 0x30 < 10 { i += 1 }
                return i - start
            }
            if peek() == 0x2D { i += 1 }
            guard let first = peek(), first &- 0x30 < 10 else { throw .invalidJSON }
            if first == 0x30 { i += 1 } else { _ = digits() }
            if peek() == 0x2E {
                i += 1
                guard digits() > 0 else { throw .invalidJSON }
            }
            if peek() == 0x65 || peek() == 0x45 {
                i += 1
                if peek() == 0x2B || peek() == 0x2D { i += 1 }
                guard digits() > 0 else { throw .invalidJSON }
            }
        }
    }
}
