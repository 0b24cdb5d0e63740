/// Media Cloud's `search/count-over-time` answer: its daily counts of matching stories
/// (`count_over_time.counts`), each with the day's total stories.
public struct MediaCloudCountOverTime: APIResponse {
    public static let shapeError = "not a count-over-time response (no count_over_time.counts)"

    /// One day's count.
    public struct DayCount: Decodable, Sendable {
        /// The day, `YYYY-MM-DD` possibly followed by a time.
        public let date: String?
        /// Stories matching the query.
        public let count: Double?
        /// `total_count`: all stories of the day in the collections asked.
        public let totalCount: Double?

        enum CodingKeys: String, CodingKey { case date, count, totalCount = "total_count" }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            date = c.lenient(String.self, .date)
            count = c.lenient(Double.self, .count)
            totalCount = c.lenient(Double.self, .totalCount)
        }
    }

    public let counts: [DayCount]

    enum CodingKeys: String, CodingKey { case countOverTime = "count_over_time" }
    enum CountKeys: String, CodingKey { case counts }

    public init(from decoder: Decoder) throws {
        let body = try decoder.container(keyedBy: CodingKeys.self).nestedContainer(keyedBy: CountKeys.self, forKey: .countOverTime)
        counts = try body.decode([DayCount].self, forKey: .counts)
    }
}
