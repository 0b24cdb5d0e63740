import Foundation
import GlareTestSupport
import Testing

@testable import GlareCore

/// The hand-written evidence JSON against the `JSONEncoder` output it replaces (stored evidence must not
/// change with the writer): random strings over every control character, quotes, backslashes, slashes
/// and characters outside ASCII.
@Suite struct JSONTextTests {
    @Test func mentionEvidenceIsWhatJSONEncoderWrites() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var rng = SplitMix64(seed: 19)
        for _ in 0..<3_000 {
            let mentions = (0..<rng.next(below: 4)).map { _ in
                Mention(
                    alias: JSONTrickyStrings.next(&rng), matched: JSONTrickyStrings.next(&rng), field: rng.next(below: 2) == 0 ? "title" : "text",
                    start: Int(rng.next(below: 100_000)) - 10, end: Int(rng.next(below: 1 << 40)),
                    rule: rng.next(below: 2) == 0 ? .alias : .context, context: rng.next(below: 2) == 0 ? nil : JSONTrickyStrings.next(&rng))
            }
            #expect(Mention.json(mentions) == String(decoding: try encoder.encode(mentions), as: UTF8.self))
        }
    }

    @Test func everyEscapeAsJSONEncoderWritesIt() throws {
        let all = String(String.UnicodeScalarView(JSONTrickyStrings.alphabet))
        var bytes: [UInt8] = []
        JSONText.string(all, into: &bytes)
        let text = String(decoding: bytes, as: UTF8.self)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        #expect(text == String(decoding: try encoder.encode([all]), as: UTF8.self).dropFirst().dropLast())
        #expect(text.contains("\\u001f") && text.contains("\\\"") && text.contains("\\\\") && text.contains("/"))
    }

    @Test func integersAreTheirDecimalDigits() {
        var rng = SplitMix64(seed: 3)
        var values = [0, 1, -1, 9, 10, -10, 99, 100, Int.max, Int.min, Int.max - 1, Int.min + 1]
        for _ in 0..<2_000 { values.append(Int(bitPattern: UInt(rng.next())) >> Int(rng.next(below: 64))) }
        for v in values {
            var out: [UInt8] = [0x78]
            JSONText.integer(v, into: &out)
            #expect(String(decoding: out, as: UTF8.self) == "x" + String(v))
        }
    }
}
