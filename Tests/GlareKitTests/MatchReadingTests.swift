import Foundation
import GlareTestSupport
import Testing

@testable import GlareCore
@testable import GlareKit

/// `glare match`'s input read in batches (`BatchReader`) gives the lines, line numbers and blank lines
/// that reading line by line (`LineReader`) gives, and its output strings copied whole are those
/// escaped byte by byte.
struct MatchReadingTests {
    @Test func batchesHoldTheLinesALineReaderReads() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var g = SplitMix64(seed: 53)
        let pieces: [[UInt8]] = [Array("{\"id\":1}".utf8), Array("abc".utf8), [0x20], [0x09], [0x0D], [0x0D, 0x0A], [0x0A], [0x0A, 0x0A], [0xC3, 0xA9]]
        for round in 0..<40 {
            var input: [UInt8] = []
            for _ in 0..<Int(g.next() % 400) {
                input += pieces[Int(g.next() % UInt64(pieces.count))]
                // Now and then a line longer than a batch and the read-ahead together.
                if g.next() % 150 == 0 { input += [UInt8](repeating: 0x78, count: 70_000 + Int(g.next() % 100_000)) }
            }
            let url = folder.url.appendingPathComponent("in\(round).jsonl")
            try Data(input).write(to: url)

            var expected: [(Int, [UInt8])] = []
            var lines = LineReader(handle: try FileHandle(forReadingFrom: url))
            while let line = lines.next() {
                if !line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { expected.append((lines.lineNumber, Array(line))) }
            }
            for batchBytes in [1, 7, 100, 1 << 20] {
                var reader = BatchReader(handle: try FileHandle(forReadingFrom: url))
                var got: [(Int, [UInt8])] = []
                while let batch = reader.next(batchBytes: batchBytes) {
                    for k in batch.ends.indices { got.append((batch.lineNumbers[k], Array(batch.bytes[batch.starts[k]..<batch.ends[k]]))) }
                }
                #expect(reader.failure == nil)
                #expect(got.map(\.0) == expected.map(\.0), "round \(round), batches of \(batchBytes)")
                #expect(got.map(\.1) == expected.map(\.1), "round \(round), batches of \(batchBytes)")
            }
        }
    }

    @Test func stringsCopiedWholeAreThoseEscapedByteByByte() {
        var g = SplitMix64(seed: 59)
        let pool: [Unicode.Scalar] = ["a", "Z", " ", "\"", "\\", "/", "\n", "\t", "\u{0}", "\u{1F}", "\u{7F}", "é", "刘", "\u{2028}", "😀"]
        for round in 0..<500 {
            var s = String.UnicodeScalarView()
            for _ in 0..<Int(g.next() % 30) {
                // Half the strings hold nothing to escape.
                let scalar = pool[Int(g.next() % UInt64(pool.count))]
                if round % 2 == 0, scalar.value < 0x20 || scalar == "\"" || scalar == "\\" { continue }
                s.append(scalar)
            }
            var fast: [UInt8] = [0x7B]
            var slow: [UInt8] = [0x7B]
            JSONText.string(String(s), into: &fast)
            JSONText.stringByteByByte(String(s), into: &slow)
            #expect(fast == slow, "\(String(s).debugDescription)")
        }
    }
}
