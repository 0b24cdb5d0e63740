import Foundation
import Testing

@testable import GlareParsers

/// The rewrite of HTML's named references finds the same references as a plain byte-by-byte reading.
@Suite struct HTMLEntityReferencesTests {
    @Test func rewritesHTMLNamesOutsideSectionsOnly() throws {
        let feed = "<t>caf&eacute; &amp; &nbsp;<![CDATA[&eacute;]]><!-- &mdash; -->&mdash;&bogus;&#233;</t>"
        let out = try #require(HTMLEntityReferences.numeric(Data(feed.utf8)))
        #expect(String(decoding: out, as: UTF8.self) == "<t>caf&#233; &amp; &#160;<![CDATA[&eacute;]]><!-- &mdash; -->&#8212;&bogus;&#233;</t>")
        #expect(HTMLEntityReferences.numeric(Data("<t>no references</t>".utf8)) == nil)
        #expect(HTMLEntityReferences.numeric(Data("<t>&amp; &lt; &#160;</t>".utf8)) == nil)
        #expect(HTMLEntityReferences.numeric(Data([0xFF, 0xFE] + Array("&eacute;".utf8))) == nil)
    }

    /// 6,000 documents pieced from references, sections (closed, unclosed, nested in each other), bare `&`
    /// and `<`, long names: the same output as the reference reading, which tries each byte in turn.
    @Test func sameAsReadingByteByByte() {
        let pieces = [
            "&nbsp;", "&amp;", "&eacute;", "&Eacute;", "&bogus;", "&", ";", "&#160;", "&#x41;", "<![CDATA[", "]]>", "<!--", "-->", "<", "<!",
            "<!DOCTYPE x>", "<a>", "</a>", "text ", "é", "&mdash", "&a1;", "&1a;", "&" + String(repeating: "a", count: 32) + ";",
            "&" + String(repeating: "b", count: 33) + ";", "&hellip;", "&lt;", " ", "\n",
        ]
        var generator = SystemRandomNumberGenerator()
        for n in 0..<6_000 {
            var text = ""
            for _ in 0..<Int.random(in: 0...24, using: &generator) { text += pieces.randomElement(using: &generator)! }
            let data = Data(text.utf8)
            #expect(HTMLEntityReferences.numeric(data) == Self.reference(data), "case \(n): \(text)")
        }
    }

    /// The byte-by-byte reading the rewrite replaced (a `<` at a time tried as a section's start).
    static func reference(_ data: Data) -> Data? {
        let bytes = [UInt8](data)
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) { return nil }
        guard bytes.contains(0x26) else { return nil }
        func starts(_ p: [UInt8], at i: Int) -> Bool { i + p.count <= bytes.count && Array(bytes[i..<(i + p.count)]) == p }
        func sectionEnd(_ i: Int) -> Int? {
            for (open, close) in [("<![CDATA[", "]]>"), ("<!--", "-->")] where starts(Array(open.utf8), at: i) {
                var k = i + open.utf8.count
                while k + close.utf8.count <= bytes.count {
                    if starts(Array(close.utf8), at: k) { return k + close.utf8.count }
                    k += 1
                }
                return bytes.count
            }
            return nil
        }
        let letter = { (b: UInt8) in (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b) }
        var out: [UInt8] = []
        var copied = 0
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0x3C {
                i = sectionEnd(i) ?? i + 1
                continue
            }
            guard bytes[i] == 0x26 else {
                i += 1
                continue
            }
            var j = i + 1
            while j < bytes.count, j - i <= 33, letter(bytes[j]) || (0x30...0x39).contains(bytes[j]) { j += 1 }
            guard j < bytes.count, bytes[j] == 0x3B, j > i + 1, letter(bytes[i + 1]) else {
                i += 1
                continue
            }
            let name = String(decoding: bytes[(i + 1)..<j], as: UTF8.self)
            let value: UInt32? = ["amp", "lt", "gt", "quot", "apos"].contains(name) ? nil : Self.htmlCodePoints[name]
            if let value {
                out += bytes[copied..<i] + Array("&#\(value);".utf8)
                copied = j + 1
            }
            i = j + 1
        }
        guard copied > 0 else { return nil }
        return Data(out + bytes[copied...])
    }

    /// The HTML names the pieces use, with their code points (HTML 4).
    static let htmlCodePoints: [String: UInt32] = ["nbsp": 160, "eacute": 233, "Eacute": 201, "mdash": 8212, "hellip": 8230]
}
