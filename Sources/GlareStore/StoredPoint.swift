import GRDB

/// One stored point of a series as the store keeps it (a row of `seriesPoint` or `seriesPointRecent`, or one made
/// from a source's period for a series kept by its source's periods: `StoreTransaction+SourcePeriods`), before
/// `StoreTransaction.series` reads it into an observation.
struct StoredPoint {
    let period: String
    /// `value`, `below-one`, `partial` or `missing`.
    let state: String
    var value: Double?
    let total: Double?
    let covered: Int?
    let units: Int?
    let unit: String?
    let se: Double?
}

extension StoredPoint {
    /// A row of `seriesPoint` or `seriesPointRecent`.
    init(row: Row) {
        self.init(
            period: row["period"], state: row["state"], value: row["value"], total: row["total"], covered: row["covered"], units: row["units"],
            unit: row["unit"], se: row["se"])
    }
}
