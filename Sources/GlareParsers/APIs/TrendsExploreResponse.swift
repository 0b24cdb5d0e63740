public import Foundation

/// Google Trends' `explore` answer, behind its `)]}'` guard line: the widgets of the explore page,
/// each with the `request` and `token` that fetch its data.
public struct TrendsExploreResponse: APIResponse {
    public static let shapeError = "the explore response has no TIMESERIES widget"

    /// The body without Google's `)]}'` anti-XSSI prefix line.
    public static func json(in body: Data) throws -> Data {
        guard body.starts(with: Array(")]}'".utf8)), let nl = body.firstIndex(of: 0x0A) else { return body }
        return body[body.index(after: nl)...]
    }

    /// One widget of the page.
    public struct Widget: Decodable, Sendable {
        /// `TIMESERIES` for interest over time.
        public let id: String?
        public let token: String?
        /// The request to send back, unchanged, for the widget's data.
        public let request: JSONValue?

        enum CodingKeys: String, CodingKey { case id, token, request }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            id = c.lenient(String.self, .id)
            token = c.lenient(String.self, .token)
            request = c.lenient(JSONValue.self, .request)
        }
    }

    public let widgets: [Widget]

    /// The interest-over-time widget.
    public var timeseries: Widget? { widgets.first { $0.id == "TIMESERIES" } }

    enum CodingKeys: String, CodingKey { case widgets }

    public init(from decoder: Decoder) throws {
        widgets = try decoder.container(keyedBy: CodingKeys.self).lenient([Widget].self, .widgets) ?? []
    }
}
