public import Foundation

/// GDELT DOC 2.0's `mode=timelinevolraw` answer: per day, the articles matching the query (`value`) and
/// all articles GDELT monitored (`norm`), in the first series of `timeline`.
public struct GDELTDocTimeline: APIResponse {
    public static let shapeError = "not a GDELT DOC timeline response"

    public static func json(in body: Data) throws -> Data { try GDELTDocBody.json(body) }

    /// One day of the timeline.
    public struct Point: Decodable, Sendable {
        /// `YYYYMMDDTHHMMSSZ`.
        public let date: String?
        public let value: Double?
        public let norm: Double?

        enum CodingKeys: String, CodingKey { case date, value, norm }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            date = c.lenient(String.self, .date)
            value = c.lenient(Double.self, .value)
            norm = c.lenient(Double.self, .norm)
        }
    }

    private struct Series: Decodable {
        let data: [Point]?

        enum CodingKeys: String, CodingKey { case data }

        init(from decoder: Decoder) throws {
            data = try decoder.container(keyedBy: CodingKeys.self).lenient([Point].self, .data)
        }
    }

    /// The points of the first series (empty when there is none).
    public let points: [Point]

    enum CodingKeys: String, CodingKey { case timeline }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        points = c.lenient([Series].self, .timeline)?.first?.data ?? []
    }
}
