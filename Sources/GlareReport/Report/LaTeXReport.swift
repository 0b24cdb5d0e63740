import EventWindow
import GlareCore

/// The report for a manuscript: booktabs tables and TikZ figures, one `\input`-able file each, and a
/// `report.tex` that puts them together.
public enum LaTeXReport {
    /// File name → contents.
    public static func render(_ data: ReportData) -> [String: String] {
        var files: [String: String] = [:]
        files["table-results.tex"] = table(
            caption:
                "Attention before, during and after \(data.design.eventDate.iso): quasi-Poisson rate ratios against pre with 95\\% intervals, placebo p-values and verdicts.",
            label: "tab:glare-results", columns: "lllrrl",
            header: ["Person", "Source", "Event / pre", "Post / pre", "Placebo $p$", "Verdict"],
            rows: ReportTables.results(data).map { [$0[0], $0[1], $0[5], $0[6], $0[7], $0[9]] })
        files["table-pooled.tex"] = table(
            caption: "Pooled rate ratios (DerSimonian--Laird random effects) and the difference in differences of featured against control people.",
            label: "tab:glare-pooled", columns: "llrlll", header: ReportTables.pooledHeader.map { $0 == "τ²" ? "$\\tau^2$" : $0 },
            rows: ReportTables.pooled(data))
        files["figure-overview.tex"] = figure(
            Charts.overview(data), caption: "Every series on one time axis; windows shaded, event dashed, periods not covered as grey ticks.",
            label: "fig:glare-overview")
        files["figure-rate-ratios.tex"] = figure(Charts.forest(data), caption: "Rate ratios with 95\\% intervals, log scale.", label: "fig:glare-rate-ratios")
        let provenance = data.provenance.map { $0.lines.map { "% " + $0 + "\n" }.joined() } ?? ""
        for name in files.keys { files[name] = provenance + files[name]! }
        files["report.tex"] =
            provenance + """
                \\documentclass{article}
                \\usepackage[utf8]{inputenc}
                \\usepackage[T1]{fontenc}
                \\usepackage{booktabs,tikz,graphicx}
                \\begin{document}
                \\section*{\(Chart.escapeTeX(data.title))}
                \(ReportText.summary(data).map(Chart.escapeTeX).joined(separator: "\n\n"))

                \\input{table-results}
                \\input{table-pooled}
                \\input{figure-overview}
                \\input{figure-rate-ratios}
                \\subsection*{Methods}
                \(ReportText.methods(data).map(Chart.escapeTeX).joined(separator: "\n\n"))
                \\end{document}

                """
        return files
    }

    static func table(caption: String, label: String, columns: String, header: [String], rows: [[String]]) -> String {
        var t = "\\begin{table}[htbp]\n\\centering\\small\n\\caption{\(caption)}\n\\label{\(label)}\n\\begin{tabular}{\(columns)}\n\\toprule\n"
        t += header.joined(separator: " & ") + " \\\\\n\\midrule\n"
        for row in rows { t += row.map(Chart.escapeTeX).joined(separator: " & ") + " \\\\\n" }
        return t + "\\bottomrule\n\\end{tabular}\n\\end{table}\n"
    }

    static func figure(_ chart: Chart, caption: String, label: String) -> String {
        "\\begin{figure}[htbp]\n\\centering\n" + chart.tikz() + "\\caption{\(caption)}\n\\label{\(label)}\n\\end{figure}\n"
    }
}
