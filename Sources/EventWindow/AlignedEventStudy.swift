import Foundation

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

    public init?(measure: String, units all: [PanelDifferenceInDifferences.Unit], leads: Int = 8, lags: Int = 12) {
        let units = all.filter { Descriptive.sum($0.windows.all.map(\.value)) > 0 }
        guard units.contains(where: \.featured), units.contains(where: { !$0.featured }) else { return nil }
        let weeks = Array(-leads...lags).filter { $0 != -1 }
        let column = Dictionary(uniqueKeysWithValues: weeks.enumerated().map { ($1, $0) })
        let u = units.count, b = weeks.count
        let people = Array(Set(units.map(\.person))).sorted()
        let clusterIndex = Dictionary(uniqueKeysWithValues: people.enumerated().map { ($1, $0) })
        var y: [Double] = [], x: [[Double]] = [], offset: [Double] = [], cluster: [Int] = []
        for (i, unit) in units.enumerated() {
            let w = unit.windows
            for p in w.all {
                let days = Double(p.index) * w.resolution.approximateDays
                let week = Int((days / 7).rounded(.down))
                guard week >= -leads, week <= lags else { continue }
                var row = Array(repeating: 0.0, count: u + 2 * b)
                row[i] = 1
                if let c = column[week] {
                    row[u + c] = 1
                    if unit.featured { row[u + b + c] = 1 }
                }
                x.append(row)
                y.append(p.value)
                offset.append(log(p.exposure))
                cluster.append(clusterIndex[unit.person]!)
            }
        }
        guard let fit = PanelDifferenceInDifferences.clusteredPoisson(y: y, x: x, offset: offset, cluster: cluster, clusters: people.count)
        else { return nil }
        let coefficients = weeks.map { week -> Week in
            let j = u + b + column[week]!
            return Week(week: week, ratio: RateRatio(log: fit.model.beta[j], se: fit.covariance[j][j].squareRoot()))
        }
        self.measure = measure
        reference = -1
        self.leads = coefficients.filter { $0.week < -1 }
        self.lags = coefficients.filter { $0.week >= 0 }
        leadsCoverOne = self.leads.allSatisfy { w in w.ratio.ci95.map { $0[0] <= 1 && $0[1] >= 1 } ?? true }
        largestLeadZ = self.leads.compactMap { w in w.ratio.standardError.map { abs(w.ratio.logEstimate / $0) } }.max()
        self.people = people.count
    }
}
