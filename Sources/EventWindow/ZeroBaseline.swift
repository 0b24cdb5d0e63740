import GlareCore

/// The exact tests for a series with no attention in the pre window, where no rate ratio exists:
/// the event and post windows each against pre, and the post window's rate as a share of the event
/// window's (which bounds the remaining share of the spike from above whatever the true baseline).
public struct ZeroBaseline: Sendable, Equatable, Codable {
    public let eventVsPre: ExactRateTest
    public let postVsPre: ExactRateTest
    public let postToEvent: ExactRateTest
    /// What the exposures count: the periods, or the periods' totals.
    public let exposureName: String

    enum CodingKeys: String, CodingKey {
        case eventVsPre = "event_vs_pre", postVsPre = "post_vs_pre", postToEvent = "post_to_event", exposureName = "exposure"
    }

    /// The tests, when pre has observed periods but no count and the other windows have periods.
    public init?(_ w: WindowedSeries) {
        func total(_ p: [WindowedSeries.Point]) -> (Double, Double) {
            (Descriptive.sum(p.map(\.value)), Descriptive.sum(p.map(\.exposure)))
        }
        let (y0, t0) = total(w.pre), (y1, t1) = total(w.event), (y2, t2) = total(w.post)
        guard !w.pre.isEmpty, y0 == 0,
            let ev = ExactRateTest(count: y1, exposure: t1, baselineCount: y0, baselineExposure: t0),
            let post = ExactRateTest(count: y2, exposure: t2, baselineCount: y0, baselineExposure: t0),
            let share = ExactRateTest(count: y2, exposure: t2, baselineCount: y1, baselineExposure: t1)
        else { return nil }
        eventVsPre = ev
        postVsPre = post
        postToEvent = share
        exposureName = w.perTotal ? "units of the total" : w.resolution.periodName + "s"
    }
}
