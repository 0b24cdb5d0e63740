import Foundation
import GlareCore

/// How many digits a series' values carry in an export: what the source can vouch for. Google Trends
/// reports integers 0–100 and stitching scales them, so 4 significant digits; other sources as stored
/// (counts are integers and are written without a decimal point).
struct ValuePrecision {
    /// Significant digits, or nil to write the value as stored.
    let significantDigits: Int?

    init(_ key: SeriesKey) {
        significantDigits = key.source.hasPrefix("google-trends") ? 4 : nil
    }

    func rounded(_ v: Double) -> Double {
        significantDigits.map { NumberFormat.rounded(v, significantDigits: $0) } ?? v
    }

    func string(_ v: Double) -> String { NumberFormat.string(rounded(v)) }
}
