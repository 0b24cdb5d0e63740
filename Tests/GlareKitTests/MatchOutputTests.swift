import Foundation
import GlareKit
import Testing

@testable import GlareCore

/// `MatchOutputLine` writes what `JSONEncoder` (sorted keys, unescaped slashes) writes, byte for byte.
struct MatchOutputTests {
    struct Output: Encodable {
        let id: String
        let people: [DocumentMatch.Person]
    }

    @Test func writesWhatJSONEncoderWrites() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var awkward = ""
        for v in 0..<0x20 { awkward.unicodeScalars.append(Unicode.Scalar(v)!) }
        awkward += "\u{7F}\"\\/é\u{2028}\u{FEFF}😀 Liu Xia"
        let mention = { (context: String?) in
            Mention(alias: "Liu Xia", matched: awkward, field: "text", start: 3, end: 17, rule: context == nil ? .alias : .context, context: context)
        }
        let cases: [(String, [DocumentMatch.Person])] = [
            ("d1", []),
            (awkward, []),
            ("a/b", [DocumentMatch.Person(person: "liu-xia", mentions: 1, evidence: [mention(nil)])]),
            (
                "x",
                [
                    DocumentMatch.Person(person: "liu-xia", mentions: 2, evidence: [mention("wife"), mention(nil)]),
                    DocumentMatch.Person(person: awkward, mentions: 0, evidence: []),
                ]
            ),
        ]
        for (id, people) in cases {
            var expected = try encoder.encode(Output(id: id, people: people))
            expected.append(0x0A)
            var written: [UInt8] = []
            MatchOutputLine.write(id: id, people: people, into: &written)
            #expect(written == Array(expected), "\(String(decoding: written, as: UTF8.self))")
        }
    }
}
