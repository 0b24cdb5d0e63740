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
        enum CodingKeys: String, CodingKey { case eventDate = "event_date", pre, event, post }
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

    public init(design: EventDesign, results: [SeriesResult]) {
        self.design = Design(eventDate: design.eventDate.iso,
                             pre: [design.days(design.pre).lowerBound.iso, design.days(design.pre).upperBound.iso],
                             event: [design.days(design.event).lowerBound.iso, design.days(design.event).upperBound.iso],
                             post: [design.days(design.post).lowerBound.iso, design.days(design.post).upperBound.iso])
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
            func pool(_ group: String?) -> PooledEstimate? {
                let chosen = results.filter { group == nil || $0.group == group }.compactMap(rate).filter { $0.standardError != nil }
                return PooledEstimate(logEstimates: chosen.map(\.logEstimate), standardErrors: chosen.map { $0.standardError! })
            }
            let p = Pooled(featured: pool("featured"), control: pool("control"), all: pool(nil))
            pooled[window] = p
            if let d = DifferenceInDifferences(window: window, featured: p.featured, controls: p.control) { did.append(d) }
        }
        self.adjusted = adjusted
        self.pooled = pooled
        self.did = did
    }

    /// The report as JSON (sorted keys; non-finite numbers, which the battery avoids, as strings).
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    }
}
