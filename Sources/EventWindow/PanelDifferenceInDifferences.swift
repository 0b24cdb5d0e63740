import Foundation

/// Difference in differences of featured against control people as one Poisson panel model:
/// log μ = log e + α_series + γ_event·E + γ_post·P + δ_event·(featured·E) + δ_post·(featured·P),
/// over every series' observed periods of pre, event and post (each on its own event date), with
/// series fixed effects, window effects shared by everyone, and standard errors clustered by person
/// (the sandwich with statsmodels' small-sample factor G/(G − 1)·(N − 1)/(N − K)). exp(δ) is how much
/// more featured people's attention changed than controls' over the same windows. Series without any
/// count are left out (a fixed effect cannot be estimated for them).
public struct PanelDifferenceInDifferences: Sendable, Codable {
    public let measure: String
    public let event: RateRatio
    public let post: RateRatio
    /// People (clusters) and series in the model.
    public let people: Int
    public let series: Int
    public let observations: Int

    /// One series of the panel: its person, whether she is featured, and its cut windows.
    public struct Unit: Sendable {
        public let person: String
        public let featured: Bool
        public let windows: WindowedSeries

        public init(person: String, featured: Bool, windows: WindowedSeries) {
            self.person = person
            self.featured = featured
            self.windows = windows
        }
    }

    /// The model over `units`; nil without featured and control people with counts, or when it cannot be fitted.
    public init?(measure: String, units all: [Unit]) {
        let units = all.filter { Descriptive.sum($0.windows.analysed.map(\.value)) > 0 }
        guard units.contains(where: \.featured), units.contains(where: { !$0.featured }) else { return nil }
        let k = units.count + 4
        var y: [Double] = [], x: [[Double]] = [], offset: [Double] = [], cluster: [Int] = []
        let people = Array(Set(units.map(\.person))).sorted()
        let clusterIndex = Dictionary(uniqueKeysWithValues: people.enumerated().map { ($1, $0) })
        for (u, unit) in units.enumerated() {
            let w = unit.windows
            for p in w.analysed {
                var row = Array(repeating: 0.0, count: k)
                row[u] = 1
                let e = w.isEvent(p) ? 1.0 : 0, post = w.isPost(p) ? 1.0 : 0, f = unit.featured ? 1.0 : 0
                row[units.count] = e
                row[units.count + 1] = post
                row[units.count + 2] = f * e
                row[units.count + 3] = f * post
                x.append(row)
                y.append(p.value)
                offset.append(log(p.exposure))
                cluster.append(clusterIndex[unit.person]!)
            }
        }
        guard let fit = Self.clusteredPoisson(y: y, x: x, offset: offset, cluster: cluster, clusters: people.count) else { return nil }
        func variance(_ j: Int) -> Double { fit.covariance[j][j] }
        let m = fit.model
        self.measure = measure
        event = RateRatio(log: m.beta[units.count + 2], se: variance(units.count + 2).squareRoot())
        post = RateRatio(log: m.beta[units.count + 3], se: variance(units.count + 3).squareRoot())
        self.people = people.count
        series = units.count
        observations = y.count
    }

    /// A Poisson fit with its covariance clustered (the sandwich with statsmodels' small-sample factor
    /// G/(G − 1)·(N − 1)/(N − K)); nil when the model cannot be fitted.
    static func clusteredPoisson(y: [Double], x: [[Double]], offset: [Double], cluster: [Int], clusters: Int)
        -> (model: PoissonGLM, covariance: [[Double]])? {
        let k = x.first?.count ?? 0
        guard y.count > k, clusters > 1, let m = PoissonGLM(y: y, x: x, link: .log, offset: offset), m.converged else { return nil }
        var scores = Array(repeating: Array(repeating: 0.0, count: k), count: clusters)
        for i in y.indices {
            let r = y[i] - m.fitted[i]
            for j in 0..<k where x[i][j] != 0 { scores[cluster[i]][j] += x[i][j] * r }
        }
        var meat = Array(repeating: Array(repeating: 0.0, count: k), count: k)
        for s in scores { for a in 0..<k where s[a] != 0 { for b in 0..<k { meat[a][b] += s[a] * s[b] } } }
        let g = Double(clusters), n = Double(y.count)
        let factor = g / (g - 1) * (n - 1) / (n - Double(k))
        var left = Array(repeating: Array(repeating: 0.0, count: k), count: k)
        for i in 0..<k { for a in 0..<k where m.covariance[i][a] != 0 { for b in 0..<k { left[i][b] += m.covariance[i][a] * meat[a][b] } } }
        var cov = Array(repeating: Array(repeating: 0.0, count: k), count: k)
        for i in 0..<k { for b in 0..<k where left[i][b] != 0 { for j in 0..<k { cov[i][j] += left[i][b] * m.covariance[b][j] } } }
        return (m, cov.map { $0.map { $0 * factor } })
    }
}
