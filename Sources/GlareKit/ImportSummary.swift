import GlareCore
import GlareReport
import GlareStore

/// The lines `glare import trends` prints: each file, then each search series and how it was stitched.
public enum ImportSummary {
    public static func text(_ report: TrendsImporter.Report) -> String {
        var lines: [String] = []
        for f in report.files {
            let mapping = zip(f.terms, f.people).map { "\($0.printable) -> \($1)" }.joined(separator: ", ")
            lines.append("\(f.status.rawValue): \(f.file.printable) (\(f.resolution.adjective), \(f.rows) rows; \(mapping))")
        }
        lines.append("")
        lines.append(SeriesSummary.text(report.series))
        return lines.joined(separator: "\n")
    }
}
