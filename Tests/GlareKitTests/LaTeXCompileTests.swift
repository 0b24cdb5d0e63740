import EventWindow
import Foundation
import GlareCore
import GlareKit
import GlareReport
import GlareTestSupport
import Testing

/// `glare report --format tex` compiles as it is with pdflatex and lualatex, with names and titles full
/// of characters TeX chokes on, and a results table long enough to be split: no error, no overfull box
/// over 1 pt. The engines come from `scripts/bootstrap --with-tex`; without them the test fails unless
/// GLARE_SKIP_TEX=1, and is then listed as skipped.
@Suite struct LaTeXCompileTests {
    static let engines = ["pdflatex", "lualatex"].filter { FileManager.default.isExecutableFile(atPath: "/usr/bin/\($0)") }
    static let skipTeX = ProcessInfo.processInfo.environment["GLARE_SKIP_TEX"] == "1"

    /// Every kind of character a roster, a source or a title may bring.
    static let awkward = "Ḥadīja İsmayılova–Ələsgər — “√2 − τ² ≥ 1” & 50% #1 $5 _x_ {a} ~ ^ \\ <b> | Łódź Ħ ſ 刘霞 é ñ ø ß · … 3×4 ±1 ∞"

    static func data() -> ReportData {
        let d = ReportTests.data
        var entries: [ReportData.Entry] = []
        for k in 0..<10 {
            for e in d.entries {
                entries.append(ReportData.Entry(series: e.series, result: e.result, name: "\(k) \(awkward) \(e.name)", released: e.released))
            }
        }
        // A spike from almost nothing: ratios in the hundreds with intervals into the thousands.
        var points: [Period: Observation] = [:]
        for k in -92...212 {
            let v: Double = k < 0 ? (k % 30 == 0 ? 1 : 0) : k < 30 ? 400 + Double(k % 7) * 100 : (k % 45 == 0 ? 1 : 0)
            points[.day(d.design.eventDate.adding(days: k))] = .value(v)
        }
        let spike = AttentionSeries(
            key: SeriesKey(person: "spike", source: "google-trends/daily/united-states/a-very-long-search-term-indeed", measure: .news), resolution: .day,
            points: points)
        let result = EventWindowAnalysis(configuration: .init(design: d.design, permutationDraws: 99)).run([.init(series: spike)]).results[0]
        entries.append(ReportData.Entry(series: spike, result: result, name: "Spike", released: nil))
        return ReportData(title: awkward, design: d.design, permutationDraws: d.permutationDraws, seed: d.seed, entries: entries, analysis: d.analysis)
    }

    @Test func escapesEveryCharacter() {
        let text = LaTeXText.escape(Self.awkward)
        for raw in ["√", "−", "τ", "²", "刘", "Ħ", "ſ", "ə", "<", "|", "…", "×", "±", "∞", "·", "“", "”", "—"] {
            #expect(!text.contains(raw), "\(raw) left as it is")
        }
        for special in ["&", "%", "#", "$", "_"] {
            #expect(
                text.components(separatedBy: special).dropFirst().count == text.components(separatedBy: "\\" + special).dropFirst().count,
                "\(special) unescaped")
        }
        #expect(text.contains("\\ensuremath{\\surd}2") && text.contains("\\ensuremath{-}") && text.contains("[U+5218]"))
        #expect(text.contains("Łódź") && text.contains("İsmayılova"), "letters both engines set stay as they are")
        #expect(LaTeXReport.words(.roseThenReturned) == "rose, then returned")
    }

    @Test(.enabled(if: !engines.isEmpty || !skipTeX, "no TeX engine installed and GLARE_SKIP_TEX=1"))
    func compilesWithPdflatexAndLualatexWithoutOverfullBoxes() throws {
        #expect(Self.engines == ["pdflatex", "lualatex"], "pdflatex and lualatex needed: run scripts/bootstrap --with-tex (or set GLARE_SKIP_TEX=1 to skip)")
        let files = try LaTeXReport.render(Self.data(), caption: "A caption with √ and − and 100%", label: "main")
        #expect(files["table-results.tex"].map { String(decoding: $0, as: UTF8.self).contains("\\label{tab:main-results}") } == true)
        let table = String(decoding: files["table-results.tex"]!, as: UTF8.self)
        #expect(
            table.contains(/Spike & google-trends[^\n]* & \d{3,}\.\d\d & \d+\.\d\d--\\allowbreak\{\}\d{3,}\.\d\d/), "the spike's wide ratio is in the table")
        for engine in Self.engines {
            let folder = try TemporaryFolder()
            defer { folder.remove() }
            for (name, bytes) in files { try bytes.write(to: folder.url.appendingPathComponent(name)) }
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/\(engine)")
            p.arguments = ["-interaction=nonstopmode", "-halt-on-error", "report.tex"]
            p.currentDirectoryURL = folder.url
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            p.waitUntilExit()
            let log = (try? String(contentsOf: folder.url.appendingPathComponent("report.log"), encoding: .isoLatin1)) ?? ""
            let errors = log.split(separator: "\n").filter { $0.hasPrefix("!") }
            #expect(p.terminationStatus == 0, "\(engine) failed: \(errors.prefix(3))")
            #expect(FileManager.default.fileExists(atPath: folder.path("report.pdf")), "\(engine) wrote no PDF")
            let overfull = log.matches(of: /Overfull \\[hv]box \(([\d.]+)pt too (?:wide|high)\)/).compactMap { Double($0.output.1) }.filter { $0 > 1 }
            #expect(overfull.isEmpty, "\(engine): overfull boxes of \(overfull) pt")
            #expect(!log.contains("Missing character"), "\(engine): a glyph is missing from the font")
            #expect(!log.contains("Float too large"), "\(engine): a float is taller than the page")
        }
    }
}
