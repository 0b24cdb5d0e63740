import Foundation
import GlareTestSupport
import Testing

@testable import GlareCore

/// The GKG paths' string numbering against a dictionary doing the same: random strings (empty, ASCII of
/// every length around the 8-byte steps, JSON-tricky characters, non-ASCII) repeated, across growth and a reset.
@Suite struct StringNumberingTests {
    @Test func numbersAsADictionaryWould() {
        var rng = SplitMix64(seed: 23)
        var table = StringNumbering()
        for round in 0..<3 {
            var reference: [String: Int] = [:]
            var order: [String] = []
            var pool: [String] = []
            for _ in 0..<20_000 {
                let s: String
                switch rng.next(below: 4) {
                case 0 where !pool.isEmpty: s = pool[Int(rng.next(below: UInt64(pool.count)))]  // seen before
                case 1: s = String(repeating: "a", count: Int(rng.next(below: 20)))  // lengths around the 8-byte steps
                case 2: s = JSONTrickyStrings.next(&rng)
                default: s = "Name \(rng.next(below: 5_000))"
                }
                pool.append(s)
                let expected = reference[s] ?? order.count
                let isNew = reference[s] == nil
                if isNew {
                    reference[s] = expected
                    order.append(s)
                }
                let got = table.number(s)
                #expect(got.number == expected && got.isNew == isNew, "\(s.debugDescription) in round \(round)")
            }
            #expect(table.strings == order && table.count == order.count)
            table.removeAll()
            #expect(table.count == 0 && table.number("").isNew)
            table.removeAll()
        }
    }

    @Test func equalBytesAreOneStringWhateverTheirMaking() {
        var table = StringNumbering()
        let native = "Khadija Ismayilova, journalist"
        let bridged = String(NSString(string: native))
        let sliced = String(("xx" + native).dropFirst(2))
        #expect(table.number(native) == (0, true))
        #expect(table.number(bridged) == (0, false))
        #expect(table.number(sliced) == (0, false))
        #expect(table.number("Khadija Ismayilova, journalisT") == (1, true))
        // Canonically equal spellings are kept apart (each record keeps its own): `String ==` merges them.
        #expect("Ren\u{E9}" == "Rene\u{301}")
        #expect(table.number("Ren\u{E9}") == (2, true))
        #expect(table.number("Rene\u{301}") == (3, true))
    }
}
