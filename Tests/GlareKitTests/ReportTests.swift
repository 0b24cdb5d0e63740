import EventWindow
import Foundation
import GlareCore
import GlareKit
import GlareReport
import GlareTestSupport
import Testing

/// Renders every report format from fixed results and compares with golden files
/// (`Tests/GlareKitTests/Golden`; set GLARE_RECORD_GOLDEN=1 to re-record them).
@Suite struct ReportTests {
    static let golden = Fixtures.root.appendingPathComponent("Tests/GlareKitTests/Golden")
    static let record = ProcessInfo.processInfo.environment["GLARE_RECORD_GOLDEN"] == "1"

    /// Four reference series: three featured people and a control, with a release date on one.
    static let data: ReportData = {
        let groups: [(String, Person.Group, String, Day?)] = [
            ("level_shift", .featured, "Level Shift", nil), ("transient_spike", .featured, "Transient Spike", Day(iso: "2016-01-15")),
            ("trend_no_event", .featured, "Trend Without Event", nil), ("flat", .control, "Flat Control", nil),
        ]
        let design = EventDesign(eventDate: Day(iso: "2015-09-01")!)
        let inputs = groups.map { name, group, _, _ -> EventWindowAnalysis.Input in
            let text = try! String(contentsOf: Fixtures.reference.appendingPathComponent("series/\(name).csv"), encoding: .utf8)
            var points: [Period: Observation] = [:]
            for line in text.split(separator: "\n").dropFirst() {
                let c = line.split(separator: ",", omittingEmptySubsequences: false)
                points[.day(Day(iso: c[0])!)] = c[1].isEmpty ? .missing : .value(Double(c[1])!)
            }
            let s = AttentionSeries(
                key: SeriesKey(person: name.replacingOccurrences(of: "_", with: "-"), source: "reference", measure: .news),
                resolution: .day, points: points)
            return .init(series: s, group: group)
        }
        let configuration = EventWindowAnalysis.Configuration(design: design, permutationDraws: 99)
        let analysis = EventWindowAnalysis(configuration: configuration).run(inputs)
        let entries = zip(zip(inputs, analysis.results), groups).map { pair, g in
            ReportData.Entry(series: pair.0.series, result: pair.1, name: g.2, released: g.3)
        }
        return ReportData(
            title: "Attention around the event: test fixture, 2015-09-01", design: design,
            permutationDraws: 99, seed: configuration.seed, entries: entries, analysis: analysis)
    }()

    /// The page with every inline SVG replaced by `<svg/>`: the drawings are cairo's (checked in
    /// `FigureTests`), the page around them is compared here.
    static func withoutDrawings(_ html: String) -> String {
        html.replacing(/<svg[\s\S]*?<\/svg>/, with: "<svg/>")
    }

    func check(_ name: String, _ text: String) throws {
        let url = Self.golden.appendingPathComponent(name)
        if Self.record {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(text == expected, "\(name) differs from its golden file; run with GLARE_RECORD_GOLDEN=1 if the change is intended")
    }

    @Test func htmlMatchesGolden() throws {
        let html = try HTMLReport.render(Self.data)
        try check("report.html", Self.withoutDrawings(html))
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("http://") || html.components(separatedBy: "http://").dropFirst().allSatisfy { $0.hasPrefix("www.w3.org/") })
        #expect(html.components(separatedBy: "<svg ").count - 1 == 4 + Self.data.entries.count)  // roster, forest, event study, coverage, one per series
        for id in ["summary", "overview", "rate-ratios", "people", "methods"] { #expect(html.contains("id=\"\(id)\"")) }
        #expect(html.contains("released"))
        #expect(html.contains("glare explain level-shift"))
    }

    @Test func hostileNamesAndTitlesAreInertInEveryFormat() throws {
        let hostile = "<script>alert(1)</script><img src=x onerror=alert(2)>[x](javascript:alert(3))\\input{/etc/passwd}$x$"
        let d = Self.data
        let entries = d.entries.map { ReportData.Entry(series: $0.series, result: $0.result, name: hostile + $0.name, released: $0.released) }
        let data = ReportData(title: hostile, design: d.design, permutationDraws: d.permutationDraws, seed: d.seed, entries: entries, analysis: d.analysis)
        let html = try HTMLReport.render(data)
        let (markdown, figures) = try MarkdownReport.render(data)
        for (name, text) in [("html", html), ("md", markdown)] + figures.map { ($0.key, $0.value) } {
            #expect(!text.contains("<script") && !text.contains("<img"), "\(name) passes raw HTML through")
        }
        #expect(!markdown.contains("[x](javascript:"), "Markdown passes a link through")
        #expect(markdown.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        for (name, bytes) in try LaTeXReport.render(data) where name.hasSuffix(".tex") {
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(!text.contains("\\input{/etc/passwd}") && !text.contains("$x$"), "\(name) passes TeX commands through")
        }
    }

    @Test func markdownLaTeXJSONAndCSVMatchGolden() throws {
        let (markdown, figures) = try MarkdownReport.render(Self.data)
        try check("report.md", markdown)
        #expect(
            Set(figures.keys) == [
                "figures/overview.svg", "figures/rate-ratios.svg", "figures/coverage.svg", "figures/series-1.svg", "figures/series-2.svg",
                "figures/series-3.svg", "figures/series-4.svg", "figures/event-study-news.svg",
            ])
        for path in figures.keys { #expect(markdown.contains("](\(path))")) }

        let files = try LaTeXReport.render(Self.data)
        var expected: Set<String> = ["report.tex", "table-results.tex", "table-pooled.tex"]
        for f in FigureTests.names { expected.formUnion(["figure-\(f).tex", "figure-\(f).pdf"]) }
        #expect(Set(files.keys) == expected)
        let tex = files.filter { $0.key.hasSuffix(".tex") }.mapValues { String(decoding: $0, as: UTF8.self) }
        for name in ["report.tex", "table-results.tex", "table-pooled.tex"] { try check("tex/\(name)", tex[name]!) }
        #expect(tex["figure-rate-ratios.tex"]!.contains("\\includegraphics[width=\\linewidth]{figure-rate-ratios.pdf}"))
        #expect(tex["table-results.tex"]!.contains("\\toprule") && tex["table-results.tex"]!.contains("\\bottomrule"))
        #expect(tex["report.tex"]!.contains("\\input{table-results}"))

        try check("report.json", try ReportJSON.render(Self.data))
        let csv = ResultsCSV.render(Self.data)
        try check("results.csv", csv)
        #expect(csv.hasPrefix(ResultsCSV.header.joined(separator: ",") + "\r\n"))
        #expect(csv.components(separatedBy: "\r\n").count == Self.data.entries.count + 2)
    }

    /// A golden file as stored (after `check` has compared or, with GLARE_RECORD_GOLDEN=1, written it).
    static func goldenText(_ name: String) throws -> String {
        try String(contentsOf: golden.appendingPathComponent(name), encoding: .utf8)
    }

    /// Window sizes and means of a reference series, computed here from its CSV without Glare's statistics:
    /// pre 2015-06-01...2015-08-28 (the default 3-day gap before the event is left out), event
    /// 2015-09-01...2015-09-30, post 2015-10-01...2016-03-31. With one indicator per window, the Poisson and
    /// quasi-Poisson rate ratio of a window against pre is the ratio of the two means.
    struct ByHand {
        var n: [Int] = [], sum: [Double] = []
        var mean: [Double] { zip(sum, n).map { $0 / Double($1) } }
        var eventRatio: Double { mean[1] / mean[0] }
        var postRatio: Double { mean[2] / mean[0] }

        init(_ file: String) throws {
            let text = try String(contentsOf: Fixtures.reference.appendingPathComponent("series/\(file).csv"), encoding: .utf8)
            let windows = [("2015-06-01", "2015-08-28"), ("2015-09-01", "2015-09-30"), ("2015-10-01", "2016-03-31")]
            n = [0, 0, 0]
            sum = [0, 0, 0]
            for line in text.split(separator: "\n").dropFirst() {
                let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                guard let count = Double(cells[1]) else { continue }
                for (k, w) in windows.enumerated() where cells[0] >= w.0 && cells[0] <= w.1 {  // ISO dates sort as text
                    n[k] += 1
                    sum[k] += count
                }
            }
        }
    }

    static func f2(_ x: Double) -> String { String(format: "%.2f", x) }

    /// Each golden file holds at least one value recomputed here from the fixture data, so a golden file
    /// re-recorded from wrong output cannot pass.
    @Test func goldenFilesHoldValuesComputedByHand() throws {
        let level = try ByHand("level_shift"), flat = try ByHand("flat")
        #expect(level.n == [89, 30, 183] && flat.n == [89, 30, 183])
        let checked: Set<String> = [
            "results.csv", "report.json", "report.html", "report.md",
            "tex/table-results.tex", "tex/table-pooled.tex", "tex/report.tex",
        ]
        let stored = Set(try FileManager.default.subpathsOfDirectory(atPath: Self.golden.path).filter { !$0.hasSuffix("/") && $0.contains(".") })
        #expect(stored == checked, "every golden file needs a value checked by hand below")
        func close(_ a: Double?, _ b: Double, _ tolerance: Double = 1e-12) -> Bool { a.map { abs($0 - b) <= tolerance * max(1, abs(b)) } ?? false }

        // results.csv: the level shift's window means and rate ratios, at full precision.
        let csv = try Self.goldenText("results.csv").components(separatedBy: "\r\n").map { $0.components(separatedBy: ",") }
        let header = csv[0]
        let row = try #require(csv.first { $0.first == "level-shift" })
        func cell(_ name: String) -> Double? { header.firstIndex(of: name).flatMap { Double(row[$0]) } }
        #expect(cell("n_pre") == Double(level.n[0]) && cell("n_event") == Double(level.n[1]) && cell("n_post") == Double(level.n[2]))
        #expect(close(cell("mean_pre"), level.mean[0]) && close(cell("mean_event"), level.mean[1]) && close(cell("mean_post"), level.mean[2]))
        #expect(close(cell("rr_event"), level.eventRatio, 1e-9) && close(cell("rr_post"), level.postRatio, 1e-9))

        // report.json: the same ratio from the quasi-Poisson fit, and the pre window's sum.
        let json = try JSONSerialization.jsonObject(with: Data(try Self.goldenText("report.json").utf8)) as! [String: Any]
        let results = (json["analysis"] as! [String: Any])["results"] as! [[String: Any]]
        let first = try #require(results.first { $0["person"] as? String == "level-shift" })
        let quasi = ((first["rate_ratios"] as! [String: Any])["event"] as! [String: Any])["quasi_poisson"] as! [String: Any]
        #expect(close(quasi["estimate"] as? Double, level.eventRatio, 1e-9))
        #expect((((first["windows"] as! [String: Any])["pre"] as! [String: Any])["sum"] as? Double) == level.sum[0])

        // HTML and Markdown tables: periods, means and the event/pre ratio, as shown (two decimals).
        let means = [0, 1, 2].map { Self.f2(level.mean[$0]) }.joined(separator: "/")
        let html = try Self.goldenText("report.html")
        #expect(
            html.contains(
                "<span class=\"num\">89/30/183</span></td><td class=\"num\"><span class=\"num\">\(means)</span></td><td class=\"num\"><span class=\"num\">\(Self.f2(level.eventRatio)) ("
            ))
        let markdown = try Self.goldenText("report.md")
        #expect(markdown.contains("| Level Shift | reference | featured | 89/30/183 | \(means) | \(Self.f2(level.eventRatio)) ("))

        // LaTeX tables: per series, and the control group's pooled ratio (one control person: her own ratio).
        let results_tex = try Self.goldenText("tex/table-results.tex")
        #expect(results_tex.contains("Level Shift & reference & \(Self.f2(level.eventRatio)) & ") && results_tex.contains("& \(Self.f2(level.postRatio)) & "))
        #expect(results_tex.contains("Flat Control & reference & \(Self.f2(flat.eventRatio)) & "))
        let featured = Self.data.entries.filter { $0.result.group == "featured" }.count
        let pooled = try Self.goldenText("tex/table-pooled.tex")
        #expect(pooled.contains("featured & event /\\allowbreak{} pre & \(featured) & "))
        #expect(
            pooled.contains("control & event /\\allowbreak{} pre & 1 & \(Self.f2(flat.eventRatio)) (")
                && pooled.contains("control & post /\\allowbreak{} pre & 1 & \(Self.f2(flat.postRatio)) ("))
        let tex = try Self.goldenText("tex/report.tex")
        #expect(
            tex.contains("control (news, 1 person): insufficient data ---\\allowbreak{} pooled event/\\allowbreak{}pre \(Self.f2(flat.eventRatio)) [")
                && tex.contains("post/\\allowbreak{}pre \(Self.f2(flat.postRatio)) ["))
    }

    /// Every number a reader sees in the tables, figures' captions and the summary comes from the results.
    @Test func noValueIsRenderedThatTheResultsDoNotContain() throws {
        let admissible = ReportText.admissibleNumbers(Self.data)
        func numbers(_ text: String) -> [String] {
            // Dates and identifiers are not values; take the numbers that stand alone.
            let cleaned = text.replacingOccurrences(of: #"\d{4}-\d{2}-\d{2}"#, with: " ", options: .regularExpression)
            return cleaned.matches(of: /<0\.001|\d+(?:\.\d+)?/).map { String($0.output) }
        }
        let html = try HTMLReport.render(Self.data)
        var seen: [String] = []
        for match in html.matches(of: /<span class="num">([^<]*)<\/span>/) { seen += numbers(String(match.output.1)) }
        for paragraph in ReportText.summary(Self.data) { seen += numbers(paragraph) }
        for row in ReportTables.results(Self.data) + ReportTables.pooled(Self.data) { seen += row.dropFirst(3).flatMap(numbers) }
        #expect(seen.count > 50)
        let stray = seen.filter { !admissible.contains($0) }
        #expect(stray.isEmpty, "numbers not in the results: \(stray)")
    }

    @Test func summaryNeverClaimsMoreThanTheTests() {
        let summary = ReportText.summary(Self.data).joined(separator: " ")
        let verdicts = Self.data.entries.map(\.result.verdict)
        let rose = verdicts.filter { $0 == .roseAndPersisted || $0 == .roseThenReturned || $0 == .rosePersistenceUnclear }.count
        #expect(summary.contains("In \(rose) of \(verdicts.count) the tests show a rise"))
        #expect(summary.contains("\(verdicts.filter { $0 == .noRise }.count) showed no rise"))
    }

    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first(where: FileManager.default.isExecutableFile)
    static let skipBrowser = ProcessInfo.processInfo.environment["GLARE_SKIP_BROWSER"] == "1"

    /// Opens the HTML in headless Chromium (installed by `scripts/bootstrap --with-browser`) and checks it
    /// renders. Without Chromium the test is skipped (and listed as skipped) only when GLARE_SKIP_BROWSER=1;
    /// otherwise a missing browser is a failure, never a pass.
    @Test(.enabled(if: chromium != nil || !skipBrowser, "headless Chromium is not installed and GLARE_SKIP_BROWSER=1"))
    func rendersInHeadlessChromium() throws {
        let chromium = try #require(
            Self.chromium, "chromium is not installed: run scripts/bootstrap --with-browser (or set GLARE_SKIP_BROWSER=1 to skip this test)")
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let html = try folder.write("report.html", try HTMLReport.render(Self.data))
        func run(_ arguments: [String]) throws -> (Int32, String) {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: chromium)
            p.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--user-data-dir=\(folder.path("profile"))"] + arguments
            let out = Pipe()
            p.standardOutput = out
            p.standardError = FileHandle.nullDevice
            try p.run()
            let data = out.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            return (p.terminationStatus, String(decoding: data, as: UTF8.self))
        }
        let (status, dom) = try run(["--dump-dom", html.absoluteString])
        #expect(status == 0)
        #expect(dom.contains("<h1>Attention around the event"))
        #expect(dom.components(separatedBy: "<svg").count - 1 == 4 + Self.data.entries.count)  // roster, forest, event study, coverage, one per series
        #expect(!dom.contains("parsererror"))
        let shot = folder.path("shot.png")
        let (shotStatus, _) = try run(["--window-size=1000,3000", "--screenshot=\(shot)", html.absoluteString])
        #expect(shotStatus == 0)
        let png = try Data(contentsOf: URL(fileURLWithPath: shot))
        #expect(png.prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]))
        #expect(png.count > 50_000)
    }
}
