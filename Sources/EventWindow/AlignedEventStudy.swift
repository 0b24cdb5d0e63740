import Foundation
import GlareCore

/// An event study aligned on each person's own date (people featured on different days): weekly
/// leads and lags of featured people's attention relative to controls', as rate ratios.
///
/// Every observed period of every series is placed in event time, weeks from the start of its own
/// event period (controls on the design's date); periods from `leads` weeks before to `lags` weeks
/// after enter a Poisson model log μ = log e + α_series + λ_week + β_week·featured, with the week
/// before the event (−1) as reference, and errors clustered by person (as
/// `PanelDifferenceInDifferences`). exp(β_k) is how far featured people's attention in week k stood
/// above controls' relative to week −1: the leads (k < −1) are the pre-trend check and should cover 1;
/// the lags trace the rise and its fade. The design is the two-way fixed-effects event study with a
/// never-treated comparison group, which for one event per person and controls never featured is the
/// comparison Callaway & Sant'Anna (2021) recommend for staggered timing.
public struct AlignedEventStudy: Sendable, Codable {
    /// One week's coefficient.
    public struct Week: Sendable, Codable {
        public let week: Int
        public let ratio: RateRatio
    }

    public let measure: String
    /// The reference week (−1).
    public let reference: Int
    public let leads: [Week]
    public let lags: [Week]
    /// Whether every lead's 95% interval covers 1 (no pre-trend), and the largest |z| among the leads.
    public let leadsCoverOne: Bool
    public let largestLeadZ: Double?
    public let people: Int

    enum CodingKeys: String, CodingKey {
        case measure, reference, leads, lags, leadsCoverOne = "leads_cover_one", largestLeadZ = "largest_lead_z", people
    }

    public init?(measure: String, units: [PanelDifferenceInDifferences.Unit], leads: Int = 8, lags: Int = 12) {
        let weeks = Array(-leads...lags).filter { $0 != -1 }
        let column = Dictionary(uniqueKeysWithValues: weeks.enumerated().map { ($1, $0) })
        let b = weeks.count
        // Columns: the week in event time (common), then the week for featured people; week −1 has neither.
        guard
            let panel = ClusteredPanel(
                units: units, points: \.all, columns: 2 * b,
                { unit, p in
                    let week = Int((Double(p.index) * unit.windows.resolution.approximateDays / 7).rounded(.down))
                    guard week >= -leads, week <= lags else { return nil }
                    var row = Array(repeating: 0.0, count: 2 * b)
                    if let c = column[week] {
                        row[c] = 1
                        if unit.featured { row[b + c] = 1 }
                    }
                    return row
                })
        else { return nil }
        let coefficients = weeks.map { Week(week: $0, ratio: panel.ratio(b + column[$0]!)) }
        self.measure = measure
        reference = -1
        self.leads = coefficients.filter { $0.week < -1 }
        self.lags = coefficients.filter { $0.week >= 0 }
        leadsCoverOne = self.leads.allSatisfy { w in w.ratio.ci95.map { $0[0] <= 1 && $0[1] >= 1 } ?? true }
        largestLeadZ = self.leads.compactMap { w in w.ratio.standardError.map { abs(w.ratio.logEstimate / $0) } }.max()
        people = panel.people
    }
}
