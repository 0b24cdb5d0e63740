import Foundation
import GlareCore
import Testing

@testable import GlareParsers

@Suite struct XMLTreeTests {
    @Test func parsesElementsAttributesAndCDATA() throws {
        let xml =
            #"<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel><title>Caf"# + "\u{E9}"
            + #"</title><item><description><![CDATA[<p>Liu Xia</p>]]></description></item></channel></rss>"#
        let latin1 = xml.data(using: .isoLatin1)!
        let root = try XMLTree.parse(latin1, source: "feed.xml")
        #expect(root.name == "rss")
        #expect(root.attributes["version"] == "2.0")
        let channel = try #require(root.elements(named: "channel").first)
        #expect(channel.elements(named: "title").first?.text == "Café")
        #expect(channel.elements(named: "item").first?.elements(named: "description").first?.text == "<p>Liu Xia</p>")
    }

    @Test func refusesExternalEntities() throws {
        let secret = FileManager.default.temporaryDirectory.appendingPathComponent("glare-xxe-\(UUID().uuidString).txt")
        try Data("TOP-SECRET".utf8).write(to: secret)
        defer { try? FileManager.default.removeItem(at: secret) }
        let xml = #"<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file://\#(secret.path)">]><r>&x;</r>"#
        #expect(
            throws: ParseError(
                source: "xxe.xml", reason: "refused: the document declares entities in its DTD (unsafe XML: external entities or entity expansion)")
        ) {
            try XMLTree.parse(Data(xml.utf8), source: "xxe.xml")
        }
    }

    /// The entity check before libxml2 sees a document, against Foundation's search it replaced: documents
    /// pieced together from the markers it looks for, with the 64 KB head it reads cutting some of them.
    @Test func entityCheckAsFoundationsSearchFindsIt() {
        func reference(_ data: Data) -> Bool {
            let head = data.prefix(1 << 16)
            guard let doctype = head.range(of: Data("<!DOCTYPE".utf8)) else { return false }
            let rest = head[doctype.upperBound...]
            let end = rest.range(of: Data("]>".utf8))?.lowerBound ?? rest.endIndex
            return rest[rest.startIndex..<end].range(of: Data("<!ENTITY".utf8)) != nil
        }
        let pieces = ["<!DOCTYPE", "<!DOCTYPE r [", "]>", "]", ">", "<!ENTITY", "<!ENTIT", "<!", "x", " ", "<r/>"]
        var rng = SplitMix64(seed: 11)
        var declaring = 0
        for n in 0..<4_000 {
            var text = n % 50 == 0 ? String(repeating: "y", count: (1 << 16) - 12 + Int(rng.next(below: 12))) : ""
            for _ in 0..<rng.next(below: 9) { text += pieces[Int(rng.next(below: UInt64(pieces.count)))] }
            let data = Data(text.utf8)
            #expect(XMLTree.declaresEntities(data) == reference(data), "\(text.suffix(80))")
            #expect(XMLTree.declaresEntities(data.dropFirst(1)) == reference(data.dropFirst(1)))
            if reference(data) { declaring += 1 }
        }
        #expect(declaring > 100)
    }

    @Test func refusesEntityExpansion() {
        var xml = #"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">"#
        for i in 1...9 { xml += "<!ENTITY lol\(i) \"" + String(repeating: "&lol\(i == 1 ? "" : String(i - 1));", count: 10) + "\">" }
        xml += "]><lolz>&lol9;</lolz>"
        #expect(throws: ParseError.self) { try XMLTree.parse(Data(xml.utf8), source: "lol.xml") }
    }

    @Test func malformedXMLNamesTheLine() {
        do {
            _ = try XMLTree.parse(Data("<a>\n<b></a>".utf8), source: "bad.xml")
            Issue.record("parsed malformed XML")
        } catch let e as ParseError {
            #expect(e.line == 2)
            #expect(e.description.hasPrefix("bad.xml:2: not well-formed XML:"))
        } catch {
            Issue.record("\(error)")
        }
    }
}
