import Foundation

/// Turns file bytes into text the way spreadsheets and browsers write it: UTF-8 with or without a BOM,
/// or UTF-16 with a BOM (Excel's "Unicode text").
enum TextDecoding {
    static func decode(_ data: Data, source: String) throws -> String {
        let bytes = [UInt8](data)
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            guard let s = String(data: data, encoding: .utf16) else {
                throw ParseError(source: source, reason: "the file starts with a UTF-16 byte-order mark but is not valid UTF-16")
            }
            return s
        }
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
        guard let s = String(validating: body, as: UTF8.self) else {
            let offset = firstInvalidUTF8(body)
            let line = body[..<offset].filter { $0 == 0x0A }.count + 1
            throw ParseError(source: source, line: line, reason: "not UTF-8 text (invalid byte at offset \(offset)); re-save the file as UTF-8")
        }
        return s
    }

    /// Splits text into lines on LF, CRLF or CR, and says whether the text ended with a line break.
    /// Works on the UTF-8 view: a line break is never inside a multi-byte character.
    static func lines(_ text: String) -> (lines: [Substring], endsWithNewline: Bool) {
        var lines: [Substring] = []
        let utf8 = text.utf8
        var start = utf8.startIndex
        var i = start
        while i != utf8.endIndex {
            let b = utf8[i]
            if b == 0x0A || b == 0x0D {
                lines.append(text[start..<i])
                var next = utf8.index(after: i)
                if b == 0x0D, next != utf8.endIndex, utf8[next] == 0x0A { next = utf8.index(after: next) }
                i = next
                start = i
            } else {
                i = utf8.index(after: i)
            }
        }
        let ends = start == utf8.endIndex
        if !ends { lines.append(text[start...]) }
        return (lines, ends)
    }

    /// The offset of the first byte that does not start a well-formed UTF-8 sequence (approximate: overlong
    /// forms and surrogates are caught by `String(validating:)`, not here).
    private static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int {
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            let length: Int
            if b < 0x80 {
                length = 1
            } else if b >= 0xC2 && b <= 0xDF {
                length = 2
            } else if b & 0xF0 == 0xE0 {
                length = 3
            } else if b >= 0xF0 && b <= 0xF4 {
                length = 4
            } else {
                return i
            }
            if i + length > bytes.count { return i }
            for k in 1..<max(length, 1) where bytes[i + k] & 0xC0 != 0x80 { return i }
            i += length
        }
        return 0
    }
}

/// RFC 4180 fields of one line, with a chosen delimiter.
enum DelimitedLine {
    static func split(_ line: Substring, delimiter: Character) -> [String] {
        var cells: [String] = []
        var cell = ""
        var quoted = false
        var i = line.startIndex
        while i < line.endIndex {
            let c = line[i]
            if quoted {
                if c == "\"" {
                    let next = line.index(after: i)
                    if next < line.endIndex, line[next] == "\"" {
                        cell.append("\"")
                        i = next
                    } else {
                        quoted = false
                    }
                } else {
                    cell.append(c)
                }
            } else if c == "\"" && cell.isEmpty {
                quoted = true
            } else if c == delimiter {
                cells.append(cell)
                cell = ""
            } else {
                cell.append(c)
            }
            i = line.index(after: i)
        }
        cells.append(cell)
        return cells
    }
}

extension Substring {
    /// The text without leading and trailing spaces, tabs and line breaks (ASCII only; fast, no bridging).
    var trimmedSpaces: Substring {
        let utf8 = self.utf8
        var a = utf8.startIndex, b = utf8.endIndex
        func space(_ x: UInt8) -> Bool { x == 0x20 || x == 0x09 || x == 0x0A || x == 0x0D }
        while a != b, space(utf8[a]) { a = utf8.index(after: a) }
        while b != a, space(utf8[utf8.index(before: b)]) { b = utf8.index(before: b) }
        return self[a..<b]
    }
}
