import EventWindow
import Foundation
import GlareCore
import GlareTestSupport
import Testing

/// Compares the battery with the values statsmodels and scipy computed for the same series
/// (`scripts/reference/event_windows.py`, committed with its output `expected.json`).
@Suite struct ReferenceTests {
    nonisolated(unsafe) static let expected: [String: Any] = {
        let data = try! Data(contentsOf: Fixtures.reference.appendingPathComponent("expected.json"))
        return try! JSONSerialization.jsonObject(with: data) as! [String: Any]
    }()

    static var names: [String] { expected["order"] as! [String] }

    static func series(_ name: String) throws -> AttentionSeries {
        let text = try String(contentsOf: Fixtures.reference.appendingPathComponent("series/\(name).csv"), encoding: .utf8)
        var points: [Period: Observation] = [:]
        for line in text.split(separator: "\n").dropFirst() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            points[.day(Day(iso: cells[0])!)] = cells[1].isEmpty ? .missing : .value(Double(cells[1])!)
        }
        return AttentionSeries(key: SeriesKey(person: name, source: "reference", measure: .news), resolution: .day, points: points)
    }

    static let configuration = EventWindowAnalysis.Configuration(design: EventDesign(eventDate: Day(iso: "2015-09-01")!, gap: 0))

    static func result(_ name: String) throws -> [String: Any] {
        let groups = (expected["results"] as! [String: Any]).mapValues { ($0 as! [String: Any])["group"] as! String }
        let input = EventWindowAnalysis.Input(series: try series(name), group: Person.Group(rawValue: groups[name]!))
        let r = EventWindowAnalysis(configuration: configuration).analyze(input)
        let data = try JSONEncoder().encode(r)
        return try JSONSerialization.jsonObject(with: data) as! [String: Any]
    }

    /// Relative tolerance by what produced the number: closed forms 1e-9, fitted models 1e-6.
    static func tolerance(_ path: String) -> Double {
        let fitted = ["negbin", "poisson_dow", "segmented", "trend_adjusted", "decay", "half_life"]
        return fitted.contains { path.contains($0) } ? 1e-6 : 1e-9
    }

    static let ignored: Set<String> = ["group", "nb_alpha", "nb_at_boundary", "nb_max_abs_score", "permutation", "changepoints"]

    /// Walks the expected value and checks every number, flag and list in it.
    static func compare(_ expected: Any?, _ actual: Any?, path: String, issues: inout [String]) {
        switch expected {
        case let e as [String: Any]:
            guard let a = actual as? [String: Any] else { issues.append("\(path): missing (expected an object)"); return }
            for (k, v) in e where !ignored.contains(k) { compare(v, a[k], path: path + "." + k, issues: &issues) }
        case let e as [Any]:
            guard let a = actual as? [Any], a.count == e.count else {
                issues.append("\(path): expected \(e.count) items, got \(String(describing: actual))"); return
            }
            for (i, v) in e.enumerated() { compare(v, a[i], path: "\(path)[\(i)]", issues: &issues) }
        case let e as NSNumber where String(cString: e.objCType) == "c":
            if (actual as? Bool) != e.boolValue { issues.append("\(path): expected \(e.boolValue), got \(String(describing: actual))") }
        case let e as NSNumber:
            guard let a = (actual as? NSNumber)?.doubleValue else { issues.append("\(path): expected \(e), got nothing"); return }
            let b = e.doubleValue
            let tol = tolerance(path)
            if abs(a - b) > tol * max(abs(b), 1e-12) && abs(a - b) > 1e-14 {
                issues.append("\(path): expected \(b), got \(a) (relative error \(abs(a - b) / max(abs(b), 1e-300)))")
            }
        case is NSNull, nil:
            if let actual, !(actual is NSNull) { issues.append("\(path): expected null, got \(actual)") }
        default:
            if "\(expected!)" != "\(actual ?? "nil")" { issues.append("\(path): expected \(expected!), got \(actual ?? "nil")") }
        }
    }

    @Test(arguments: names)
    func matchesStatsmodels(_ name: String) throws {
        let expected = (Self.expected["results"] as! [String: Any])[name] as! [String: Any]
        let actual = try Self.result(name)
        var issues: [String] = []
        Self.compare(expected, actual, path: name, issues: &issues)
        #expect(issues.isEmpty, "\(issues.count) differences:\n\(issues.prefix(40).joined(separator: "\n"))")
    }

    @Test(arguments: names)
    func changepointsEqualTheExactSolver(_ name: String) throws {
        let expected = ((Self.expected["results"] as! [String: Any])[name] as! [String: Any])["changepoints"] as! [String]
        #expect(try Self.result(name)["changepoints"] as? [String] == expected)
    }

    @Test(arguments: names)
    func permutationPValuesWithinMonteCarloBand(_ name: String) throws {
        let expected = ((Self.expected["results"] as! [String: Any])[name] as! [String: Any])["permutation"] as! [String: [String: Any]]
        let actual = try Self.result(name)["permutation"] as! [String: [String: Any]]
        for window in ["event_vs_pre", "post_vs_pre"] {
            let draws = Double(actual[window]!["draws"] as! Int)
            #expect(draws == 9_999)
            for key in ["p_greater", "p_two_sided"] {
                let p = expected[window]![key] as! Double, q = actual[window]![key] as! Double
                // Four Monte Carlo standard errors of the 9,999-draw estimate, plus the +1 correction's size.
                let band = 4 * (p * (1 - p) / draws).squareRoot() + 1 / draws
                #expect(abs(p - q) <= band, "\(name) \(window) \(key): reference \(p), Glare \(q), band \(band)")
            }
            #expect(abs((expected[window]!["statistic"] as! Double) - (actual[window]!["statistic"] as! Double)) < 1e-9)
        }
    }
}
