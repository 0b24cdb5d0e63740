// Matcher throughput: a generated English news-like corpus with roster names sprinkled in, matched
// with the full roster. Writes the corpus as JSON Lines for the Python baseline (scripts/bench-match.py).
import EventWindow
import Foundation
import GlareCore

let vocabulary = """
    the of and to in a is that for on was with he it as at by his from this have are be an they which not \
    or their has had were been but one its also new more after first two who her she said would about \
    government minister court prison rights human release campaign women political prisoners united states \
    nations country president police officials statement report week year month day people state law \
    activist journalist lawyer judge detained arrested charges sentence appeal trial family husband son \
    daughter mother city capital region border election party opposition protest march students university \
    economy bank market prices oil trade talks meeting council security foreign ministry spokesman told \
    reporters tuesday wednesday thursday friday monday saturday sunday september october august july \
    international organization amnesty watch freedom press speech online blogger website television radio \
    newspaper editor wrote published article interview health hospital doctors conditions hunger strike
    """.split(separator: " ").map(String.init)

func matchBenchmark(megabytes: Int, corpusPath: String?) {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let roster = try! Roster.load(contentsOf: root.appendingPathComponent("Feeds/roster.yaml"))
    let names = roster.people.filter(\.matchable).flatMap { p in p.aliases.map(\.text) }
    var g = SplitMix64(seed: 7)
    var documents: [String] = []
    var total = 0
    while total < megabytes << 20 {
        var words: [String] = []
        while words.count < 500 {
            let r = g.next() % 1000
            if r < 3 {
                words.append(names[Int(g.next() % UInt64(names.count))])
            } else if r < 6 {
                words.append("Zoë")
            } else {
                var w = vocabulary[Int(g.next() % UInt64(vocabulary.count))]
                if g.next() % 12 == 0 { w = w.prefix(1).uppercased() + w.dropFirst() }
                words.append(w + (g.next() % 15 == 0 ? "." : ""))
            }
        }
        let text = words.joined(separator: " ")
        total += text.utf8.count
        documents.append(text)
    }
    if let corpusPath {
        var out = Data()
        for (i, d) in documents.enumerated() {
            out.append(try! JSONSerialization.data(withJSONObject: ["id": "d\(i)", "text": d]))
            out.append(0x0A)
        }
        try! out.write(to: URL(fileURLWithPath: corpusPath))
    }
    let matcher = PersonMatcher(roster: roster)
    _ = matcher.match(text: documents[0])
    let clock = ContinuousClock()
    var found = 0
    func best(_ body: () -> Void) -> Double {
        (0..<3).map { _ in
            let e = clock.measure(body)
            return Double(e.components.seconds) + Double(e.components.attoseconds) / 1e18
        }.min()!
    }
    let seconds = best {
        found = 0
        for d in documents { found += matcher.match(text: d).people.reduce(0) { $0 + $1.mentions } }
    }
    let mb = Double(total) / 1_048_576
    print("automaton: \(matcher.automatonStates) states")
    print("matcher: \(documents.count) documents, \(String(format: "%.1f", mb)) MB, \(names.count) aliases, \(found) mentions")
    print(String(format: "  %.3f s, %.0f MB/s (fold + scan + rules, one core)", seconds, mb / seconds))

    // Where the time goes: folding alone, and the automaton alone over folded text.
    let fs = best { for d in documents { _ = TextFolder.fold(d) } }
    let folded = documents.map { TextFolder.fold($0).bytes }
    let automaton = AhoCorasick(patterns: names.map { Array(NameFolding.fold($0).utf8) })
    var hits = 0
    let ss = best { for f in folded { f.withUnsafeBufferPointer { automaton.scan($0) { _, _ in hits += 1 } } } }
    print(String(format: "  folding alone: %.0f MB/s; automaton scan alone (aliases only): %.0f MB/s", mb / fs, mb / ss))
}
