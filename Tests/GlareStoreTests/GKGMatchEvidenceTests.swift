import Foundation
import GlareCore
import GlareTestSupport
import Testing

@testable import GlareStore

/// A GKG match's stored evidence, written by hand, against the `JSONEncoder` output it replaces (stores hold
/// evidence texts written by either, and keep each distinct text once: the two must not differ).
@Suite struct GKGMatchEvidenceTests {
    @Test func jsonIsWhatJSONEncoderWrites() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var rng = SplitMix64(seed: 7)
        for _ in 0..<3_000 {
            let e = GKGMatchEvidence(
                alias: JSONTrickyStrings.next(&rng), matched: JSONTrickyStrings.next(&rng), field: JSONTrickyStrings.next(&rng),
                context: rng.next(below: 2) == 0 ? nil : JSONTrickyStrings.next(&rng))
            #expect(e.json == String(decoding: try encoder.encode(e), as: UTF8.self))
            #expect(GKGMatchEvidence(json: e.json) == e)
        }
    }
}
