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
            let s = AttentionSeries(key: SeriesKey(person: name.replacingOccurrences(of: "_", with: "-"), source: "reference", measure: .news),
                                    resolution: .day, points: points)
            return .init(series: s, group: group)
        }
        let configuration = EventWindowAnalysis.Configuration(design: design, permutationDraws: 99)
        let analysis = EventWindowAnalysis(configuration: configuration).run(inputs)
        let entries = zip(zip(inputs, analysis.results), groups).map { pair, g in
            ReportData.Entry(series: pair.0.series, result: pair.1, name: g.2, released: g.3)
        }
        return ReportData(title: "Attention around the event: test fixture, 2015-09-01", design: design,
                          permutationDraws: 99, seed: configuration.seed, entries: entries, analysis: analysis)
    }()

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
        let html = HTMLReport.render(Self.data)
        try check("report.html", html)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("http://") || html.components(separatedBy: "http://").dropFirst().allSatisfy { $0.hasPrefix("www.w3.org/2000/svg") })
        #expect(html.components(separatedBy: "<svg ").count - 1 == 2 + Self.data.entries.count + 1)   // overview, forest, one per series, the event study
        for id in ["summary", "overview", "rate-ratios", "people", "methods"] { #expect(html.contains("id=\"\(id)\"")) }
        #expect(html.contains("released"))
        #expect(html.contains("glare explain level-shift"))
    }

    @Test func markdownLaTeXJSONAndCSVMatchGolden() throws {
        let (markdown, figures) = MarkdownReport.render(Self.data)
        try check("report.md", markdown)
        #expect(Set(figures.keys) == ["figures/overview.svg", "figures/rate-ratios.svg", "figures/series-1.svg", "figures/series-2.svg",
                                      "figures/series-3.svg", "figures/series-4.svg", "figures/event-study-news.svg"])
        try check("figures/rate-ratios.svg", figures["figures/rate-ratios.svg"]!)
        for path in figures.keys { #expect(markdown.contains("](\(path))")) }

        let tex = LaTeXReport.render(Self.data)
        #expect(Set(tex.keys) == ["report.tex", "table-results.tex", "table-pooled.tex", "figure-overview.tex", "figure-rate-ratios.tex"])
        for (name, text) in tex where name != "figure-overview.tex" { try check("tex/\(name)", text) }
        #expect(tex["table-results.tex"]!.contains("\\toprule") && tex["table-results.tex"]!.contains("\\bottomrule"))
        #expect(tex["report.tex"]!.contains("\\input{table-results}"))

        try check("report.json", try ReportJSON.render(Self.data))
        let csv = ResultsCSV.render(Self.data)
        try check("results.csv", csv)
        #expect(csv.hasPrefix(ResultsCSV.header.joined(separator: ",") + "\r\n"))
        #expect(csv.components(separatedBy: "\r\n").count == Self.data.entries.count + 2)
    }

    /// Every number a reader sees in the tables, figures' captions and the summary comes from the results.
    @Test func noValueIsRenderedThatTheResultsDoNotContain() throws {
        let admissible = ReportText.admissibleNumbers(Self.data)
        func numbers(_ text: String) -> [String] {
            // Dates and identifiers are not values; take the numbers that stand alone.
            let cleaned = text.replacingOccurrences(of: #"\d{4}-\d{2}-\d{2}"#, with: " ", options: .regularExpression)
            return cleaned.matches(of: /<0\.001|\d+(?:\.\d+)?/).map { String($0.output) }
        }
        let html = HTMLReport.render(Self.data)
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

    /// Opens the HTML in headless Chromium (installed by scripts/bootstrap) and checks it renders.
    @Test func rendersInHeadlessChromium() throws {
        guard let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first(where: FileManager.default.isExecutableFile) else {
            if ProcessInfo.processInfo.environment["GLARE_SKIP_BROWSER"] == "1" { return }
            Issue.record("chromium is not installed: run scripts/bootstrap (or set GLARE_SKIP_BROWSER=1)")
            return
        }
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let html = try folder.write("report.html", HTMLReport.render(Self.data))
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
        #expect(dom.components(separatedBy: "<svg").count - 1 == 2 + Self.data.entries.count + 1)   // overview, forest, one per series, the event study
        #expect(!dom.contains("parsererror"))
        let shot = folder.path("shot.png")
        let (shotStatus, _) = try run(["--window-size=1000,3000", "--screenshot=\(shot)", html.absoluteString])
        #expect(shotStatus == 0)
        let png = try Data(contentsOf: URL(fileURLWithPath: shot))
        #expect(png.prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]))
        #expect(png.count > 50_000)
    }
}
