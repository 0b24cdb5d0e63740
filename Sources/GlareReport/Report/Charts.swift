public import EventWindow
import Foundation
public import GlareCore

/// The report's pictures, built as `Chart`s at their printed size in points: the series of one person
/// on its own calendar axis, the event-aligned small multiples of the roster, the forest plot, the event
/// study and the coverage strips.
public enum Charts {
    /// Text sizes in points (journals ask for at least 6 to 7 points at print size).
    static let tickSize = 6.5, labelSize = 7.0, titleSize = 7.5

    /// The unit of a series' values, for its y-axis label.
    public static func unit(_ s: AttentionSeries, share: Bool = false) -> String {
        let per = s.resolution.periodName
        if share { return "share of the \(per)'s articles (%)" }
        switch s.key.measure {
        case .news: return "articles per \(per)"
        case .search: return "search index (0–100)"
        case .views: return "page views per \(per)"
        case .share: return "share of monitored coverage (%)"
        }
    }

    /// The values a chart plots: the observations, or with `share` each as a percentage of its period's
    /// total; nil where the period was not covered (or has no total).
    static func values(_ s: AttentionSeries, share: Bool) -> [Double?] {
        s.periods.indices.map { i in
            guard let v = s.observations[i].numeric() else { return nil }
            if share { return s.totals[i].flatMap { $0 > 0 ? v / $0 * 100 : nil } }
            return v
        }
    }

    /// Where one series is drawn, and how.
    struct Panel {
        var left: Double, top: Double, width: Double, height: Double
        /// The days shown, left to right.
        var days: ClosedRange<Day>
        var ticks: [(day: Day, label: String)]
        var tickLabels = true
        var share = false
        var lineWidth = 0.8
        /// Label the event, release and windows in words (the first panel of a grid, or a chart of its own).
        var labelMarkers = true
        var yLabel: String?

        func x(_ d: Day) -> Double { left + width * Double(days.lowerBound.distance(to: d)) / Double(days.lowerBound.distance(to: days.upperBound) + 1) }
        /// The middle of a period.
        func x(_ p: Period) -> Double { (x(p.start) + x(p.lastDay.adding(days: 1))) / 2 }
        var bottom: Double { top + height }
    }

    /// Draws one series into a panel: windows shaded (pre grey, event orange, post blue) and named, the
    /// event (dashed) and release (dotted) lines labelled, a y axis with its unit, date ticks, missing
    /// periods as a grey strip under the axis (a gap in the line, never a drop to zero), and a band of
    /// ±1.96 standard errors where the values have them.
    static func draw(_ e: ReportData.Entry, design: EventDesign, in panel: Panel, on chart: inout Chart) {
        let s = e.series
        let values = values(s, share: panel.share)
        let inside = s.periods.indices.filter { panel.days.contains(s.periods[$0].start) }
        let axis = ValueAxis(maximum: inside.compactMap { values[$0] }.max() ?? 1, targetTicks: panel.height < 70 ? 2 : 4)
        func y(_ v: Double) -> Double { panel.bottom - panel.height * min(v, axis.top) / axis.top }
        func clamp(_ d: Day) -> Day { min(max(d, panel.days.lowerBound), panel.days.upperBound.adding(days: 1)) }

        // Windows.
        for (w, colour, opacity, name) in [
            (design.pre, Chart.Colour.light, 1.0, "pre"), (design.event, .orange, 0.5, "event"), (design.post, .sky, 0.3, "post"),
        ] {
            let r = design.days(w)
            let a = clamp(r.lowerBound), b = clamp(r.upperBound.adding(days: 1))
            guard a < b else { continue }
            chart.marks.append(.rect(x: panel.x(a), y: panel.top, width: panel.x(b) - panel.x(a), height: panel.height, fill: colour, opacity: opacity))
            if panel.labelMarkers && panel.x(b) - panel.x(a) > 14 {
                chart.text(name, x: (panel.x(a) + panel.x(b)) / 2, y: panel.top + tickSize + 1, size: tickSize, anchor: .middle, colour: .dark)
            }
        }
        // Axes, ticks and the unit.
        chart.line(panel.left, panel.bottom, panel.left + panel.width, panel.bottom)
        chart.line(panel.left, panel.top, panel.left, panel.bottom)
        for t in axis.ticks {
            chart.line(panel.left - 2, y(t), panel.left, y(t))
            chart.text(axis.label(t), x: panel.left - 3, y: y(t) + tickSize * 0.35, size: tickSize, anchor: .end)
        }
        for t in panel.ticks where panel.days.contains(t.day) {
            chart.line(panel.x(t.day), panel.bottom, panel.x(t.day), panel.bottom + 2)
            if panel.tickLabels { chart.text(t.label, x: panel.x(t.day), y: panel.bottom + 5 + tickSize, size: tickSize, anchor: .middle) }
        }
        if let label = panel.yLabel {
            let widest = axis.ticks.map { ChartRenderer.textWidth(axis.label($0), size: tickSize) }.max() ?? 10
            chart.text(label, x: panel.left - widest - 6, y: panel.top + panel.height / 2, size: labelSize, anchor: .middle, angle: -90)
        }
        // The uncertainty band.
        if !panel.share {
            var band: [(x: Double, lo: Double, hi: Double)] = []
            func close() {
                if band.count > 1 {
                    chart.marks.append(.polygon(points: band.map { ($0.x, y($0.hi)) } + band.reversed().map { ($0.x, y($0.lo)) }, fill: .sky, opacity: 0.5))
                }
                band = []
            }
            for i in inside {
                guard let v = values[i], let se = s.standardErrors[i] else { close(); continue }
                band.append((panel.x(s.periods[i]), max(0, v - 1.96 * se), v + 1.96 * se))
            }
            close()
        }
        // Missing periods: a grey strip under the axis, in runs.
        var missingStart: Double?
        var missingEnd = 0.0
        func closeMissing() {
            if let a = missingStart {
                chart.marks.append(.rect(x: a, y: panel.bottom + 0.6, width: max(missingEnd - a, 0.8), height: 2.2, fill: .grey, opacity: 1))
            }
            missingStart = nil
        }
        for i in inside {
            let p = s.periods[i]
            if values[i] == nil {
                if missingStart == nil { missingStart = panel.x(p.start) }
                missingEnd = panel.x(clamp(p.lastDay.adding(days: 1)))
            } else {
                closeMissing()
            }
        }
        closeMissing()
        // The event and the release.
        let ex = panel.x(design.eventDate)
        chart.line(ex, panel.top, ex, panel.bottom, colour: .vermillion, width: 0.8, stroke: .dashed)
        if let released = e.released, panel.days.contains(released) {
            let rx = panel.x(released)
            chart.line(rx, panel.top, rx, panel.bottom, colour: .purple, width: 1, stroke: .dotted)
            if panel.labelMarkers {
                chart.text("released \(released.iso)", x: rx + 2, y: panel.top + 3 * tickSize + 3, size: tickSize, colour: .black)
            }
        }
        if panel.labelMarkers {
            chart.text("event \(design.eventDate.iso)", x: ex + 2, y: panel.top + 2 * tickSize + 2, size: tickSize, colour: .vermillion)
        }
        // The line, broken at missing periods; lone points as dots.
        var run: [(Double, Double)] = []
        func flush() {
            if run.count == 1 { chart.marks.append(.circle(x: run[0].0, y: run[0].1, radius: panel.lineWidth * 1.3, fill: .blue, hollow: false)) }
            if run.count > 1 { chart.marks.append(.polyline(points: run, colour: .blue, width: panel.lineWidth)) }
            run = []
        }
        for i in inside {
            if let v = values[i] { run.append((panel.x(s.periods[i]), y(v))) } else { flush() }
        }
        flush()
    }

    /// The legend line every series chart shares.
    static let legend =
        "Windows: pre (grey), event (orange), post (blue). Dashed line: event; dotted: release; grey strip under the axis: not covered (missing, not zero)."

    /// One series on its own calendar axis (its periods and its windows), for the report's per-series section.
    public static func series(_ e: ReportData.Entry, data: ReportData, width: Double = FigureSize.points(FigureSize.twoColumns), share: Bool = false) -> Chart {
        let s = e.series
        let design = data.design.moved(to: Day(iso: e.result.eventDate) ?? data.design.eventDate)
        var lo = design.days(design.pre).lowerBound, hi = design.days(design.post).upperBound
        if let f = s.first?.start { lo = min(lo, f) }
        if let l = s.last?.lastDay { hi = max(hi, l) }
        let unit = unit(s, share: share)
        let height = 150.0
        var chart = Chart(
            width: width, height: height,
            description:
                "\(e.name), \(s.key.source): \(unit), \(lo.iso) to \(hi.iso); event \(design.eventDate.iso)\(e.released.map { ", released \($0.iso)" } ?? ""). \(legend)"
        )
        let plotLeft = 52.0
        let panel = Panel(
            left: plotLeft, top: 24, width: width - plotLeft - 10, height: height - 24 - 34, days: lo...hi,
            ticks: DateAxis.ticks(lo, hi, maximumTicks: Int((width - plotLeft) / 48)), share: share, yLabel: unit)
        chart.text("\(e.name) · \(s.key.source)\(share ? " · share of the day's articles" : "")", x: plotLeft, y: 9, size: titleSize, bold: true)
        draw(e, design: design, in: panel, on: &chart)
        chart.text(legend, x: plotLeft, y: height - 4, size: tickSize - 0.5, colour: .dark)
        return chart
    }

    /// The event-aligned small multiples of the roster: every series on days from its person's own event
    /// date (so people featured on different dates line up), windows shaded, each on its own y scale.
    public static func roster(_ data: ReportData, width: Double = FigureSize.points(FigureSize.twoColumns)) -> Chart {
        let n = max(data.entries.count, 1)
        let columns = n <= 2 ? n : n <= 4 ? 2 : n <= 9 ? 3 : n <= 16 ? 4 : 5
        let rows = (n + columns - 1) / columns
        let d = data.design
        let from = min(d.pre.lowerBound, d.event.lowerBound), to = max(d.post.upperBound, d.event.upperBound)
        let units = Set(data.entries.map { unit($0.series) })
        let sharedUnit = units.count == 1 ? units.first : nil
        let outerLeft = 14.0, cellWidth = (width - outerLeft) / Double(columns), cellHeight = 78.0, legendHeight = 22.0
        let height = min(Double(rows) * cellHeight + legendHeight + 4, FigureSize.points(FigureSize.maximumHeight))
        let cell = (height - legendHeight - 4) / Double(rows)
        let dates = Set(data.entries.map(\.result.eventDate))
        var chart = Chart(
            width: width, height: height,
            description:
                "\(data.entries.count) series aligned on \(dates.count == 1 ? "the event date \(d.eventDate.iso)" : "each person's own event date"), days \(from) to +\(to); \(sharedUnit ?? "each panel on its own scale"). \(legend)"
        )
        let stepDays = (to - from) > 240 ? 90 : (to - from) > 90 ? 30 : 7
        for (i, e) in data.entries.enumerated() {
            let eventDate = Day(iso: e.result.eventDate) ?? d.eventDate
            let design = d.moved(to: eventDate)
            let ticks = stride(from: (from / stepDays) * stepDays, through: to, by: stepDays).map { k in
                (day: eventDate.adding(days: k), label: k == 0 ? "0" : k > 0 ? "+\(k)" : "−\(-k)")
            }
            let col = Double(i % columns), row = Double(i / columns)
            let left = outerLeft + col * cellWidth + 22, top = row * cell + 14
            let panel = Panel(
                left: left, top: top, width: cellWidth - 30, height: cell - 32, days: eventDate.adding(days: from)...eventDate.adding(days: to),
                ticks: ticks, tickLabels: i + columns >= n, lineWidth: 0.6, labelMarkers: i == 0, yLabel: nil)
            let title = e.name + (sharedUnit == nil ? " · \(unit(e.series))" : "") + (dates.count > 1 ? " · \(eventDate.iso)" : "")
            chart.text(title, x: left, y: top - 4, size: titleSize, bold: true)
            draw(e, design: design, in: panel, on: &chart)
        }
        let bottom = height - legendHeight
        if let sharedUnit { chart.text(sharedUnit, x: 8, y: bottom / 2, size: labelSize, anchor: .middle, angle: -90) }
        chart.text(
            "Days from \(dates.count == 1 ? "the event (\(d.eventDate.iso))" : "each person's own event date"); each panel on its own y scale.",
            x: outerLeft, y: bottom + 8, size: labelSize)
        chart.text(legend, x: outerLeft, y: bottom + 17, size: tickSize, colour: .dark)
        return chart
    }

    /// Kept for callers of the earlier overview: the roster's small multiples.
    public static func overview(_ data: ReportData) -> Chart { roster(data) }

    /// A diamond marker around (x, y).
    static func diamond(_ x: Double, _ y: Double, _ r: Double) -> [(Double, Double)] { [(x, y - r), (x + r, y), (x, y + r), (x - r, y)] }

    /// Event/pre and post/pre rate ratios (quasi-Poisson) with 95% intervals on a log scale: a row per
    /// series under its group's heading, then the pooled random-effects rows per group.
    public static func forest(_ data: ReportData, width: Double = FigureSize.points(FigureSize.twoColumns)) -> Chart {
        enum Row { case heading(String), series(String, RateRatio?, RateRatio?), pooled(String, RateRatio?, RateRatio?) }
        var rows: [Row] = []
        let grouped = Dictionary(grouping: data.entries, by: { $0.result.group ?? "" })
        let order = ["featured", "control"] + grouped.keys.filter { $0 != "featured" && $0 != "control" }.sorted()
        for g in order {
            guard let entries = grouped[g] else { continue }
            if grouped.count > 1 || !g.isEmpty {
                rows.append(.heading(g.isEmpty ? "Not in a group" : g == "featured" ? "Featured" : g == "control" ? "Controls" : g))
            }
            for e in entries {
                let label = data.entries.filter({ $0.name == e.name }).count > 1 ? "\(e.name) (\(e.series.key.source))" : e.name
                rows.append(.series(label, e.result.rateRatios.event?.quasiPoisson, e.result.rateRatios.post?.quasiPoisson))
            }
        }
        var pooled: [Row] = []
        for (pick, label) in [(\AnalysisReport.Pooled.featured, "Featured"), (\.control, "Controls"), (\.all, "All")] {
            if let ev = data.analysis.pooled["event"]?[keyPath: pick] {
                pooled.append(.pooled("\(label) (\(ev.people))", ev.random, data.analysis.pooled["post"]?[keyPath: pick]?.random))
            }
        }
        if !pooled.isEmpty { rows += [.heading("Pooled (random effects)")] + pooled }

        let rowHeight = 10.5, top = 22.0, axisSpace = 30.0
        let labels = rows.map { r -> (String, Bool) in
            switch r {
            case let .heading(t): (t, true)
            case let .series(t, _, _), let .pooled(t, _, _): (t, false)
            }
        }
        let labelWidth = min((labels.map { ChartRenderer.textWidth($0.0, size: labelSize, bold: $0.1) }.max() ?? 60) + 10, width * 0.35)
        let panelWidth = (width - labelWidth - 16) / 2
        let height = top + rowHeight * Double(rows.count) + axisSpace
        var chart = Chart(
            width: width, height: height,
            description:
                "Forest plot: event/pre and post/pre quasi-Poisson rate ratios with 95% intervals on a log scale, \(data.entries.count) series (dots) and pooled random-effects estimates per group (diamonds)"
        )
        var all: [Double] = []
        for r in rows {
            if case let .series(_, a, b) = r { [a, b].forEach { all += $0.map { [$0.estimate] + ($0.ci95 ?? []) } ?? [] } }
            if case let .pooled(_, a, b) = r { [a, b].forEach { all += $0.map { [$0.estimate] + ($0.ci95 ?? []) } ?? [] } }
        }
        all = all.filter { $0 > 0 && $0.isFinite }
        let lo = max(min(all.min() ?? 0.5, 0.5), 0.01), hi = min(max(all.max() ?? 2, 2), 1000)
        let (llo, lhi) = (log(lo) - 0.08, log(hi) + 0.08)
        let axisY = top + rowHeight * Double(rows.count) + 2
        for (k, name) in ["Event / pre", "Post / pre"].enumerated() {
            let x0 = labelWidth + Double(k) * (panelWidth + 12)
            func x(_ v: Double) -> Double { x0 + panelWidth * (log(min(max(v, lo), hi)) - llo) / (lhi - llo) }
            chart.text(name, x: x0 + panelWidth / 2, y: 10, size: titleSize, anchor: .middle, bold: true)
            chart.line(x(1), top - 4, x(1), axisY, colour: .grey, width: 0.6, stroke: .dashed)
            chart.line(x0, axisY, x0 + panelWidth, axisY)
            for tick in ValueAxis.spacedLogTicks(lo, hi, spacing: 22, x: x) {
                chart.line(x(tick), axisY, x(tick), axisY + 2.5)
                chart.text(ValueAxis.ratioLabel(tick), x: x(tick), y: axisY + 4 + tickSize, size: tickSize, anchor: .middle)
            }
            chart.text("\(name.lowercased()) rate ratio (log scale)", x: x0 + panelWidth / 2, y: axisY + 22, size: labelSize, anchor: .middle)
            for (i, row) in rows.enumerated() {
                let y = top + rowHeight * Double(i) + rowHeight / 2
                let (ratio, isPooled): (RateRatio?, Bool)
                switch row {
                case .heading: continue
                case let .series(_, a, b): (ratio, isPooled) = (k == 0 ? a : b, false)
                case let .pooled(_, a, b): (ratio, isPooled) = (k == 0 ? a : b, true)
                }
                guard let r = ratio, r.estimate > 0, r.estimate.isFinite else {
                    chart.text("not estimable", x: x(1) + 3, y: y + tickSize * 0.35, size: tickSize, colour: .dark)
                    continue
                }
                if let ci = r.ci95 {
                    chart.line(x(ci[0]), y, x(ci[1]), y, colour: isPooled ? .vermillion : .blue, width: isPooled ? 1.2 : 0.8)
                }
                if isPooled {
                    chart.marks.append(.polygon(points: diamond(x(r.estimate), y, 3.4), fill: .vermillion, opacity: 1))
                } else {
                    chart.marks.append(.circle(x: x(r.estimate), y: y, radius: 2, fill: .blue, hollow: false))
                }
            }
        }
        for (i, (label, heading)) in labels.enumerated() {
            let y = top + rowHeight * Double(i) + rowHeight / 2 + labelSize * 0.35
            chart.text(label, x: heading ? 4 : 10, y: y, size: labelSize, bold: heading)
        }
        return chart
    }

    /// The event study: featured/control rate ratio by week from each person's own date, against week −1,
    /// with 95% intervals on a log scale; leads (hollow, grey) left of the dashed event line, lags (filled).
    public static func eventStudy(_ study: AlignedEventStudy, width: Double = FigureSize.points(FigureSize.oneColumn)) -> Chart {
        let weeks = study.leads + study.lags
        let left = 40.0, right = 8.0, top = 22.0, plotHeight = 130.0
        let plotWidth = width - left - right
        var chart = Chart(
            width: width, height: top + plotHeight + 34,
            description:
                "Event study (\(study.measure), \(study.people) people): featured against control rate ratio by week from each person's own date, relative to week −1, 95% intervals clustered by person, log scale"
        )
        let values = weeks.flatMap { $0.ratio.ci95 ?? [$0.ratio.estimate] }.filter { $0 > 0 && $0.isFinite }
        let lo = max(min(values.min() ?? 0.5, 0.5), 0.01), hi = min(max(values.max() ?? 2, 2), 1000)
        let (llo, lhi) = (log(lo) - 0.1, log(hi) + 0.1)
        let first = Double(weeks.map(\.week).min() ?? -8), last = Double(weeks.map(\.week).max() ?? 12)
        func x(_ w: Double) -> Double { left + plotWidth * (w - first + 0.5) / (last - first + 1) }
        func y(_ v: Double) -> Double { top + plotHeight * (1 - (log(min(max(v, lo), hi)) - llo) / (lhi - llo)) }
        chart.text("Featured / control, by week (week −1 = 1)", x: left, y: 10, size: titleSize, bold: true)
        chart.line(left, y(1), left + plotWidth, y(1), colour: .grey, width: 0.6, stroke: .dashed)
        chart.line(x(-0.5), top, x(-0.5), top + plotHeight, colour: .vermillion, width: 0.8, stroke: .dashed)
        chart.text("event", x: x(-0.5) + 2, y: top + tickSize, size: tickSize, colour: .vermillion)
        chart.text("leads", x: x(first), y: top + tickSize, size: tickSize, colour: .dark)
        chart.text("lags", x: x(last), y: top + tickSize, size: tickSize, anchor: .end, colour: .dark)
        let axisY = top + plotHeight
        chart.line(left, axisY, left + plotWidth, axisY)
        chart.line(left, top, left, axisY)
        for w in stride(from: Int(first), through: Int(last), by: 1) where w % 2 == 0 {
            chart.line(x(Double(w)), axisY, x(Double(w)), axisY + 2.5)
            chart.text(w < 0 ? "−\(-w)" : String(w), x: x(Double(w)), y: axisY + 4 + tickSize, size: tickSize, anchor: .middle)
        }
        chart.text("weeks from each person's own event date", x: left + plotWidth / 2, y: axisY + 24, size: labelSize, anchor: .middle)
        for tick in ValueAxis.spacedLogTicks(lo, hi, spacing: 12, x: y) {
            chart.line(left - 2.5, y(tick), left, y(tick))
            chart.text(ValueAxis.ratioLabel(tick), x: left - 4, y: y(tick) + tickSize * 0.35, size: tickSize, anchor: .end)
        }
        chart.text("rate ratio (log scale)", x: 10, y: top + plotHeight / 2, size: labelSize, anchor: .middle, angle: -90)
        for w in weeks {
            let r = w.ratio
            guard r.estimate > 0, r.estimate.isFinite else { continue }
            let lead = w.week < study.reference
            let colour: Chart.Colour = lead ? .dark : .blue
            if let ci = r.ci95 { chart.line(x(Double(w.week)), y(ci[0]), x(Double(w.week)), y(ci[1]), colour: colour, width: 0.8) }
            chart.marks.append(.circle(x: x(Double(w.week)), y: y(r.estimate), radius: 2, fill: colour, hollow: lead))
        }
        chart.marks.append(.circle(x: x(Double(study.reference)), y: y(1), radius: 2, fill: .black, hollow: false))
        return chart
    }

    /// A coverage strip per source over the calendar: dark where every series of the source was covered,
    /// orange where some were, white where none was (missing, not zero); the windows and event above.
    public static func coverage(_ data: ReportData, width: Double = FigureSize.points(FigureSize.twoColumns)) -> Chart {
        let sources = Dictionary(grouping: data.entries, by: { $0.series.key.source })
        let names = sources.keys.sorted()
        let span = data.span
        let labelWidth = min((names.map { ChartRenderer.textWidth($0, size: labelSize) }.max() ?? 60) + 10, width * 0.4)
        let stripHeight = 9.0, gap = 5.0, top = 26.0
        let height = top + Double(names.count) * (stripHeight + gap) + 48
        var chart = Chart(
            width: width, height: height,
            description:
                "Coverage of \(names.count) source(s) from \(span.lowerBound.iso) to \(span.upperBound.iso): covered for every series, for some, or not covered (missing)"
        )
        let panel = Panel(
            left: labelWidth, top: top, width: width - labelWidth - 10, height: Double(names.count) * (stripHeight + gap),
            days: span, ticks: DateAxis.ticks(span.lowerBound, span.upperBound, maximumTicks: Int((width - labelWidth) / 48)))
        let d = data.design
        for (w, name) in [(d.pre, "pre"), (d.event, "event"), (d.post, "post")] {
            let r = d.days(w)
            let a = panel.x(max(r.lowerBound, span.lowerBound)), b = panel.x(min(r.upperBound, span.upperBound).adding(days: 1))
            guard a < b else { continue }
            chart.line(a, top - 6, b, top - 6, colour: .dark, width: 0.6)
            chart.line(a, top - 8, a, top - 4, colour: .dark, width: 0.6)
            chart.line(b, top - 8, b, top - 4, colour: .dark, width: 0.6)
            if b - a > 14 { chart.text(name, x: (a + b) / 2, y: top - 9, size: tickSize, anchor: .middle, colour: .dark) }
        }
        chart.text("Coverage by source", x: 4, y: 9, size: titleSize, bold: true)
        for (k, name) in names.enumerated() {
            let y = top + Double(k) * (stripHeight + gap)
            chart.text(name, x: 4, y: y + stripHeight / 2 + labelSize * 0.35, size: labelSize)
            chart.marks.append(.rect(x: panel.left, y: y, width: panel.width, height: stripHeight, fill: .white, opacity: 1))
            // Every period of the source's series: covered by all, some or none.
            var state: [Period: (observed: Int, total: Int)] = [:]
            for e in sources[name]! {
                for (i, p) in e.series.periods.enumerated() where span.contains(p.start) {
                    state[p, default: (0, 0)].total += 1
                    if !e.series.observations[i].isMissing { state[p, default: (0, 0)].observed += 1 }
                }
            }
            // Runs of one state as one rectangle each (no seams between days).
            var run: (start: Double, end: Double, colour: Chart.Colour)?
            func closeRun() {
                if let r = run {
                    chart.marks.append(.rect(x: r.start, y: y, width: max(r.end - r.start, 0.3), height: stripHeight, fill: r.colour, opacity: 1))
                }
                run = nil
            }
            for (p, s) in state.sorted(by: { $0.key < $1.key }) {
                let a = panel.x(p.start), b = panel.x(min(p.lastDay, span.upperBound).adding(days: 1))
                guard s.observed > 0 else { closeRun(); continue }
                let colour: Chart.Colour = s.observed == s.total ? .blue : .orange
                if let r = run, r.colour == colour, abs(r.end - a) < 0.01 { run?.end = b } else { closeRun(); run = (a, b, colour) }
            }
            closeRun()
            for (a, b) in [(panel.left, panel.left + panel.width)] {
                chart.line(a, y, b, y, colour: .grey, width: 0.4)
                chart.line(a, y + stripHeight, b, y + stripHeight, colour: .grey, width: 0.4)
            }
        }
        let axisY = panel.bottom
        chart.line(panel.left, axisY, panel.left + panel.width, axisY)
        for t in panel.ticks {
            chart.line(panel.x(t.day), axisY, panel.x(t.day), axisY + 2.5)
            chart.text(t.label, x: panel.x(t.day), y: axisY + 4 + tickSize, size: tickSize, anchor: .middle)
        }
        let ex = panel.x(d.eventDate)
        if span.contains(d.eventDate) {
            chart.line(ex, top - 2, ex, axisY, colour: .vermillion, width: 0.8, stroke: .dashed)
        }
        // The legend, wrapped onto a second line when the first is full.
        var lx = 4.0, ly = height - 18
        let items: [(Chart.Colour?, String)] = [
            (.blue, "covered"), (.orange, "covered for some series"), (.white, "not covered (missing)"), (nil, "dashed: event \(d.eventDate.iso)"),
        ]
        for (colour, text) in items {
            let w = (colour == nil ? 0 : 13) + ChartRenderer.textWidth(text, size: tickSize) + 12
            if lx + w > width - 4 {
                lx = 4
                ly += 10
            }
            if let colour {
                chart.marks.append(.rect(x: lx, y: ly - 6, width: 10, height: 7, fill: colour, opacity: 1))
                chart.marks.append(.rect(x: lx, y: ly - 6, width: 10, height: 0.4, fill: .grey, opacity: 1))
                chart.marks.append(.rect(x: lx, y: ly + 0.6, width: 10, height: 0.4, fill: .grey, opacity: 1))
                chart.text(text, x: lx + 13, y: ly, size: tickSize)
            } else {
                chart.text(text, x: lx, y: ly, size: tickSize, colour: .vermillion)
            }
            lx += w
        }
        return chart
    }
}
