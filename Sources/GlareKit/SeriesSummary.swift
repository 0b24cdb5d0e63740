import GlareCore
import GlareReport
public import GlareStore

/// A plain-text table of stored series with their span, coverage and inputs.
public enum SeriesSummary {
    /// The series, then (when `imports` are given) the stored imports with the ids `glare forget` takes.
    public static func text(_ series: [StoredSeries], imports: [SnapshotRecord] = []) -> String {
        guard !series.isEmpty else { return "no series stored\n" + importsText(imports) }
        let ids = Dictionary(imports.map { ($0.snapshot.sha256, $0.id) }, uniquingKeysWith: { a, _ in a })
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
                    "      \(i.originalName) [\(ids[i.snapshotSHA256].map { "#\($0) " } ?? "")\(i.snapshotSHA256.prefix(8))] \(how), factor \(NumberFormat.string((i.factor * 10_000).rounded() / 10_000))"
                )
            }
        }
        return lines.joined(separator: "\n") + "\n" + importsText(imports)
    }

    /// How many imports a listing shows before it summarises the rest.
    public static let importsShown = 40

    /// `imports (name one to 'glare forget'):` then `#id sha8 kind name importedAt`, newest last.
    static func importsText(_ imports: [SnapshotRecord]) -> String {
        guard !imports.isEmpty else { return "" }
        var lines = ["\(imports.count) import\(imports.count == 1 ? "" : "s") (forget one with 'glare forget ID'):"]
        if imports.count > importsShown { lines.append("  … \(imports.count - importsShown) older ones") }
        for s in imports.suffix(importsShown) {
            lines.append("  #\(s.id)  \(s.snapshot.sha256.prefix(8))  \(s.kind)  \(s.originalName)  \(s.importedAt)")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
