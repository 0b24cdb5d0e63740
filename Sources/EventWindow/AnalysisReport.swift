import Foundation
import GlareCore

/// Everything `glare analyze` reports: the design, per-series results, adjusted p-values, pooled
/// estimates and difference in differences against controls.
public struct AnalysisReport: Sendable, Encodable {
    public struct Design: Sendable, Codable {
        public let eventDate: String
        public let pre: [String]
        public let event: [String]
        public let post: [String]
        /// Days before the event window left out of the baseline.
        public let gap: Int
        /// The pre window's days the baseline may use (pre less the gap).
        public let baseline: [String]
        /// How windows are laid on periods.
        public let periodRule: String
        enum CodingKeys: String, CodingKey { case eventDate = "event_date", pre, event, post, gap, baseline, periodRule = "period_rule" }
    }

    /// Raw and adjusted p-values of one test across the series, in result order.
    public struct Adjusted: Sendable, Codable {
        public let test: String
        public let raw: [Double?]
        public let holm: [Double?]
        public let bh: [Double?]
    }

    public struct Pooled: Sendable, Encodable {
        public let featured: PooledEstimate?
        public let control: PooledEstimate?
        public let all: PooledEstimate?
    }

    public let design: Design
    public let results: [SeriesResult]
    public let adjusted: [String: Adjusted]
    public let pooled: [String: Pooled]
    public let did: [DifferenceInDifferences]
    /// The answer for each group (featured, control, everyone) and measure: the first thing to read.
    public let groups: [GroupVerdict]
    /// How the input was read (an `--input` file's columns and resolution).
    public var notes: [String] = []

    /// The panel difference in differences per measure (featured against control people).
    public let panels: [PanelDifferenceInDifferences]

    /// Weekly leads and lags of featured against control people, aligned on each one's own date.
    public let eventStudies: [AlignedEventStudy]

    enum CodingKeys: String, CodingKey {
        case design, results, adjusted, pooled, did, groups, panels, notes, eventStudies = "event_studies"
    }

    public init(
        design: EventDesign, results: [SeriesResult], panels: [PanelDifferenceInDifferences] = [],
        eventStudies: [AlignedEventStudy] = []
    ) {
        self.panels = panels
        self.eventStudies = eventStudies
        self.design = Design(
            eventDate: design.eventDate.iso,
            pre: [design.days(design.pre).lowerBound.iso, design.days(design.pre).upperBound.iso],
            event: [design.days(design.event).lowerBound.iso, design.days(design.event).upperBound.iso],
            post: [design.days(design.post).lowerBound.iso, design.days(design.post).upperBound.iso],
            gap: design.gap,
            baseline: design.baselineDays.map { [$0.lowerBound.iso, $0.upperBound.iso] } ?? [],
            periodRule: EventDesign.periodRule)
        self.results = results
        var adjusted: [String: Adjusted] = [:]
        var pooled: [String: Pooled] = [:]
        var did: [DifferenceInDifferences] = []
        for window in ["event", "post"] {
            func rate(_ r: SeriesResult) -> RateRatio? { (window == "event" ? r.rateRatios.event : r.rateRatios.post)?.quasiPoisson }
            let raw = results.map { rate($0)?.p }
            adjusted["\(window)_rate_ratio_quasi_poisson"] = Adjusted(
                test: "\(window)/pre rate ratio, quasi-Poisson Wald p", raw: raw,
                holm: MultipleTesting.holm(raw), bh: MultipleTesting.benjaminiHochberg(raw))
            // Each person once per measure: her series of one measure combined by inverse variance first.
            func pool(_ group: String?) -> PooledEstimate? {
                let chosen = results.filter { group == nil || $0.group == group }
                var people: [(Double, Double)] = []
                for measure in Set(chosen.map(\.measure)).sorted() {
                    let combined = GroupVerdict.perPerson(chosen.filter { $0.measure == measure }, window: rate)
                    people += combined.keys.sorted().map { combined[$0]! }
                }
                return PooledEstimate(logEstimates: people.map(\.0), standardErrors: people.map(\.1))
            }
            let p = Pooled(featured: pool("featured"), control: pool("control"), all: pool(nil))
            pooled[window] = p
            if let d = DifferenceInDifferences(window: window, featured: p.featured, controls: p.control) { did.append(d) }
        }
        self.adjusted = adjusted
        self.pooled = pooled
        self.did = did
        var groups: [GroupVerdict] = []
        for measure in Set(results.map(\.measure)).sorted() {
            let chosen = results.filter { $0.measure == measure }
            for group in ["featured", "control", "all"] {
                let members = chosen.filter { group == "all" || $0.group == group }
                if !members.isEmpty && (group != "all" || Set(chosen.map(\.group)).count > 1) {
                    groups.append(GroupVerdict(group: group, measure: measure, results: members))
                }
            }
        }
        self.groups = groups
    }

    /// The report as JSON (sorted keys). A number that is not finite (the mean of a window without
    /// observed periods, a dispersion on no degrees of freedom) is written as null: numeric fields never
    /// hold strings, and the reason stands in `tests_skipped` or `verdict_reasons`.
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let marker = "glare:not-finite"
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: marker, negativeInfinity: marker, nan: marker)
        return String(decoding: try encoder.encode(self), as: UTF8.self).replacingOccurrences(of: "\"\(marker)\"", with: "null") + "\n"
    }
}
