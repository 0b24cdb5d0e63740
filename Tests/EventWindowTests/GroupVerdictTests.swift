import EventWindow
import Foundation
import GlareCore
import Testing

/// The group answer on simulated people with a known truth: featured people with a common transient
/// rise (some with two series of one measure), controls without.
@Suite struct GroupVerdictTests {
    let e = Day(iso: "2015-09-01")!

    func person(_ id: String, source: String = "s", spike: Double, seed: UInt64) -> AttentionSeries {
        var random = RandomCounts(seed: seed)
        var points: [Period: Observation] = [:]
        for d in -242...212 {
            let mu = 4 + (d >= 0 ? spike * exp(-Double(d) / 7) : 0)
            points[.day(e.adding(days: d))] = .value(Double(random.negativeBinomial(mean: mu, alpha: 0.3)))
        }
        return AttentionSeries(key: SeriesKey(person: id, source: source, measure: .news), resolution: .day, points: points)
    }

    @Test func featuredRoseAndReturnedControlsDidNot() throws {
        var inputs: [EventWindowAnalysis.Input] = []
        for k in 0..<6 { inputs.append(.init(series: person("f\(k)", spike: 30, seed: UInt64(k)), group: .featured)) }
        inputs.append(.init(series: person("f0", source: "t", spike: 30, seed: 99), group: .featured))   // a second series of f0
        for k in 0..<5 { inputs.append(.init(series: person("c\(k)", spike: 0, seed: UInt64(100 + k)), group: .control)) }
        let report = EventWindowAnalysis(configuration: .init(design: EventDesign(eventDate: e), permutationDraws: 9)).run(inputs)
        let featured = try #require(report.groups.first { $0.group == "featured" })
        let control = try #require(report.groups.first { $0.group == "control" })
        #expect(featured.people.count == 6)                       // f0 counts once
        #expect(featured.verdict == .roseThenReturned, "\(featured.reasons.map(\.line))")
        #expect(control.verdict == .noRise, "\(control.reasons.map(\.line))")
        #expect(report.groups.map(\.group) == ["featured", "control", "all"])
        #expect(featured.remainingShare.map { abs($0) < 0.2 } == true)
        let text = try report.json()
        #expect(text.contains("\"groups\""))
    }

    @Test func onePersonIsNotAGroup() {
        let report = EventWindowAnalysis(configuration: .init(design: EventDesign(eventDate: e), permutationDraws: 9))
            .run([.init(series: person("f", spike: 30, seed: 1), group: .featured)])
        #expect(report.groups.first?.verdict == .insufficientData)
    }
}
