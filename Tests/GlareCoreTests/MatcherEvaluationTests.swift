import Foundation
import GlareCore
import GlareTestSupport
import Testing

/// Precision and recall of the matcher on the labelled passages in `Tests/Evaluation/passages.jsonl`
/// (written for the purpose by `scripts/evaluation/make_passages.py`).
@Suite struct MatcherEvaluationTests {
    struct Passage: Decodable {
        let id: String
        let kind: String
        let text: String
        let people: [String]
    }

    static let passages: [Passage] = {
        let url = Fixtures.root.appendingPathComponent("Tests/Evaluation/passages.jsonl")
        let text = try! String(contentsOf: url, encoding: .utf8)
        return text.split(separator: "\n").map { try! JSONDecoder().decode(Passage.self, from: Data($0.utf8)) }
    }()

    @Test func precisionAndRecall() throws {
        let roster = try Roster.load(contentsOf: Fixtures.roster)
        let matcher = PersonMatcher(roster: roster)
        #expect(Self.passages.count >= 300)
        var tp: [String: Int] = [:], fp: [String: Int] = [:], fn: [String: Int] = [:]
        var errors: [String] = []
        var hardNegativeHits: [String] = []
        for p in Self.passages {
            let found = Set(matcher.match(text: p.text).ids), truth = Set(p.people)
            for id in found.intersection(truth) { tp[id, default: 0] += 1 }
            for id in found.subtracting(truth) {
                fp[id, default: 0] += 1
                errors.append("\(p.id) false positive \(id): \(p.text)")
                if p.kind == "hard-negative" { hardNegativeHits.append("\(p.id) \(id)") }
            }
            for id in truth.subtracting(found) {
                fn[id, default: 0] += 1
                errors.append("\(p.id) missed \(id): \(p.text)")
            }
        }
        let ids = Set(tp.keys).union(fp.keys).union(fn.keys).sorted()
        var table = ["person                     precision  recall  (tp fp fn)"]
        for id in ids {
            let t = Double(tp[id] ?? 0), f = Double(fp[id] ?? 0), n = Double(fn[id] ?? 0)
            table.append(
                id.padding(toLength: 27, withPad: " ", startingAt: 0)
                    + String(format: "%9.3f  %6.3f  (%d %d %d)", t + f > 0 ? t / (t + f) : 1, t + n > 0 ? t / (t + n) : 1, Int(t), Int(f), Int(n)))
        }
        let T = Double(tp.values.reduce(0, +)), F = Double(fp.values.reduce(0, +)), N = Double(fn.values.reduce(0, +))
        let precision = T / (T + F), recall = T / (T + N)
        table.append(String(format: "overall                    %9.3f  %6.3f  (%d %d %d)", precision, recall, Int(T), Int(F), Int(N)))
        print(table.joined(separator: "\n"))
        if !errors.isEmpty { print(errors.joined(separator: "\n")) }
        #expect(precision >= 0.97)
        #expect(recall >= 0.97)
        #expect(hardNegativeHits.isEmpty, "false positives on hard negatives: \(hardNegativeHits)")
    }
}
