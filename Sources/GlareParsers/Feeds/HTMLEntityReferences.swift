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
        data.withUnsafeBytes { raw -> Data? in
            let bytes = raw.assumingMemoryBound(to: UInt8.self)
            let n = bytes.count
            guard let base = bytes.baseAddress, !(n >= 2 && (bytes[0], bytes[1]) == (0xFF, 0xFE) || n >= 2 && (bytes[0], bytes[1]) == (0xFE, 0xFF)),
                memchr(base, 0x26, n) != nil  // no `&` (most feeds): nothing to read byte by byte
            else { return nil }
            var out: [UInt8] = []
            var copied = 0
            var i = 0
            // The next `<!` at or after `i` (a CDATA section or comment may open there), found again once `i` passes it.
            var bang = ByteSearch.find(bytes, [0x3C, 0x21], from: 0) ?? n
            while i < n {
                guard let hit = memchr(base + i, 0x26, n - i) else { break }
                let amp = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if bang < amp {  // a section opening before the `&` hides what it holds
                    i = sectionEnd(bytes, at: bang) ?? bang + 1
                    bang = i < n ? ByteSearch.find(bytes, [0x3C, 0x21], from: i) ?? n : n
                    continue
                }
                // `&name;` with an ASCII name of at most 32 characters
                var j = amp + 1
                while j < n, j - amp <= 33, isNameByte(bytes[j]) { j += 1 }
                guard j < n, bytes[j] == 0x3B, j > amp + 1, isLetter(bytes[amp + 1]) else {
                    i = amp + 1
                    continue
                }
                let name = Array(bytes[(amp + 1)..<j])
                if !xmlPredefined.contains(name), let value = codePoint(of: name) {
                    out.append(contentsOf: bytes[copied..<amp])
                    out.append(contentsOf: Array("&#\(value);".utf8))
                    copied = j + 1
                }
                i = j + 1
            }
            guard copied > 0 else { return nil }
            out.append(contentsOf: bytes[copied...])
            return Data(out)
        }
    }

    /// Where the CDATA section or comment opening at `i` ends (the whole rest when unclosed), or nil.
    private static func sectionEnd(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Int? {
        for (open, close) in sections where bytes.count - i >= open.count && open.indices.allSatisfy({ bytes[i + $0] == open[$0] }) {
            return ByteSearch.find(bytes, close, from: i + open.count).map { $0 + close.count } ?? bytes.count
        }
        return nil
    }

    private static let sections: [(open: [UInt8], close: [UInt8])] = [
        (Array("<![CDATA[".utf8), Array("]]>".utf8)), (Array("<!--".utf8), Array("-->".utf8)),
    ]

    private static let xmlPredefined: Set<[UInt8]> = Set(["amp", "lt", "gt", "quot", "apos"].map { Array($0.utf8) })

    private static func isLetter(_ b: UInt8) -> Bool { (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b) }
    private static func isNameByte(_ b: UInt8) -> Bool { isLetter(b) || (0x30...0x39).contains(b) }

    /// The code point libxml2's HTML entity table gives a name, or nil.
    private static func codePoint(of name: [UInt8]) -> UInt32? {
        (name + [0]).withUnsafeBufferPointer { htmlEntityLookup($0.baseAddress).map { $0.pointee.value } }
    }
}
