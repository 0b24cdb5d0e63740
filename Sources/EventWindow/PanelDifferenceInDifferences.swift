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
    public init?(measure: String, units: [Unit]) {
        guard
            let panel = ClusteredPanel(
                units: units, points: \.analysed, columns: 4,
                { unit, p in
                    let e = unit.windows.isEvent(p) ? 1.0 : 0, post = unit.windows.isPost(p) ? 1.0 : 0, f = unit.featured ? 1.0 : 0
                    return [e, post, f * e, f * post]
                })
        else { return nil }
        self.measure = measure
        event = panel.ratio(2)
        post = panel.ratio(3)
        people = panel.people
        series = panel.units.count
        observations = panel.observations
    }
}
