/// One step of a verdict: a test or guard, whether it passed, failed or was skipped, with its p-value
/// and a sentence a reader can check against the chart.
public struct VerdictReason: Sendable, Equatable, Codable {
    /// How a step came out.
    public enum Status: String, Sendable, Codable {
        case passed, failed, skipped
    }

    /// A stable name for the step (`rise.quasi-poisson`, `guard.trend`, `return.share` …).
    public let step: String
    public let status: Status
    public let p: Double?
    public let detail: String

    public init(_ step: String, _ status: Status, p: Double? = nil, _ detail: String) {
        self.step = step
        self.status = status
        self.p = p.flatMap { $0.isFinite ? $0 : nil }
        self.detail = detail
    }

    init(_ step: String, passed: Bool, p: Double? = nil, _ detail: String) {
        self.init(step, passed ? .passed : .failed, p: p, detail)
    }

    /// `✓`, `✗` or `–` and the sentence.
    public var line: String {
        let mark =
            switch status {
            case .passed: "✓"
            case .failed: "✗"
            case .skipped: "–"
            }
        return "\(mark) \(detail)"
    }
}
