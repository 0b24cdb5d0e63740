public import EventWindow
public import Foundation
import GlareCore

/// The report for a manuscript: booktabs tables that fit the text width (`longtable`, continued across
/// pages when long), the figures as PDF files drawn by cairo, each in an `\input`-able file, and a
/// `report.tex` that compiles as it is with pdflatex or lualatex, using only the packages of TeX Live's
/// `latex-recommended` collection.
public enum LaTeXReport {
    /// Words for a verdict, as a manuscript writes them.
    public static func words(_ v: Verdict) -> String {
        switch v {
        case .roseAndPersisted: "rose and persisted"
        case .roseThenReturned: "rose, then returned"
        case .rosePersistenceUnclear: "rose; persistence unclear"
        case .noRise: "no rise"
        case .insufficientData: "insufficient data"
        }
    }

    /// A text from the results with every verdict name in words.
    static func inWords(_ s: String) -> String {
        Verdict.allCases.reduce(s) { $0.replacingOccurrences(of: $1.rawValue, with: words($1)) }
    }

    /// File name → contents. `caption` replaces the results table's caption; `label` is the prefix of
    /// every label (`tab:LABEL-results`, `tab:LABEL-pooled`, `fig:LABEL-roster`, …).
    public static func render(_ data: ReportData, caption: String? = nil, label: String = "glare") throws -> [String: Data] {
        var files: [String: Data] = [:]
        let e = LaTeXText.escape
        let results = ReportTables.results(data)
        files["table-results.tex"] = Data(
            table(
                caption: caption.map(e)
                    ?? "Attention before, during and after \(data.design.eventDate.iso): quasi-Poisson rate ratios against pre with 95\\% intervals, placebo \\emph{p}-values and verdicts.",
                label: "tab:\(label)-results", columns: "L.15 L.15 r L.09 r L.09 r L.12",
                header: ["Person", "Source", "Event/pre", "95\\% CI", "Post/pre", "95\\% CI", "Placebo \\emph{p}", "Verdict"],
                rows: zip(data.entries, results).map { entry, row in
                    let r = entry.result
                    func split(_ ratio: RateRatio?) -> [String] {
                        guard let ratio else { return ["--", ""] }
                        return [e(ReportText.fixed(ratio.estimate)), ratio.ci95.map { e("\(ReportText.fixed($0[0]))–\(ReportText.fixed($0[1]))") } ?? ""]
                    }
                    return [e(row[0]), e(row[1])] + split(r.rateRatios.event?.quasiPoisson) + split(r.rateRatios.post?.quasiPoisson)
                        + [e(row[7]), words(r.verdict)]
                }
            ).utf8)
        files["table-pooled.tex"] = Data(
            table(
                caption: "Pooled rate ratios (DerSimonian--Laird random effects) and the difference in differences of featured against control people.",
                label: "tab:\(label)-pooled", columns: "L.22 l r L.2 L.2 r",
                header: ["Group", "Window", "People", "Rate ratio (random effects)", "Fixed effect", "$\\tau^2$"],
                rows: ReportTables.pooled(data).map { $0.map(e) }
            ).utf8)
        var inputs = ["table-results", "table-pooled"]
        for f in JournalFigures.all(data) {
            let pdf = "figure-\(f.name).pdf"
            files[pdf] = try ChartRenderer.render(f.chart, as: .pdf)
            let width = f.chart.width > FigureSize.points(FigureSize.oneColumn) + 1 ? "\\linewidth" : "\(FigureSize.oneColumn)in"
            files["figure-\(f.name).tex"] = Data(
                ("\\begin{figure}[htbp]\n\\centering\n\\includegraphics[width=\(width)]{\(pdf)}\n\\caption{\(e(f.caption))}\n\\label{fig:\(label)-\(f.name)}\n\\end{figure}\n")
                    .utf8)
            inputs.append("figure-\(f.name)")
        }
        // The provenance as comment lines at the top of every TeX file.
        let provenance = data.provenance.map { $0.lines.map { "% " + $0 + "\n" }.joined() } ?? ""
        for name in files.keys where name.hasSuffix(".tex") { files[name] = Data(provenance.utf8) + files[name]! }
        files["report.tex"] =
            Data(provenance.utf8)
            + Data(
                """
                % Compiles as it is with pdflatex or lualatex (TeX Live latex-recommended packages only).
                \\documentclass[11pt]{article}
                \\usepackage{iftex}
                \\ifPDFTeX
                  \\usepackage[utf8]{inputenc}
                  \\usepackage[T1]{fontenc}
                  \\usepackage{lmodern}
                \\fi
                \\usepackage{textcomp}
                \\usepackage[a4paper,margin=2.5cm]{geometry}
                \\usepackage{booktabs,longtable,array,graphicx}
                \\begin{document}
                \\section*{\(e(data.title))}
                \(ReportText.summary(data).map { e(inWords($0)) }.joined(separator: "\n\n"))

                \(inputs.map { "\\input{\($0)}" }.joined(separator: "\n"))
                \\clearpage
                \\subsection*{Methods}
                \(ReportText.methods(data).map { e(inWords($0)) }.joined(separator: "\n\n"))
                \\end{document}

                """.utf8)
        return files
    }

    /// A booktabs `longtable` at the text width (text columns `L{share}` wrap at that share of the line
    /// width); a long table continues on the next page with its header repeated.
    static func table(caption: String, label: String, columns: String, header: [String], rows: [[String]]) -> String {
        let spec = columns.split(separator: " ").map { c -> String in
            c.hasPrefix("L") ? ">{\\raggedright\\arraybackslash}p{\(c.dropFirst())\\linewidth}" : String(c)
        }.joined()
        let head = header.joined(separator: " & ") + " \\\\\n"
        var t = "{\\footnotesize\n\\setlength{\\tabcolsep}{3.5pt}\n\\begin{longtable}{\(spec)}\n"
        t += "\\caption{\(caption)}\\label{\(label)}\\\\\n\\toprule\n" + head + "\\midrule\n\\endfirsthead\n"
        t += "\\caption[]{(continued)}\\\\\n\\toprule\n" + head + "\\midrule\n\\endhead\n\\bottomrule\n\\endlastfoot\n"
        for row in rows { t += row.joined(separator: " & ") + " \\\\\n" }
        return t + "\\end{longtable}\n}\n"
    }
}
