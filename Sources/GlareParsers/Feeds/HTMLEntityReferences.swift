import CLibXML2
import Foundation

/// HTML's named character references (`&nbsp;`, `&eacute;`, `&mdash;`) in a feed that declares no DTD
/// for them: not well-formed XML, yet common in RSS written by HTML tools, and every feed reader accepts
/// them. Before the XML parser sees the bytes, each such reference is rewritten as the numeric
/// reference of the same character (`&#160;`), from libxml2's own table of HTML 4's 253 entities. XML's
/// five (`&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`) and numeric references are left as they are,
/// and so is everything inside CDATA sections and comments, where `&` is literal. An unknown name stays,
/// and the XML parser names it.
enum HTMLEntityReferences {
    /// `data` with HTML named references made numeric, or nil when it holds none (or is UTF-16, whose
    /// references this byte scan cannot see).
    static func numeric(_ data: Data) -> Data? {
        let bytes = [UInt8](data)
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) { return nil }
        guard bytes.contains(0x26) else { return nil }
        var out: [UInt8] = []
        var copied = 0
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b == 0x3C {  // CDATA sections and comments are skipped whole
                i = sectionEnd(bytes, at: i) ?? i + 1
                continue
            }
            guard b == 0x26 else {
                i += 1
                continue
            }
            // `&name;` with an ASCII name of at most 32 characters
            var j = i + 1
            while j < n, j - i <= 33, isNameByte(bytes[j]) { j += 1 }
            guard j < n, bytes[j] == 0x3B, j > i + 1, isLetter(bytes[i + 1]) else {
                i += 1
                continue
            }
            let name = Array(bytes[(i + 1)..<j])
            if !xmlPredefined.contains(name), let value = codePoint(of: name) {
                out.append(contentsOf: bytes[copied..<i])
                out.append(contentsOf: Array("&#\(value);".utf8))
                copied = j + 1
            }
            i = j + 1
        }
        guard copied > 0 else { return nil }
        out.append(contentsOf: bytes[copied...])
        return Data(out)
    }

    /// Where the CDATA section or comment opening at `i` ends (the whole rest when unclosed), or nil.
    private static func sectionEnd(_ bytes: [UInt8], at i: Int) -> Int? {
        for (open, close) in [("<![CDATA[", "]]>"), ("<!--", "-->")] where bytes.starts(with: open.utf8, at: i) {
            return bytes.firstRange(of: close.utf8, from: i + open.utf8.count)?.upperBound ?? bytes.count
        }
        return nil
    }

    private static let xmlPredefined: Set<[UInt8]> = Set(["amp", "lt", "gt", "quot", "apos"].map { Array($0.utf8) })

    private static func isLetter(_ b: UInt8) -> Bool { (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b) }
    private static func isNameByte(_ b: UInt8) -> Bool { isLetter(b) || (0x30...0x39).contains(b) }

    /// The code point libxml2's HTML entity table gives a name, or nil.
    private static func codePoint(of name: [UInt8]) -> UInt32? {
        (name + [0]).withUnsafeBufferPointer { htmlEntityLookup($0.baseAddress).map { $0.pointee.value } }
    }
}

extension [UInt8] {
    fileprivate func starts(with prefix: String.UTF8View, at index: Int) -> Bool {
        var i = index
        for p in prefix {
            guard i < count, self[i] == p else { return false }
            i += 1
        }
        return true
    }

    fileprivate func firstRange(of needle: String.UTF8View, from start: Int) -> Range<Int>? {
        let pattern = Array(needle)
        var i = start
        while i + pattern.count <= count {
            if self[i] == pattern[0], starts(with: needle, at: i) { return i..<(i + pattern.count) }
            i += 1
        }
        return nil
    }
}
