import Foundation
public import GlareCore

/// The `req` parameter of Google Trends' `explore`: one search term over a range of days, worldwide,
/// in all categories, for web search.
public struct TrendsExploreRequest: Encodable, Sendable {
    /// A term compared: keyword, region (empty for worldwide) and time range (`YYYY-MM-DD YYYY-MM-DD`).
    public struct ComparisonItem: Encodable, Sendable {
        public let keyword: String
        public let geo: String
        public let time: String
    }

    public let comparisonItem: [ComparisonItem]
    /// 0: all categories.
    public let category: Int
    /// Empty: web search.
    public let property: String

    public init(term: String, days: ClosedRange<Day>) {
        comparisonItem = [ComparisonItem(keyword: term, geo: "", time: "\(days.lowerBound.iso) \(days.upperBound.iso)")]
        category = 0
        property = ""
    }

    /// Compact JSON with sorted keys, as sent in the query string.
    public func compactText() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}
