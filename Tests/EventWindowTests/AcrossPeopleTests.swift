import EventWindow
import Foundation
import GlareCore
import GlareTestSupport
import Testing

@Suite struct AcrossPeopleTests {
    static func report() throws -> AnalysisReport {
        let groups = (ReferenceTests.expected["results"] as! [String: Any]).mapValues { ($0 as! [String: Any])["group"] as! String }
        let inputs = try ReferenceTests.names.map {
            EventWindowAnalysis.Input(series: try ReferenceTests.series($0), group: Person.Group(rawValue: groups[$0]!))
        }
        var configuration = ReferenceTests.configuration
        configuration.permutationDraws = 99
        return EventWindowAnalysis(configuration: configuration).run(inputs)
    }

    static func close(_ a: Double?, _ b: Double?, _ tol: Double = 1e-9) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        return abs(a - b) <= tol * max(abs(b), 1e-12)
    }

    @Test func holmAndBenjaminiHochbergTolerateMissingPValues() throws {
        let expected = ReferenceTests.expected["adjusted"] as! [String: [String: [Any]]]
        for window in ["event", "post"] {
            let raw = expected[window]!["raw"]!.map { $0 as? Double }
            for (method, adjust) in [("holm", MultipleTesting.holm), ("bh", MultipleTesting.benjaminiHochberg)] {
                let want = expected[window]![method]!.map { $0 as? Double }
                let got = adjust(raw)
                #expect(got.count == want.count && zip(got, want).allSatisfy { Self.close($0, $1) }, "\(window) \(method): \(got) vs \(want)")
            }
        }
    }

    @Test func pooledAndDifferenceInDifferencesMatchStatsmodels() throws {
        let report = try Self.report()
        let expected = ReferenceTests.expected["pooled"] as! [String: [String: [String: Any]]]
        for window in ["event", "post"] {
            let pooled = try #require(report.pooled[window])
            for (name, estimate) in [("featured", pooled.featured), ("control", pooled.control), ("all", pooled.all)] {
                let e = expected[window]![name]!
                let got = try #require(estimate)
                #expect(got.people == e["people"] as! Int)
                #expect(Self.close(got.tau2, e["tau2"] as? Double, 1e-8), "\(window) \(name) tau2 \(got.tau2)")
                for (kind, rr) in [("fixed", got.fixed), ("random", got.random)] {
                    let want = e[kind] as! [String: Any]
                    #expect(Self.close(rr.logEstimate, want["log_estimate"] as? Double, 1e-8), "\(window) \(name) \(kind)")
                    #expect(Self.close(rr.standardError, want["se"] as? Double, 1e-8), "\(window) \(name) \(kind) se")
                }
            }
        }
        let did = ReferenceTests.expected["did"] as! [[String: Any]]
        #expect(report.did.count == 2)
        for (got, want) in zip(report.did, did) {
            let ratio = want["ratio"] as! [String: Any]
            #expect(got.window == want["window"] as! String)
            #expect(Self.close(got.ratio.logEstimate, ratio["log_estimate"] as? Double, 1e-8))
            #expect(Self.close(got.ratio.standardError, ratio["se"] as? Double, 1e-8))
            #expect(Self.close(got.ratio.p, ratio["p"] as? Double, 1e-6))
        }
    }

    @Test func verdictsFollowTheRules() throws {
        let verdicts = Dictionary(uniqueKeysWithValues: try Self.report().results.map { ($0.person, $0.verdict) })
        #expect(verdicts["flat"] == .noRise)
        #expect(verdicts["trend_no_event"] == .noRise)  // the trend guard at work
        #expect(verdicts["level_shift"] == .roseAndPersisted)
        #expect(verdicts["slow_decay"] == .roseAndPersisted)
        #expect(verdicts["underdispersed"] == .roseAndPersisted)
        #expect(verdicts["transient_spike"] == .roseThenReturned)
    }

    @Test func reportJSONHasTheDocumentedShape() throws {
        let json = try Self.report().json()
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        #expect(Set(object.keys) == ["design", "results", "adjusted", "pooled", "did", "notes", "groups", "panels", "event_studies"])
        let design = object["design"] as! [String: Any]
        #expect(design["event_date"] as? String == "2015-09-01")
        #expect(design["pre"] as? [String] == ["2015-06-01", "2015-08-31"])
        #expect(design["post"] as? [String] == ["2015-10-01", "2016-03-31"])
        let first = (object["results"] as! [[String: Any]])[0]
        for key in [
            "windows", "persistence_ratio", "event_study", "rate_ratios", "segmented", "welch", "mann_whitney",
            "equivalence", "placebo", "permutation", "changepoints", "half_life_days", "verdict", "trend_adjusted",
        ] {
            #expect(first.keys.contains(key), "missing \(key)")
        }
    }
}
