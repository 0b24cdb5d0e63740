/// One figure of the evidence: its file name (without extension), its caption and its chart.
public struct Figure: Sendable {
    /// The file name without extension: `roster`, `rate-ratios`, `event-study-news`, `coverage`.
    public let name: String
    /// The caption for the manuscript, saying what every mark means.
    public let caption: String
    public let chart: Chart

    public init(name: String, caption: String, chart: Chart) {
        self.name = name
        self.caption = caption
        self.chart = chart
    }

    /// Width and height in inches.
    public var inches: (width: Double, height: Double) { (chart.width / 72, chart.height / 72) }
}
