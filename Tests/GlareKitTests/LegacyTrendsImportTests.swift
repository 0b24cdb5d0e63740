import Foundation
import GlareCore
import GlareKit
import GlareReport
import GlareStore
import GlareTestSupport
import Testing

/// Pre-2017 Trends reports and repeated samples through the importer: each region its own series,
/// blank periods missing, products apart, samples of one request averaged with a standard error.
@Suite struct LegacyTrendsImportTests {
    func importer(_ folder: TemporaryFolder, roster: Roster = Roster(name: "empty", people: [])) -> TrendsImporter {
        TrendsImporter(roster: roster, rosterName: "roster.yaml", workspace: Workspace(databasePath: folder.path("g.sqlite"), environment: [:]), logger: .quiet)
    }

    @Test func bothRealReportsImportWithEachRegionAsASeries() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let report = try importer(folder).importFiles(
            [
                Fixtures.trends("legacy_report_daily_2geos_ebola_2014.csv").path,
                Fixtures.trends("legacy_report_weekly_2geos_ebola_2013_2014.csv").path,
            ],
            options: .init(allowUnknownTerms: true))
        let series = report.series.map(\.series)
        #expect(
            Set(series.map(\.key.source)) == [
                "google-trends/daily/hong-kong/ebola", "google-trends/daily/united-states/ebola",
                "google-trends/weekly/montenegro/ebola", "google-trends/weekly/united-states/ebola",
            ])
        #expect(series.labels("ebola", "google-trends/daily/united-states/ebola").suffix(3) == ["2014-11-01=10/-", "2014-11-02=NA/-", "2014-11-03=NA/-"])
        // --geo keeps one region of a report.
        let other = try TemporaryFolder()
        defer { other.remove() }
        var options = TrendsImporter.Options(allowUnknownTerms: true)
        options.geo = "United States"
        let one = try importer(other).importFiles([Fixtures.trends("legacy_report_daily_2geos_ebola_2014.csv").path], options: options)
        #expect(one.series.map(\.series.key.source) == ["google-trends/daily/united-states/ebola"])
        options.geo = "France"
        #expect(throws: ImportError.self) {
            try importer(other).importFiles([Fixtures.trends("legacy_report_weekly_2geos_ebola_2013_2014.csv").path], options: options)
        }
    }

    @Test func aNewsSearchReportIsNotStitchedWithWebSearch() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let news = Fixtures.root.appendingPathComponent("Tests/Fixtures/trends-legacy/report_monthly_news.csv").path
        let report = try importer(folder).importFiles([news], options: .init(allowUnknownTerms: true))
        #expect(report.series.map(\.series.key.source) == ["google-trends-news/monthly/united-states/ebola"])
    }

    @Test func threeSamplesOfOneRequestAreAveragedWithAStandardError() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        // The same request downloaded three times: Google's sampling moves a few values by a point or two.
        let days = ["2015-09-01", "2015-09-02", "2015-09-03", "2015-09-04", "2015-09-05", "2015-09-06", "2015-09-07", "2015-09-08"]
        let samples = [[20, 22, 60, 100, 41, 30, 25, 21], [21, 22, 58, 100, 43, 29, 25, 22], [19, 23, 61, 100, 40, 30, 26, 20]]
        var paths: [String] = []
        for (k, values) in samples.enumerated() {
            let rows = zip(days, values).map { "\($0),\($1)" }.joined(separator: "\n")
            paths.append(try folder.write("sample-\(k).csv", "Category: All categories\n\nDay,Liu Xia: (Worldwide)\n\(rows)\n").path)
        }
        let roster = Roster(name: "t", people: [Person(id: "liu-xia", name: "Liu Xia", aliases: [Alias(text: "Liu Xia")])])
        let report = try importer(folder, roster: roster).importFiles(paths)
        let s = try #require(report.series.first).series
        #expect(report.series.count == 1 && report.series[0].inputs.count == 3)
        // Each day the mean of the three on the common scale (each sample's factor from the overlap sums,
        // weights 1/factor²), with the standard error of the three scaled values.
        let factor = Dictionary(uniqueKeysWithValues: report.series[0].inputs.map { ($0.originalName, $0.factor) })
        let f = (0..<3).map { factor["sample-\($0).csv"]! }
        #expect(f.allSatisfy { abs($0 - 1) < 0.05 })
        for (i, period) in s.periods.enumerated() {
            let scaled = (0..<3).map { Double(samples[$0][i]) * f[$0] }
            let weights = f.map { 1 / ($0 * $0) }
            let mean = zip(scaled, weights).map { $0 * $1 }.reduce(0, +) / weights.reduce(0, +)
            let m = scaled.reduce(0, +) / 3
            let se = (scaled.map { ($0 - m) * ($0 - m) }.reduce(0, +) / 2 / 3).squareRoot()
            #expect(abs((s.observations[i].numeric() ?? -1) - mean) < 1e-9, "\(period.label)")
            #expect(abs((s.standardErrors[i] ?? -1) - se) < 1e-9, "\(period.label)")
        }
        // The export carries it.
        let csv = try SeriesQuery().render(from: try GlareDatabase(path: folder.path("g.sqlite")))
        let first = try #require(csv.split(separator: "\r\n").first { $0.hasPrefix("2015-09-01,") })
        // Trends to 4 significant digits: the standard error as the export writes it.
        #expect(first.hasSuffix(",\(NumberFormat.string(NumberFormat.rounded(s.standardErrors[0]!, significantDigits: 4)))"))
    }
}
