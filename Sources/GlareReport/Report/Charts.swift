public import EventWindow
import Foundation
import GlareCore

/// The report's pictures, built as `Chart`s.
public enum Charts {
    /// One series over the shared span: windows shaded, the event marked, missing periods as grey
    /// ticks under the axis (a gap in the line, never a drop to zero), the release marked, and where
    /// the values have standard errors (repeated Trends samples), a band of ±1.96 standard errors.
    public static func series(
        _ e: ReportData.Entry, data: ReportData, width: Double = 640, height: Double = 150,
        share: Bool = false, title: String? = nil
    ) -> Chart {
        let s = e.series
        let label = title ?? "\(e.name) · \(s.key.source)"
        var chart = Chart(
            width: width, height: height,
            description:
                "\(label): \(share ? "share of all documents" : s.key.measure.rawValue) per \(s.resolution.rawValue), \(data.span.lowerBound.iso) to \(data.span.upperBound.iso)"
        )
        let left = 44.0, right = width - 8, top = 18.0, bottom = height - 22
        let span = data.span
        let days = Double(span.lowerBound.distance(to: span.upperBound) + 1)
        func x(_ d: Day) -> Double { left + (right - left) * Double(span.lowerBound.distance(to: d)) / days }
        let values: [Double?] = s.periods.indices.map { i in
            guard let v = s.observations[i].numeric() else { return nil }
            if share { return s.totals[i].flatMap { $0 > 0 ? v / $0 * 100 : nil } }
            return v
        }
        let maxValue = max(values.compactMap { $0 }.max() ?? 1, share ? 0.001 : 1)
        func y(_ v: Double) -> Double { bottom - (bottom - top) * v / maxValue }
        let design = data.design.moved(to: Day(iso: e.result.eventDate) ?? data.design.eventDate)
        for (w, colour, opacity) in [(design.pre, Chart.Colour.light, 1.0), (design.event, .yellow, 0.45), (design.post, .sky, 0.18)] {
            let r = design.days(w)
            chart.marks.append(
                .rect(
                    x: x(r.lowerBound), y: top, width: x(r.upperBound.adding(days: 1)) - x(r.lowerBound), height: bottom - top, fill: colour, opacity: opacity))
        }
        chart.marks.append(.line(x1: left, y1: bottom, x2: right, y2: bottom, colour: .black, width: 0.8, dashed: false))
        chart.marks.append(.line(x1: left, y1: top, x2: left, y2: bottom, colour: .black, width: 0.8, dashed: false))
        chart.marks.append(
            .text(x: left - 4, y: top + 4, text: ReportText.fixed(maxValue, maxValue < 10 ? 2 : 0) + (share ? "%" : ""), size: 9, anchor: .end, colour: .black))
        chart.marks.append(.text(x: left - 4, y: bottom, text: "0", size: 9, anchor: .end, colour: .black))
        chart.marks.append(.text(x: left, y: 12, text: label, size: 11, anchor: .start, colour: .black))
        chart.marks.append(.text(x: left, y: height - 6, text: span.lowerBound.iso, size: 9, anchor: .start, colour: .black))
        chart.marks.append(.text(x: right, y: height - 6, text: span.upperBound.iso, size: 9, anchor: .end, colour: .black))
        let ex = x(design.eventDate)
        chart.marks.append(.line(x1: ex, y1: top, x2: ex, y2: bottom, colour: .vermillion, width: 1.2, dashed: true))
        chart.marks.append(.text(x: ex + 3, y: top + 9, text: "event \(design.eventDate.iso)", size: 9, anchor: .start, colour: .vermillion))
        if let released = e.released, span.contains(released) {
            let rx = x(released)
            chart.marks.append(.line(x1: rx, y1: top, x2: rx, y2: bottom, colour: .purple, width: 1.2, dashed: true))
            chart.marks.append(.text(x: rx + 3, y: top + 20, text: "released", size: 9, anchor: .start, colour: .purple))
        }
        // The band: ±1.96 standard errors over each run of periods that have one.
        if !share {
            var band: [(x: Double, lo: Double, hi: Double)] = []
            func close() {
                if band.count > 1 {
                    chart.marks.append(.polygon(points: band.map { ($0.x, y($0.hi)) } + band.reversed().map { ($0.x, y($0.lo)) }, fill: .sky, opacity: 0.45))
                }
                band = []
            }
            for (i, p) in s.periods.enumerated() {
                guard let v = values[i], let se = s.standardErrors[i] else { close(); continue }
                let mid = x(p.start) + (x(p.lastDay.adding(days: 1)) - x(p.start)) / 2
                band.append((mid, max(0, v - 1.96 * se), min(maxValue, v + 1.96 * se)))
            }
            close()
        }
        // The line, broken at missing periods; lone points as dots; missing periods as ticks below the axis.
        var run: [(Double, Double)] = []
        func flush() {
            if run.count == 1 { chart.marks.append(.circle(x: run[0].0, y: run[0].1, radius: 1.6, fill: .blue)) }
            if run.count > 1 { chart.marks.append(.polyline(points: run, colour: .blue, width: 1.3)) }
            run = []
        }
        for (i, p) in s.periods.enumerated() {
            let mid = x(p.start) + (x(p.lastDay.adding(days: 1)) - x(p.start)) / 2
            if let v = values[i] {
                run.append((mid, y(v)))
            } else {
                flush()
                chart.marks.append(.line(x1: mid, y1: bottom + 2, x2: mid, y2: bottom + 6, colour: .grey, width: 1, dashed: false))
            }
        }
        flush()
        return chart
    }

    /// Small multiples of every series on the shared time axis.
    public static func overview(_ data: ReportData) -> Chart {
        let columns = 2, panelWidth = 320.0, panelHeight = 110.0
        let rows = (data.entries.count + columns - 1) / columns
        var chart = Chart(
            width: panelWidth * Double(columns), height: panelHeight * Double(max(rows, 1)) + 24,
            description:
                "Overview: \(data.entries.count) series, windows shaded (pre grey, event yellow, post blue), event marked in red, missing periods as grey ticks"
        )
        for (i, e) in data.entries.enumerated() {
            let panel = series(e, data: data, width: panelWidth, height: panelHeight, title: e.name)
            let dx = Double(i % columns) * panelWidth, dy = Double(i / columns) * panelHeight
            chart.marks += panel.marks.map { shift($0, dx, dy) }
        }
        chart.marks.append(
            .text(
                x: 8, y: chart.height - 8, text: "pre · event · post windows shaded; dashed red: event; dashed purple: release; grey ticks: not covered",
                size: 9, anchor: .start, colour: .black))
        return chart
    }

    /// Event/pre and post/pre rate ratios (quasi-Poisson) with 95% intervals, per series and pooled, on a log scale.
    public static func forest(_ data: ReportData) -> Chart {
        var rows: [(label: String, event: RateRatio?, post: RateRatio?, pooled: Bool)] = data.entries.map {
            ($0.name, $0.result.rateRatios.event?.quasiPoisson, $0.result.rateRatios.post?.quasiPoisson, false)
        }
        for (group, label) in [("featured", "Pooled: featured"), ("control", "Pooled: controls"), ("all", "Pooled: all")] {
            func pick(_ p: AnalysisReport.Pooled?) -> PooledEstimate? {
                group == "featured" ? p?.featured : group == "control" ? p?.control : p?.all
            }
            if let ev = pick(data.analysis.pooled["event"]) {
                rows.append((label, ev.random, pick(data.analysis.pooled["post"])?.random, true))
            }
        }
        let rowHeight = 18.0, labelWidth = 170.0, panelWidth = 230.0, top = 34.0
        var chart = Chart(
            width: labelWidth + 2 * panelWidth + 20, height: top + rowHeight * Double(rows.count) + 28,
            description: "Forest plot of event/pre and post/pre rate ratios with 95% intervals, log scale, per series and pooled")
        let all = rows.flatMap { [$0.event, $0.post] }.compactMap { $0 }.flatMap { $0.ci95 ?? [$0.estimate] }.filter { $0 > 0 && $0.isFinite }
        let lo = max(min(all.min() ?? 0.5, 0.5), 0.01), hi = min(max(all.max() ?? 2, 2), 1000)
        let (llo, lhi) = (log(lo) - 0.1, log(hi) + 0.1)
        for (k, name) in ["Event / pre", "Post / pre"].enumerated() {
            let x0 = labelWidth + Double(k) * (panelWidth + 10)
            func x(_ v: Double) -> Double { x0 + panelWidth * (log(min(max(v, lo), hi)) - llo) / (lhi - llo) }
            chart.marks.append(.text(x: x0 + panelWidth / 2, y: 14, text: name, size: 11, anchor: .middle, colour: .black))
            chart.marks.append(.line(x1: x(1), y1: top - 6, x2: x(1), y2: chart.height - 26, colour: .grey, width: 1, dashed: true))
            let axisY = chart.height - 26
            chart.marks.append(.line(x1: x0, y1: axisY, x2: x0 + panelWidth, y2: axisY, colour: .black, width: 0.8, dashed: false))
            for tick in [0.1, 0.5, 1, 2, 5, 10, 50, 100] where tick >= lo && tick <= hi {
                chart.marks.append(.line(x1: x(tick), y1: axisY, x2: x(tick), y2: axisY + 4, colour: .black, width: 0.8, dashed: false))
                chart.marks.append(.text(x: x(tick), y: axisY + 14, text: ReportText.fixed(tick, tick < 1 ? 1 : 0), size: 9, anchor: .middle, colour: .black))
            }
            for (i, row) in rows.enumerated() {
                let y = top + rowHeight * Double(i) + rowHeight / 2
                guard let r = k == 0 ? row.event : row.post, r.estimate > 0, r.estimate.isFinite else { continue }
                if let ci = r.ci95 {
                    chart.marks.append(
                        .line(x1: x(ci[0]), y1: y, x2: x(ci[1]), y2: y, colour: row.pooled ? .vermillion : .blue, width: row.pooled ? 2 : 1.3, dashed: false))
                }
                chart.marks.append(.circle(x: x(r.estimate), y: y, radius: row.pooled ? 4 : 3, fill: row.pooled ? .vermillion : .blue))
            }
        }
        for (i, row) in rows.enumerated() {
            chart.marks.append(
                .text(x: labelWidth - 8, y: top + rowHeight * Double(i) + rowHeight / 2 + 4, text: row.label, size: 10, anchor: .end, colour: .black))
        }
        return chart
    }

    /// The event study: featured/control rate ratio by week from each person's own date, against week −1,
    /// with 95% intervals on a log scale; leads left of the dashed event line.
    public static func eventStudy(_ study: AlignedEventStudy) -> Chart {
        let weeks = study.leads + study.lags
        let left = 50.0, right = 20.0, top = 28.0, plotWidth = 560.0, plotHeight = 200.0
        var chart = Chart(
            width: left + plotWidth + right, height: top + plotHeight + 40,
            description: "Event study: featured against control rate ratio by week from each person's own date, 95% intervals, log scale")
        let values = weeks.flatMap { $0.ratio.ci95 ?? [$0.ratio.estimate] }.filter { $0 > 0 && $0.isFinite }
        let lo = max(min(values.min() ?? 0.5, 0.5), 0.01), hi = min(max(values.max() ?? 2, 2), 1000)
        let (llo, lhi) = (log(lo) - 0.1, log(hi) + 0.1)
        let first = Double(weeks.map(\.week).min() ?? -8), last = Double(weeks.map(\.week).max() ?? 12)
        func x(_ w: Double) -> Double { left + plotWidth * (w - first + 0.5) / (last - first + 1) }
        func y(_ v: Double) -> Double { top + plotHeight * (1 - (log(min(max(v, lo), hi)) - llo) / (lhi - llo)) }
        chart.marks.append(
            .text(
                x: left + plotWidth / 2, y: 14, text: "Featured / control by week from each person's own date (week −1 = 1)", size: 11, anchor: .middle,
                colour: .black))
        chart.marks.append(.line(x1: left, y1: y(1), x2: left + plotWidth, y2: y(1), colour: .grey, width: 1, dashed: true))
        chart.marks.append(.line(x1: x(-0.5), y1: top, x2: x(-0.5), y2: top + plotHeight, colour: .vermillion, width: 1, dashed: true))
        let axisY = top + plotHeight
        chart.marks.append(.line(x1: left, y1: axisY, x2: left + plotWidth, y2: axisY, colour: .black, width: 0.8, dashed: false))
        for w in stride(from: Int(first), through: Int(last), by: 2) {
            chart.marks.append(.text(x: x(Double(w)), y: axisY + 14, text: String(w), size: 9, anchor: .middle, colour: .black))
        }
        chart.marks.append(.text(x: left + plotWidth / 2, y: axisY + 30, text: "weeks from the person's own date", size: 10, anchor: .middle, colour: .black))
        for tick in [0.1, 0.5, 1, 2, 5, 10, 50, 100] where tick >= lo && tick <= hi {
            chart.marks.append(.text(x: left - 6, y: y(tick) + 3, text: ReportText.fixed(tick, tick < 1 ? 1 : 0), size: 9, anchor: .end, colour: .black))
        }
        for w in weeks {
            let r = w.ratio
            guard r.estimate > 0, r.estimate.isFinite else { continue }
            let colour: Chart.Colour = w.week < -1 ? .grey : .blue
            if let ci = r.ci95 {
                chart.marks.append(.line(x1: x(Double(w.week)), y1: y(ci[0]), x2: x(Double(w.week)), y2: y(ci[1]), colour: colour, width: 1.3, dashed: false))
            }
            chart.marks.append(.circle(x: x(Double(w.week)), y: y(r.estimate), radius: 3, fill: colour))
        }
        chart.marks.append(.circle(x: x(-1), y: y(1), radius: 3, fill: .black))
        return chart
    }

    static func shift(_ m: Chart.Mark, _ dx: Double, _ dy: Double) -> Chart.Mark {
        switch m {
        case let .rect(x, y, w, h, f, o): return .rect(x: x + dx, y: y + dy, width: w, height: h, fill: f, opacity: o)
        case let .line(x1, y1, x2, y2, c, w, d): return .line(x1: x1 + dx, y1: y1 + dy, x2: x2 + dx, y2: y2 + dy, colour: c, width: w, dashed: d)
        case let .polyline(points, c, w): return .polyline(points: points.map { ($0.0 + dx, $0.1 + dy) }, colour: c, width: w)
        case let .polygon(points, f, o): return .polygon(points: points.map { ($0.0 + dx, $0.1 + dy) }, fill: f, opacity: o)
        case let .circle(x, y, r, f): return .circle(x: x + dx, y: y + dy, radius: r, fill: f)
        case let .text(x, y, t, s, a, c): return .text(x: x + dx, y: y + dy, text: t, size: s, anchor: a, colour: c)
        }
    }
}
