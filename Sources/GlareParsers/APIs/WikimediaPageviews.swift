import GlareCore

/// The Wikimedia REST API's page views, per article (`metrics/pageviews/per-article/…`) or for a whole
/// edition (`metrics/pageviews/aggregate/…`): `items` with a `timestamp` (`YYYYMMDDHH`) and `views` each.
/// Days without views are left out.
public struct WikimediaPageviews: APIResponse {
    public static let shapeError = "no 'items' in the page-view response"

    /// One period's views.
    public struct Item: Decodable, Sendable {
        /// `YYYYMMDDHH` (`00` for a day).
        public let timestamp: String?
        public let views: Double?

        enum CodingKeys: String, CodingKey { case timestamp, views }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            timestamp = c.lenient(String.self, .timestamp)
            views = c.lenient(Double.self, .views)
        }
    }

    public let items: [Item]

    /// ISO day → views, summed over the items of a day; items without a readable timestamp or views are left out.
    public var viewsByDay: [String: Double] {
        var out: [String: Double] = [:]
        for item in items {
            guard let day = item.timestamp.flatMap({ Day(compact: $0) }), let v = item.views else { continue }
            out[day.iso, default: 0] += v
        }
        return out
    }
}
