import EventWindow
import Foundation
import GlareCore

/// `bundle.json`: what a bundle was made from and how, enough to run the analysis again from the
/// bundle alone: Glare's version, the command, every option, the roster's and snapshots' hashes, and
/// per series its group, own event date and masked days.
struct BundleDescription: Codable, Equatable {
    struct Options: Codable, Equatable {
        var eventDate: String
        var pre: [Int]
        var event: [Int]
        var post: [Int]
        var gap: Int
        var permutations: Int
        var seed: UInt64
        var belowOne: Double
        var perTotal: Bool
        var people: [String]
        var sources: [String]
        var measure: String?
        var input: String?
        var partialPeriods: Bool
    }

    struct SnapshotEntry: Codable, Equatable {
        var sha256: String
        var originalName: String
        /// The selected series that name this snapshot as an input (Trends); empty for evidence read per record.
        var series: [String]
        /// Whether the snapshot's bytes are in `snapshots/` (`--with-snapshots`).
        var included: Bool
    }

    struct SourceEntry: Codable, Equatable {
        var series: String
        var kind: String?
        var term: String?
        var geo: String?
        var rosterHash: String?
        var inputs: [Input]
        struct Input: Codable, Equatable {
            var snapshotSha256: String
            var originalName: String
            var ontoSha256: String?
            var overlapPoints: Int
            var factor: Double
        }
    }

    var glareVersion: String
    var command: [String]
    var options: Options
    var rosterSha256: String?
    var sources: [SourceEntry]
    var snapshots: [SnapshotEntry]
    /// Whether `store/glare.sqlite` (the evidence store) and the snapshots are in the bundle.
    var withSnapshots: Bool
    /// The provenance block of every Glare output (version, command, roster hash, snapshot hash): filled
    /// in by the caller, written as given.
    var provenance: [String: String]
}

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

/// A bundle that cannot be read.
public enum BundleError: Error, CustomStringConvertible {
    case damaged(String)

    public var description: String {
        switch self {
        case .damaged(let why): "the bundle cannot be read: \(why)"
        }
    }
}
