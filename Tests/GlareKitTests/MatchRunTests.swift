import Foundation
import GlareCore
import GlareKit
import GlareParsers
import GlareTestSupport
import Testing

/// `glare match` on several threads and in small batches writes what one thread writes, in input
/// order, with every bad line named by its number.
struct MatchRunTests {
    @Test func threadsAndBatchesChangeNothing() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let texts = [
            "Liu Xia, wife of Liu Xiaobo, arrived in Berlin.", "Wang Yu won the high jump.", "Khadija Ismayilova was freed.",
            "Nothing to see here.", "Bùi Thị Minh Hằng được trả tự do.", "",
        ]
        var lines: [String] = []
        var bad: [Int] = []
        for k in 0..<700 {
            switch k % 97 {
            case 13:
                lines.append(#"{"text":"no id"}"#)
                bad.append(k + 1)
            case 50: lines.append("   ")
            default:
                lines.append(#"{"id":"d\#(k)","title":"T\#(k)","text":"\#(texts[k % texts.count]) \#(String(repeating: "filler ", count: k % 40))"}"#)
            }
        }
        let input = folder.url.appendingPathComponent("docs.jsonl")
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: input)
        let matcher = PersonMatcher(roster: try Roster.load(contentsOf: Fixtures.roster))

        func run(jobs: Int, batchBytes: Int) throws -> (output: [UInt8], summary: MatchRun.Summary) {
            let handle = try FileHandle(forReadingFrom: input)
            var summary = MatchRun.Summary()
            var output: [UInt8] = []
            MatchRun(matcher: matcher, jobs: jobs, batchBytes: batchBytes).run(handle, source: "docs.jsonl", summary: &summary) { output += $0 }
            return (output, summary)
        }
        // The reference: each document matched alone, one after another.
        var expected: [UInt8] = []
        for line in lines {
            guard let document = try? Array(line.utf8).withUnsafeBufferPointer({ (b) throws(DocumentLine.Problem) in try DocumentLine.read(b) }) else {
                continue
            }
            let people = matcher.match(PreparedDocument(utf8Text: document.text ?? [], title: document.title)).people
            MatchOutputLine.write(id: document.id, people: people, into: &expected)
        }
        let one = try run(jobs: 1, batchBytes: 1 << 22)
        #expect(one.output == expected)
        #expect(one.summary.errors.map(\.line) == bad)
        #expect(one.summary.documents == 700 - bad.count - 7)
        #expect(one.summary.matched > 100)
        for (jobs, batch) in [(3, 1 << 22), (4, 1_000), (2, 1)] {
            let many = try run(jobs: jobs, batchBytes: batch)
            #expect(many.output == expected, "\(jobs) threads, batches of \(batch) bytes")
            #expect(many.summary.errors == one.summary.errors)
            #expect(many.summary.documents == one.summary.documents && many.summary.matched == one.summary.matched && many.summary.bytes == one.summary.bytes)
        }
    }
}
