import EventWindow
import Foundation
import GlareCore

/// One series in `series.json`: every period's value exactly as analysed (JSON numbers round-trip a
/// Double exactly), with its person's group, own event date and masked days.
struct BundledSeries: Codable, Equatable {
    var person: String
    var source: String
    var measure: String
    var resolution: String
    var group: String?
    var eventDate: String?
    var mask: [[String]]
    var periods: [String]
    /// The value, or for a `<1` period its ceiling; nil where the period was not covered.
    var values: [Double?]
    /// The periods (by index) whose value is Google Trends' `<1` with that ceiling.
    var belowOne: [Int]
    var totals: [Double?]
    var standardErrors: [Double?]

    var key: String { "\(person) · \(source) · \(measure)" }

    init(_ input: EventWindowAnalysis.Input) {
        let s = input.series
        person = s.key.person
        source = s.key.source
        measure = s.key.measure.rawValue
        resolution = s.resolution.rawValue
        group = input.group?.rawValue
        eventDate = input.eventDate?.iso
        mask = input.mask.map { [$0.lowerBound.iso, $0.upperBound.ordinal > 2_000_000 ? "open" : $0.upperBound.iso] }
        periods = s.periods.map(\.label)
        var lt1: [Int] = []
        values = s.observations.enumerated().map { i, o in
            switch o {
            case .value(let v): return v
            case .belowOne(let c):
                lt1.append(i)
                return c
            case .missing: return nil
            }
        }
        belowOne = lt1
        totals = s.totals
        standardErrors = s.standardErrors
    }

    /// The analysis input again; nil with the reason when a field cannot be read.
    func input() throws -> EventWindowAnalysis.Input {
        guard let resolution = Resolution(rawValue: resolution), let measure = Measure(rawValue: measure) else {
            throw BundleError.damaged("series.json: \(key) has an unknown resolution or measure")
        }
        var points: [Period: Observation] = [:], totals: [Period: Double] = [:], errors: [Period: Double] = [:]
        let lt1 = Set(belowOne)
        for (i, label) in periods.enumerated() {
            guard let p = Period(label: label, resolution: resolution) else { throw BundleError.damaged("series.json: \(key): bad period '\(label)'") }
            points[p] = values[i].map { lt1.contains(i) ? .belowOne(ceiling: $0) : .value($0) } ?? .missing
            if let t = self.totals[i] { totals[p] = t }
            if let e = standardErrors[i] { errors[p] = e }
        }
        let series = AttentionSeries(
            key: SeriesKey(person: person, source: source, measure: measure), resolution: resolution, points: points, totals: totals, standardErrors: errors)
        let masks = try mask.map { pair -> ClosedRange<Day> in
            guard pair.count == 2, let a = Day(iso: pair[0]) else { throw BundleError.damaged("series.json: \(key): bad mask") }
            return a...(pair[1] == "open" ? Day(ordinal: Int.max / 4) : (Day(iso: pair[1]) ?? a))
        }
        return EventWindowAnalysis.Input(
            series: series, group: group.flatMap(Person.Group.init(rawValue:)), eventDate: eventDate.flatMap { Day(iso: $0) }, mask: masks)
    }
}
