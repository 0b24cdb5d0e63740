import Foundation
import GlareCore
import Testing

@testable import GlareParsers

/// `DocumentLine` against Foundation's `JSONSerialization` (an independent JSON reader) on generated
/// lines: escapes, surrogate pairs, skipped nested members, integer ids; and on damaged copies of them.
struct DocumentLineTests {
    func read(_ line: String) throws(DocumentLine.Problem) -> DocumentLine {
        try read(Array(line.utf8))
    }

    func read(_ bytes: [UInt8]) throws(DocumentLine.Problem) -> DocumentLine {
        try bytes.withUnsafeBufferPointer { (b) throws(DocumentLine.Problem) in try DocumentLine.read(b) }
    }

    @Test func readsTheFieldsItNeedsAndSkipsTheRest() throws {
        let line = try read(#" {"meta":{"a":[1,-2.5e3,true,false,null,{"b":"\""}]},"title":"T\u00e9\ud83d\ude00","id":42,"text":"a\nb\\c\/d"} "#)
        #expect(line.id == "42")
        #expect(line.title.map { String(decoding: $0, as: UTF8.self) } == "Té😀")
        #expect(line.text.map { String(decoding: $0, as: UTF8.self) } == "a\nb\\c/d")
        let bare = try read(#"{"id":"x","text":null}"#)
        #expect(bare.text == nil && bare.title == nil)
        // A lone surrogate is half a character: refused, as Foundation's readers refuse it.
        #expect(throws: DocumentLine.Problem.invalidJSON) { try read(#"{"id":"x","text":"\udc00z"}"#) }
        #expect(throws: DocumentLine.Problem.invalidJSON) { try read(#"{"id":"x","text":"z\ud800"}"#) }
    }

    @Test func namesWhatIsWrong() {
        #expect(throws: DocumentLine.Problem.missing("id")) { try read(#"{"text":"no id"}"#) }
        #expect(throws: DocumentLine.Problem.wrongType("id")) { try read(#"{"id":1.5,"text":""}"#) }
        #expect(throws: DocumentLine.Problem.wrongType("id")) { try read(#"{"id":null}"#) }
        #expect(throws: DocumentLine.Problem.wrongType("text")) { try read(#"{"id":"a","text":["x"]}"#) }
        #expect(throws: DocumentLine.Problem.notAnObject) { try read(#"["id"]"#) }
        #expect(throws: DocumentLine.Problem.invalidJSON) { try read(#"{"id":"a","text":"x"} x"#) }
        #expect(throws: DocumentLine.Problem.invalidJSON) { try read(#"{"id":"a","text":"tab\there"}"#.replacingOccurrences(of: "\\t", with: "\t")) }
        #expect(throws: DocumentLine.Problem.invalidJSON) { try read(#"{"id":"a","x":01}"#) }
        #expect(throws: DocumentLine.Problem.notUTF8) { try read([0x7B, 0x22, 0x69, 0x64, 0x22, 0x3A, 0xFF, 0x7D]) }
        #expect(throws: DocumentLine.Problem.notUTF8) { try read(Array(#"{"id":"\#u{E9}","#.utf8) + [0xC3]) }
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: DocumentLine.Problem.invalidJSON) { try read(#"{"id":"a","x":"# + deep + "}") }
    }

    @Test func utf8CheckAgreesWithTheStandardLibrary() {
        var g = SplitMix64(seed: 31)
        let pieces: [[UInt8]] = [
            Array("plain ascii text".utf8), [0xC3, 0xA9], [0xE4, 0xB8, 0xAD], [0xF0, 0x9F, 0x98, 0x80], [0xC0, 0x80], [0xE0, 0x80, 0x80],
            [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xF5], [0x80], [0xC3], [0xE4, 0xB8], [0xEF, 0xBF, 0xBF], [0xF4, 0x8F, 0xBF, 0xBF],
        ]
        for _ in 0..<5000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int(g.next() % 8) { bytes += pieces[Int(g.next() % UInt64(pieces.count))] }
            let expected = String(validating: bytes, as: UTF8.self) != nil
            #expect(bytes.withUnsafeBufferPointer { UTF8Bytes.isValid($0) } == expected, "\(bytes)")
        }
    }

    /// A random JSON string's source and its value.
    func randomString(_ g: inout SplitMix64) -> (json: String, value: String) {
        let pieces: [(String, String)] = [
            ("a", "a"), ("Z", "Z"), (" ", " "), ("\\\"", "\""), ("\\\\", "\\"), ("\\/", "/"), ("\\n", "\n"), ("\\t", "\t"),
            ("\\u00e9", "é"), ("é", "é"), ("\\u4e2d", "中"), ("中", "中"), ("\\ud83d\\ude00", "😀"), ("😀", "😀"), ("\\u0000", "\u{0}"),
            ("\\b", "\u{8}"), ("\\f", "\u{C}"), ("\\r", "\r"), ("Liu Xia", "Liu Xia"),
        ]
        var json = "\"", value = ""
        for _ in 0..<Int(g.next() % 12) {
            let (j, v) = pieces[Int(g.next() % UInt64(pieces.count))]
            json += j
            value += v
        }
        return (json + "\"", value)
    }

    func randomValue(_ g: inout SplitMix64, depth: Int) -> String {
        switch g.next() % (depth > 3 ? 5 : 7) {
        case 0: return randomString(&g).json
        case 1: return ["0", "-12", "3.25", "1e5", "-0.5E-3"][Int(g.next() % 5)]
        case 2: return ["true", "false", "null"][Int(g.next() % 3)]
        case 3, 4: return randomString(&g).json
        case 5: return "[" + (0..<Int(g.next() % 3)).map { _ in randomValue(&g, depth: depth + 1) }.joined(separator: ",") + "]"
        default:
            return "{" + (0..<Int(g.next() % 3)).map { _ in randomString(&g).json + ":" + randomValue(&g, depth: depth + 1) }.joined(separator: " , ") + "}"
        }
    }

    @Test func agreesWithJSONSerializationOnGeneratedAndDamagedLines() throws {
        var g = SplitMix64(seed: 19)
        var damagedAgreed = 0
        for _ in 0..<3000 {
            var members: [String] = []
            let id = g.next() % 2 == 0 ? randomString(&g).json : String(Int(g.next() % 100_000) - 50_000)
            members.append(#""id":"# + id)
            if g.next() % 4 != 0 { members.append(#""text":"# + randomString(&g).json) }
            if g.next() % 2 == 0 { members.append(#""title":"# + (g.next() % 5 == 0 ? "null" : randomString(&g).json)) }
            for _ in 0..<Int(g.next() % 3) { members.append(#""other":"# + randomValue(&g, depth: 0)) }
            for k in stride(from: members.count - 1, to: 0, by: -1) { members.swapAt(k, Int(g.next() % UInt64(k + 1))) }
            let line = "{" + members.joined(separator: ",") + "}"
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let document = try read(line)
            let expectedID = (object["id"] as? String) ?? "\(object["id"] as! NSNumber)"
            #expect(document.id == expectedID, "\(line)")
            #expect(document.text.map { String(decoding: $0, as: UTF8.self) } == object["text"] as? String, "\(line)")
            #expect(document.title.map { String(decoding: $0, as: UTF8.self) } == object["title"] as? String, "\(line)")
            // A damaged copy: cut short, or one byte replaced. Whatever Foundation cannot read, neither can Glare.
            var bytes = Array(line.utf8)
            if g.next() % 2 == 0 {
                bytes.removeLast(1 + Int(g.next() % UInt64(bytes.count)))
            } else {
                let replacements = Array(#"{}[]",:\ 0e-x"#.utf8)
                bytes[Int(g.next() % UInt64(bytes.count))] = replacements[Int(g.next() % UInt64(replacements.count))]
            }
            let foundation = (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any]
            let glare = try? read(bytes)
            if foundation == nil {
                #expect(glare == nil, "read a line Foundation refuses: \(String(decoding: bytes, as: UTF8.self))")
                damagedAgreed += 1
            }
        }
        #expect(damagedAgreed > 1000)
    }

    /// Bytes outside ASCII, well-formed or not, put anywhere in a line (in a string, a key, a skipped
    /// member, between tokens): a line that is not UTF-8 is refused as such wherever the bad byte is, and
    /// one that is reads as Foundation reads it.
    @Test func aLineNotUTF8IsRefusedAsSuchWhereverItIsDamaged() throws {
        var g = SplitMix64(seed: 47)
        let inserts: [[UInt8]] = [
            [0xFF], [0x80], [0xC3], [0xC3, 0xA9], [0xE4, 0xB8], [0xE4, 0xB8, 0xAD], [0xED, 0xA0, 0x80], [0xF0, 0x9F, 0x98, 0x80], [0xF4, 0x90, 0x80, 0x80],
            [0xC0, 0x80], [0xE0, 0x80, 0x80], [0xF5, 0x80],
        ]
        var refused = 0, readWhole = 0
        for _ in 0..<3000 {
            let line = #"{"id":"# + randomString(&g).json + #","other":["# + randomString(&g).json + #",1],"text":"# + randomString(&g).json + "}"
            var bytes = Array(line.utf8)
            let insert = inserts[Int(g.next() % UInt64(inserts.count))]
            // Into a character boundary: at an ASCII byte, or the end.
            let positions = bytes.indices.filter { bytes[$0] < 0x80 } + [bytes.count]
            bytes.insert(contentsOf: insert, at: positions[Int(g.next() % UInt64(positions.count))])
            if String(validating: bytes, as: UTF8.self) == nil {
                #expect(throws: DocumentLine.Problem.notUTF8, "\(bytes)") { try read(bytes) }
                refused += 1
            } else {
                let foundation = (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any]
                let glare = try? read(bytes)
                // Whatever Foundation cannot read, neither can Glare; what Glare reads, it reads as Foundation does
                // (a line whose "id" key was broken is JSON without an id: Foundation reads it, Glare refuses it).
                #expect(foundation != nil || glare == nil, "\(String(decoding: bytes, as: UTF8.self))")
                if let glare {
                    #expect(glare.text.map { String(decoding: $0, as: UTF8.self) } == foundation?["text"] as? String)
                    readWhole += 1
                }
            }
        }
        #expect(refused > 1000 && readWhole > 200, "\(refused) refused, \(readWhole) read")
    }
}
