// Benchmark of the event-window battery: 40 people x 500 days, 9,999 permutations per test.
import EventWindow
import Foundation
import GlareCore

func eventWindowBenchmark(people: Int) {
    let days = 500
    let draws = 9_999
    let start = Day(iso: "2015-02-11")!
    let event = start.adding(days: 202)

    /// Poisson draws by inversion from a seeded generator, so every run analyses the same data.
    func poisson(_ mean: Double, _ g: inout SplitMix64) -> Double {
        var k = 0.0, p = exp(-mean), s = p
        let u = Double(g.next() >> 11) / Double(1 << 53)
        while u > s && k < 10_000 { k += 1; p *= mean / k; s += p }
        return k
    }

    var generator = SplitMix64(seed: 42)
    let inputs = (0..<people).map { i -> EventWindowAnalysis.Input in
        var points: [Period: Observation] = [:]
        for d in 0..<days {
            let offset = d - 202
            let spike = offset >= 0 ? Double(10 + i % 7 * 5) * exp(-Double(offset) / Double(3 + i % 5)) : 0
            points[.day(start.adding(days: d))] = .value(poisson(4 + Double(i % 3) + spike, &generator))
        }
        let series = AttentionSeries(key: SeriesKey(person: "person-\(i)", source: "bench", measure: .news), resolution: .day, points: points)
        return .init(series: series, group: i % 4 == 0 ? .control : .featured)
    }

    let analysis = EventWindowAnalysis(configuration: .init(design: EventDesign(eventDate: event), permutationDraws: draws))
    _ = analysis.analyze(inputs[0])  // warm-up
    let clock = ContinuousClock()
    var report: AnalysisReport?
    let elapsed = clock.measure { report = analysis.run(inputs) }
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    let verdicts = Dictionary(grouping: report!.results, by: \.verdict.rawValue).mapValues(\.count)
    print("event-window battery: \(people) people x \(days) days, \(draws) permutations x 2 tests each")
    print(String(format: "  %.3f s total, %.1f ms per person, %.0f people/s", seconds, seconds * 1000 / Double(people), Double(people) / seconds))
    print("  verdicts: \(verdicts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))")
}
