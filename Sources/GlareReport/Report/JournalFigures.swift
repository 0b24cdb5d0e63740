import EventWindow

/// The figures of the evidence, as `glare figures` writes them and the reports embed them: the roster's
/// event-aligned small multiples, the forest plot of rate ratios, an event study per measure (when there
/// are featured and control people), and the coverage strips.
public enum JournalFigures {
    public static func all(_ data: ReportData) -> [Figure] {
        var out = [
            Figure(
                name: "roster",
                caption:
                    "Attention per series on days from each person's own event date. Windows shaded: pre (grey), event (orange), post (blue); dashed line: the event; dotted line: a release. A grey strip under the axis marks periods the source did not cover: missing, not zero. Each panel has its own y scale.",
                chart: Charts.roster(data)),
            Figure(
                name: "rate-ratios",
                caption:
                    "Quasi-Poisson rate ratios of the event and post windows against pre, with 95% intervals (log scale); dots per series, diamonds the DerSimonian–Laird random-effects estimate per group.",
                chart: Charts.forest(data)),
        ]
        for study in data.analysis.eventStudies {
            out.append(
                Figure(
                    name: "event-study-\(study.measure)",
                    caption:
                        "Event study (\(study.measure)): featured against control people by week from each one's own date, relative to week −1, with 95% intervals clustered by person (log scale). Leads (hollow) are the pre-trend check: \(study.leadsCoverOne ? "every lead's interval covers 1" : "a lead's interval excludes 1").",
                    chart: Charts.eventStudy(study)))
        }
        out.append(
            Figure(
                name: "coverage",
                caption:
                    "Coverage of each source: dark where every series of the source was covered, orange where some were, white where none was (those periods are missing, not zero). Brackets: the pre, event and post windows; dashed: the event.",
                chart: Charts.coverage(data)))
        return out
    }
}
