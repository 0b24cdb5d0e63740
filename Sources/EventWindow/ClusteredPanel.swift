import Foundation

/// A Poisson panel over featured and control series: one fixed effect per series, the columns a model
/// adds for each period, the periods' exposures, and the person each row belongs to, fitted with
/// standard errors clustered by person (the sandwich with statsmodels' small-sample factor
/// G/(G − 1)·(N − 1)/(N − K)). Series without any count in the periods used are left out (their fixed
/// effect cannot be estimated). Shared by `PanelDifferenceInDifferences` and `AlignedEventStudy`.
struct ClusteredPanel {
    let units: [PanelDifferenceInDifferences.Unit]
    let people: Int
    let observations: Int
    let model: PoissonGLM
    let covariance: [[Double]]

    /// Builds and fits the panel: `points` picks each series' periods, `columns` gives a period's model
    /// columns (nil drops the period). Nil without both featured and control series, or when it cannot be fitted.
    init?(
        units all: [PanelDifferenceInDifferences.Unit], points: (WindowedSeries) -> [WindowedSeries.Point], columns extra: Int,
        _ columns: (PanelDifferenceInDifferences.Unit, WindowedSeries.Point) -> [Double]?
    ) {
        let units = all.filter { Descriptive.sum(points($0.windows).map(\.value)) > 0 }
        guard units.contains(where: \.featured), units.contains(where: { !$0.featured }) else { return nil }
        let people = Array(Set(units.map(\.person))).sorted()
        let clusterIndex = Dictionary(uniqueKeysWithValues: people.enumerated().map { ($1, $0) })
        let k = units.count + extra
        var y: [Double] = [], x: [[Double]] = [], offset: [Double] = [], cluster: [Int] = []
        for (u, unit) in units.enumerated() {
            for p in points(unit.windows) {
                guard let added = columns(unit, p) else { continue }
                var row = Array(repeating: 0.0, count: units.count)
                row[u] = 1
                x.append(row + added)
                y.append(p.value)
                offset.append(log(p.exposure))
                cluster.append(clusterIndex[unit.person]!)
            }
        }
        guard y.count > k, people.count > 1, let m = PoissonGLM(y: y, x: x, link: .log, offset: offset), m.converged else { return nil }
        // (XᵀWX)⁻¹ (Σ_g s_g s_gᵀ) (XᵀWX)⁻¹, s_g = Σ_{i∈g} x_i (y_i − μ_i).
        var scores = Array(repeating: Array(repeating: 0.0, count: k), count: people.count)
        for i in y.indices {
            let r = y[i] - m.fitted[i]
            for j in 0..<k where x[i][j] != 0 { scores[cluster[i]][j] += x[i][j] * r }
        }
        var meat = Array(repeating: Array(repeating: 0.0, count: k), count: k)
        for s in scores { for a in 0..<k where s[a] != 0 { for b in 0..<k { meat[a][b] += s[a] * s[b] } } }
        let g = Double(people.count), n = Double(y.count)
        let factor = g / (g - 1) * (n - 1) / (n - Double(k))
        var left = Array(repeating: Array(repeating: 0.0, count: k), count: k)
        for i in 0..<k { for a in 0..<k where m.covariance[i][a] != 0 { for b in 0..<k { left[i][b] += m.covariance[i][a] * meat[a][b] } } }
        var cov = Array(repeating: Array(repeating: 0.0, count: k), count: k)
        for i in 0..<k { for b in 0..<k where left[i][b] != 0 { for j in 0..<k { cov[i][j] += left[i][b] * m.covariance[b][j] } } }
        self.units = units
        self.people = people.count
        observations = y.count
        model = m
        covariance = cov.map { $0.map { $0 * factor } }
    }

    /// The rate ratio of a model column (counted after the series effects).
    func ratio(_ column: Int) -> RateRatio {
        let j = units.count + column
        return RateRatio(log: model.beta[j], se: covariance[j][j].squareRoot())
    }
}
