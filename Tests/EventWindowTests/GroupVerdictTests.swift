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
        inputs.append(.init(series: person("f0", source: "t", spike: 30, seed: 99), group: .featured))  // a second series of f0
        for k in 0..<5 { inputs.append(.init(series: person("c\(k)", spike: 0, seed: UInt64(100 + k)), group: .control)) }
        let report = EventWindowAnalysis(configuration: .init(design: EventDesign(eventDate: e), permutationDraws: 9)).run(inputs)
        let featured = try #require(report.groups.first { $0.group == "featured" })
        let control = try #require(report.groups.first { $0.group == "control" })
        #expect(featured.people.count == 6)  // f0 counts once
        #expect(featured.verdict == .roseThenReturned, "\(featured.reasons.map(\.line))")
        #expect(control.verdict == .noRise, "\(control.reasons.map(\.line))")
        #expect(report.groups.map(\.group) == ["featured", "control", "all"])
        #expect(featured.remainingShare.map { abs($0) < 0.2 } == true)
        // The JSON carries the group answer, not just its key.
        let json = try JSONSerialization.jsonObject(with: Data(try report.json().utf8)) as! [String: Any]
        let groups = json["groups"] as? [[String: Any]] ?? []
        #expect(groups.first { $0["group"] as? String == "featured" }?["verdict"] as? String == "rose-then-returned")
    }

    @Test func onePersonIsNotAGroup() {
        let report = EventWindowAnalysis(configuration: .init(design: EventDesign(eventDate: e), permutationDraws: 9))
            .run([.init(series: person("f", spike: 30, seed: 1), group: .featured)])
        #expect(report.groups.first?.verdict == .insufficientData)
    }
}

extension GroupVerdictTests {
    func person(_ id: String, date: Day, spike: Double, seed: UInt64) -> AttentionSeries {
        var random = RandomCounts(seed: seed)
        var points: [Period: Observation] = [:]
        for d in -242...212 {
            let day = e.adding(days: d)
            let since = date.distance(to: day)
            let mu = 5 + (since >= 0 ? spike * exp(-Double(since) / 5) : 0)
            points[.day(day)] = .value(Double(random.negativeBinomial(mean: mu, alpha: 0.2)))
        }
        return AttentionSeries(key: SeriesKey(person: id, source: "s", measure: .news), resolution: .day, points: points)
    }

    @Test func theEventStudyOnOwnDatesHasFlatLeadsAndALagZeroJump() throws {
        // Featured people on different days (staggered over three weeks), each with a transient rise on her
        // own day; controls without.
        var inputs: [EventWindowAnalysis.Input] = []
        for k in 0..<8 {
            let own = e.adding(days: 3 * k)
            inputs.append(.init(series: person("f\(k)", date: own, spike: 25, seed: UInt64(k)), group: .featured, eventDate: own))
        }
        for k in 0..<6 { inputs.append(.init(series: person("c\(k)", date: e, spike: 0, seed: UInt64(50 + k)), group: .control)) }
        let report = EventWindowAnalysis(configuration: .init(design: EventDesign(eventDate: e), permutationDraws: 9)).run(inputs)
        let study = try #require(report.eventStudies.first)
        #expect(study.people == 14)
        #expect(study.leads.map(\.week) == Array(-8...(-2)))
        #expect(study.leadsCoverOne || (study.largestLeadZ ?? 0) < 2.5, "\(study.leads.map { ($0.week, $0.ratio.estimate, $0.ratio.ci95 ?? []) })")
        let week0 = try #require(study.lags.first { $0.week == 0 })
        #expect((week0.ratio.ci95?[0] ?? 0) > 2, "\(week0.ratio)")
        let late = try #require(study.lags.first { $0.week == 8 })
        #expect(late.ratio.ci95.map { $0[0] < 1.3 } == true)  // faded
        let featured = try #require(report.groups.first { $0.group == "featured" })
        #expect(featured.verdict == .roseThenReturned, "\(featured.reasons.map(\.line))")
    }
}
