import EventWindow
import GlareCore

/// Per-series results as CSV for R or Stata: full precision, empty cells where a statistic does not exist.
public enum ResultsCSV {
    public static let header = [
        "person", "name", "group", "source", "measure", "event_date", "n_pre", "n_event", "n_post",
        "mean_pre", "mean_event", "mean_post", "rr_event", "rr_event_lo", "rr_event_hi", "p_event",
        "rr_post", "rr_post_lo", "rr_post_hi", "p_post", "equivalence_p", "placebo_dates", "placebo_p",
        "half_life_days", "verdict",
    ]

    public static func render(_ data: ReportData) -> String {
        var w = CSVWriter()
        w.comments(data.provenance?.lines ?? [])
        w.row(header)
        func n(_ v: Double?) -> String { v.flatMap { $0.isFinite ? NumberFormat.string($0) : nil } ?? "" }
        for e in data.entries {
            let r = e.result
            let ev = r.rateRatios.event?.quasiPoisson, po = r.rateRatios.post?.quasiPoisson
            w.row([
                r.person, e.name, r.group ?? "", r.source, r.measure, r.eventDate,
                "\(r.windows.pre.nPeriods)", "\(r.windows.event.nPeriods)", "\(r.windows.post.nPeriods)",
                n(r.windows.pre.mean), n(r.windows.event.mean), n(r.windows.post.mean),
                n(ev?.estimate), n(ev?.ci95?[0]), n(ev?.ci95?[1]), n(ev?.p),
                n(po?.estimate), n(po?.ci95?[0]), n(po?.ci95?[1]), n(po?.p),
                n(r.equivalence.rateRatio?.p), r.placebo.map { "\($0.dates)" } ?? "", n(r.placebo?.pGreater),
                n(r.halfLifeDays), r.verdict.rawValue,
            ])
        }
        return w.text
    }
}
