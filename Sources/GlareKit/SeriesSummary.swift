import GlareCore
import GlareReport
public import GlareStore

/// A plain-text table of stored series with their span, coverage and inputs.
public enum SeriesSummary {
    public static func text(_ series: [StoredSeries]) -> String {
        guard !series.isEmpty else { return "no series stored\n" }
        var lines = ["\(series.count) series:"]
        for s in series {
            let a = s.series
            let span = "\(a.first?.label ?? "-")..\(a.last?.label ?? "-")"
            let partly = a.coverage.indices.filter { a.coverage[$0].map { !$0.isComplete && $0.covered > 0 } == true }
            let admitted = a.partialCount
            var coverage = ""
            if !partly.isEmpty {
                let examples = partly.prefix(3).map { "\(a.periods[$0].label) \(a.coverage[$0]!)" }.joined(separator: ", ")
                coverage = "; \(partly.count) partly covered (\(admitted > 0 ? "admitted as values" : "missing")): \(examples)\(partly.count > 3 ? ", …" : "")"
            }
            let kindLabel = s.kind.map { " [\($0)]" } ?? ""
            lines.append(
                "  \(a.key.person)  \(a.key.source)  \(a.resolution.adjective) \(span)  \(a.observedCount)/\(a.periods.count) periods observed\(coverage)\(kindLabel)"
            )
            for i in s.inputs {
                let how = i.ontoSHA256.map { "joined onto \($0.prefix(8)) over \(i.overlapPoints) periods" } ?? "reference"
                lines.append(
                    "      \(i.originalName) [\(i.snapshotSHA256.prefix(8))] \(how), factor \(NumberFormat.string((i.factor * 10_000).rounded() / 10_000))")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
