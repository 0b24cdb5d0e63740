import Foundation

/// The plain text of an RTF document, as LexisNexis (and word processors) write it.
///
/// - Groups `{…}` keep their own state; control words are `\word` with an optional numeric parameter and
///   one space as delimiter; control symbols `\{`, `\}`, `\\`, `\~` (a space), `\-` (nothing), `\_` (a hyphen).
/// - `\par`, `\sect`, `\page` and `\row` end a paragraph (the text gets a blank line, so each RTF paragraph
///   is a paragraph of the text); `\line` is a line break within one; `\tab` a tab, `\cell` a space;
///   `\emdash`, `\endash`, `\lquote`, `\rquote`, `\ldblquote`, `\rdblquote`, `\bullet` their characters.
/// - `\'hh` is a byte in the code page `\ansicpg` declares (1252 by default; 1250–1254, 10000 Mac Roman,
///   28591 and 65001 are read, another is an error once such a byte appears); `\uN` a UTF-16 unit (negative
///   N as RTF writes units above 32767; surrogate pairs joined), after which `\ucN` (default 1)
///   fallback characters are skipped; `\bin N` skips N bytes.
/// - Skipped: the destinations that hold no text of the document (`\fonttbl`, `\colortbl`, `\stylesheet`,
///   `\info`, `\pict`, headers and footers, list tables, `\fldinst`, …) and every `{\*\…}` destination.
/// - A file that ends inside groups (a truncated download) gives the text up to its end.
struct RTFText {
    /// The text; paragraphs separated by blank lines.
    let text: String
    /// For each line of `text`, the 1-based line of the RTF file it began on.
    let lineStarts: [Int]

    /// Whether the bytes are an RTF document (`{\rtf`, after an optional byte-order mark and white space).
    static func recognises(_ data: Data) -> Bool {
        var bytes = data.prefix(64)[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        return bytes.drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }.starts(with: Array("{\\rtf".utf8))
    }

    /// The line of the RTF file on which line `textLine` (1-based) of the text began.
    func fileLine(_ textLine: Int) -> Int? { textLine >= 1 && textLine <= lineStarts.count ? lineStarts[textLine - 1] : nil }

    /// Destinations whose text is not the document's.
    static let skippedDestinations: Set<String> = [
        "fonttbl", "colortbl", "stylesheet", "info", "pict", "header", "headerl", "headerr", "headerf", "footer", "footerl",
        "footerr", "footerf", "listtable", "listoverridetable", "rsidtbl", "generator", "xmlnstbl", "themedata",
        "colorschememapping", "latentstyles", "datastore", "object", "fldinst", "filetbl", "revtbl", "pntext", "pntxta",
        "pntxtb", "listtext", "footnote", "annotation", "atnid", "atnauthor", "bkmkstart", "bkmkend", "userprops", "docvar",
    ]

    /// Control words that stand for text.
    static let textWords: [String: String] = [
        "par": "\n\n", "sect": "\n\n", "page": "\n\n", "row": "\n\n", "line": "\n", "tab": "\t", "cell": " ",
        "emdash": "\u{2014}", "endash": "\u{2013}", "lquote": "\u{2018}", "rquote": "\u{2019}", "ldblquote": "\u{201C}",
        "rdblquote": "\u{201D}", "bullet": "\u{2022}", "emspace": " ", "enspace": " ", "qmspace": " ",
    ]

    init(_ data: Data, source: String) throws {
        let b = [UInt8](data)
        guard Self.recognises(data) else { throw ParseError(source: source, reason: "not an RTF document (it does not begin with {\\rtf)") }
        struct Group { var skip = false; var uc = 1 }
        var scalars = String.UnicodeScalarView()
        var lineStarts = [1]
        var line = 1
        var pending: [UInt8] = []  // bytes in the code page, decoded together (a code page may use several per character)
        var pendingLine = 1
        var highSurrogate: UInt32?
        var group = Group()
        var stack: [Group] = []
        var fallback = 0  // characters still to skip after \uN
        var codePage = 1252

        var lineOpen = false  // whether the current text line has its first character yet
        func emit(_ u: Unicode.Scalar) {
            scalars.append(u)
            if u == "\n" {
                lineStarts.append(line)
                lineOpen = false
            } else if !lineOpen {
                // A text line begins where its first character is (the break before it may be on an earlier line).
                lineStarts[lineStarts.count - 1] = line
                lineOpen = true
            }
        }
        func flush() throws {
            guard !pending.isEmpty else { return }
            let text = try Self.decode(pending, codePage: codePage, source: source, line: pendingLine)
            pending.removeAll(keepingCapacity: true)
            for u in text.unicodeScalars { emit(u) }
        }
        func output(_ s: String) throws {
            guard !group.skip else { return }
            try flush()
            for u in s.unicodeScalars { emit(u) }
        }
        /// One character of text, or one fallback character skipped.
        func character(_ s: String) throws {
            if fallback > 0 { fallback -= 1; return }
            try output(s)
        }

        var i = 0
        while i < b.count {
            let c = b[i]
            switch c {
            case 0x7B:  // {
                try flush()
                stack.append(group)
                fallback = 0
                i += 1
                if i + 1 < b.count, b[i] == 0x5C, b[i + 1] == 0x2A { group.skip = true }  // {\* : an ignorable destination
            case 0x7D:  // }
                try flush()
                guard let outer = stack.popLast() else {
                    throw ParseError(source: source, line: line, reason: "a '}' closes no group: not a well-formed RTF document")
                }
                group = outer
                fallback = 0
                i += 1
            case 0x5C:  // \
                i += 1
                guard i < b.count else { break }
                let d = b[i]
                if Self.isLetter(d) {
                    let start = i
                    while i < b.count, Self.isLetter(b[i]), i - start < 32 { i += 1 }
                    let word = String(decoding: b[start..<i], as: UTF8.self)
                    var parameter: Int?
                    let negative = i < b.count && b[i] == 0x2D
                    if negative { i += 1 }
                    let digits = i
                    while i < b.count, Self.isDigit(b[i]), i - digits < 10 { i += 1 }
                    if i > digits { parameter = Int(String(decoding: b[digits..<i], as: UTF8.self)).map { negative ? -$0 : $0 } }
                    if i < b.count, b[i] == 0x20 { i += 1 }
                    if word == "u", let n = parameter {
                        // RTF writes a UTF-16 unit as a signed 16-bit number (some writers a whole code point); a number
                        // outside both names no character.
                        let unit = (-32_768...0x10FFFF).contains(n) ? UInt32(n < 0 ? n + 65_536 : n) : 0xFFFD
                        if !group.skip {
                            try flush()
                            if (0xD800...0xDBFF).contains(unit) {
                                highSurrogate = unit
                            } else if (0xDC00...0xDFFF).contains(unit), let high = highSurrogate {
                                if let u = Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00)) { emit(u) }
                                highSurrogate = nil
                            } else if let u = Unicode.Scalar(unit) {
                                emit(u)
                            }
                        }
                        fallback = group.uc
                        continue
                    }
                    fallback = 0
                    switch word {
                    case "uc": group.uc = max(0, parameter ?? 1)
                    case "ansicpg": if let n = parameter { try flush(); codePage = n }
                    case "ansi": codePage = 1252
                    case "mac": codePage = 10000
                    case "pc": codePage = 437
                    case "pca": codePage = 850
                    case "bin": i += max(0, parameter ?? 0)
                    default:
                        if Self.skippedDestinations.contains(word) {
                            try flush()
                            group.skip = true
                        } else if let t = Self.textWords[word] {
                            try output(t)
                        }
                    }
                } else if d == 0x27 {  // \'hh
                    let hex = i + 2 < b.count ? String(decoding: b[(i + 1)...(i + 2)], as: UTF8.self) : ""
                    guard let byte = UInt8(hex, radix: 16) else {
                        throw ParseError(source: source, line: line, reason: "\\'\(hex) is not a hexadecimal byte")
                    }
                    i += 3
                    if fallback > 0 {
                        fallback -= 1
                    } else if !group.skip {
                        if pending.isEmpty { pendingLine = line }
                        pending.append(byte)
                    }
                } else {
                    i += 1
                    switch d {
                    case 0x5C, 0x7B, 0x7D: try character(String(UnicodeScalar(d)))  // \\ \{ \}
                    case 0x7E: try character(" ")  // \~ a non-breaking space
                    case 0x5F: try character("-")  // \_ a non-breaking hyphen
                    case 0x2A: group.skip = true  // \* an ignorable destination
                    case 0x0A:  // \ and a line break: \par
                        try output("\n\n")
                        line += 1
                    case 0x0D: try output("\n\n")
                    default: break  // \- and the rest: nothing
                    }
                }
            case 0x0A:
                line += 1
                i += 1
            case 0x0D:
                i += 1
            default:
                i += 1
                if fallback > 0 {
                    fallback -= 1
                } else if !group.skip {
                    if c >= 0x80 {
                        if pending.isEmpty { pendingLine = line }
                        pending.append(c)
                    } else {
                        try flush()
                        emit(Unicode.Scalar(c))
                    }
                }
            }
        }
        try flush()
        self.text = String(scalars)
        self.lineStarts = lineStarts
    }

    static func isLetter(_ b: UInt8) -> Bool { (0x61...0x7A).contains(b) || (0x41...0x5A).contains(b) }
    static func isDigit(_ b: UInt8) -> Bool { (0x30...0x39).contains(b) }

    /// Windows-1252's characters for 0x80–0x9F (the rest is Latin-1); its five unassigned bytes map to C1 controls.
    static let windows1252: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]

    /// Bytes in a code page, as text.
    static func decode(_ bytes: [UInt8], codePage: Int, source: String, line: Int) throws -> String {
        switch codePage {
        case 1252:
            var s = String.UnicodeScalarView()
            for b in bytes { s.append(Unicode.Scalar((0x80...0x9F).contains(b) ? windows1252[Int(b) - 0x80] : UInt32(b))!) }
            return String(s)
        case 65001:
            return String(decoding: bytes, as: UTF8.self)
        default:
            let encodings: [Int: String.Encoding] = [
                1250: .windowsCP1250, 1251: .windowsCP1251, 1253: .windowsCP1253, 1254: .windowsCP1254,
                10000: .macOSRoman, 28591: .isoLatin1, 20127: .ascii,
            ]
            guard let encoding = encodings[codePage], let s = String(data: Data(bytes), encoding: encoding) else {
                throw ParseError(
                    source: source, line: line, reason: "code page \(codePage) (\\ansicpg) is not one Glare reads (1250–1254, 10000, 28591, 65001)")
            }
            return s
        }
    }
}
