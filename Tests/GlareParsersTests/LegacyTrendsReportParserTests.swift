import Foundation
import GlareCore
import GlareTestSupport
import Testing

@testable import GlareParsers

/// Pre-2017 Google Trends `report.csv` files: the two real ones (`Snapshots/google-trends/legacy_*`)
/// and written fixtures for the layouts they do not show.
@Suite struct LegacyTrendsReportParserTests {
    static func legacy(_ name: String) throws -> (Data, String) {
        let url = name.hasPrefix("legacy_") ? Fixtures.trends(name) : Fixtures.root.appendingPathComponent("Tests/Fixtures/trends-legacy/\(name)")
        return (try Data(contentsOf: url), url.path)
    }

    @Test func realDailyReportOneTermTwoRegions() throws {
        let (data, path) = try Self.legacy("legacy_report_daily_2geos_ebola_2014.csv")
        #expect(LegacyTrendsReportParser.recognises(data))
        #expect(!TrendsAPIParser.recognises(data))
        let e = try LegacyTrendsReportParser.parse(data, source: path)
        #expect(e.format == .legacyCSV && e.resolution == .day && e.property == nil && e.window == "Past 30 days")
        #expect(e.columns == [.init(term: "ebola", geo: "Hong Kong"), .init(term: "ebola", geo: "United States")])
        #expect(e.rows.count == 31 && e.firstPeriod?.label == "2014-10-04" && e.lastPeriod?.label == "2014-11-03")
        #expect(e.rows[12].values == [.value(7), .value(100)])  // 2014-10-16
        // The days not complete at download are blank: missing, never zero.
        #expect(e.rows.suffix(2).allSatisfy { $0.values == [.missing, .missing] })
    }

    @Test func realWeeklyReportWithRangeLabels() throws {
        let (data, path) = try Self.legacy("legacy_report_weekly_2geos_ebola_2013_2014.csv")
        let e = try LegacyTrendsReportParser.parse(data, source: path)
        #expect(e.resolution == .week && e.window == "Past 12 months")
        #expect(e.columns.map(\.geo) == ["Montenegro", "United States"])
        #expect(e.rows.count == 52)
        #expect(e.firstPeriod == Period(resolution: .week, start: Day(iso: "2013-10-27")!))  // a Sunday
        #expect(e.lastPeriod == Period(resolution: .week, start: Day(iso: "2014-10-19")!))
        #expect(e.rows.last?.values == [.value(0), .value(50)])
    }

    @Test func severalTermsInOneRegionAndTrailingSections() throws {
        let (data, path) = try Self.legacy("report_multiterm_daily_oneregion.csv")
        let e = try LegacyTrendsReportParser.parse(data, source: path)
        #expect(e.columns == [.init(term: "liu xia", geo: "Worldwide"), .init(term: "gao yu", geo: "Worldwide")])
        #expect(e.window == "Sep 2015")
        #expect(e.rows.count == 8 && e.rows[3].values == [.value(100), .value(33)])
        #expect(e.rows.last?.values == [.missing, .missing])
    }

    @Test func spreadsheetReSavedWeeksWithTwoDigitYears() throws {
        let (data, path) = try Self.legacy("report_weekly_resaved_mdyy.csv")
        let e = try LegacyTrendsReportParser.parse(data, source: path)
        #expect(e.resolution == .week)
        #expect(e.firstPeriod == Period(resolution: .week, start: Day(iso: "2014-09-21")!))
        #expect(e.rows.map { $0.values[1] } == [.value(5), .value(57), .value(63), .value(100), .value(50)])
        // The same weeks as the real export's last five.
        let (real, realPath) = try Self.legacy("legacy_report_weekly_2geos_ebola_2013_2014.csv")
        #expect(Array(try LegacyTrendsReportParser.parse(real, source: realPath).rows.suffix(5)) == e.rows)
    }

    @Test func monthlyNewsSearchIsItsOwnProduct() throws {
        let (data, path) = try Self.legacy("report_monthly_news.csv")
        let e = try LegacyTrendsReportParser.parse(data, source: path)
        #expect(e.property == "news" && e.resolution == .month && e.window == "2004 - present")
        #expect(e.columns == [.init(term: "ebola", geo: "United States")])
        #expect(e.rows.map(\.period.label) == ["2014-06-01", "2014-07-01", "2014-08-01", "2014-09-01", "2014-10-01", "2014-11-01"])
        #expect(e.rows.last?.values == [.missing])
    }

    @Test func twoDigitYearsAreThisCentury() {
        #expect(LegacyTrendsReportParser.day("10/4/14") == Day(iso: "2014-10-04"))
        #expect(LegacyTrendsReportParser.day("1/31/04") == Day(iso: "2004-01-31"))
        #expect(LegacyTrendsReportParser.day("10/4/2014") == Day(iso: "2014-10-04"))
        #expect(LegacyTrendsReportParser.day("13/4/14") == nil)
        #expect(LegacyTrendsReportParser.day("1999-01-01") == nil)  // before Trends
        #expect(LegacyTrendsReportParser.day("1/1/9223372036854775807") == nil)
    }

    @Test func badRowsNameTheirLine() {
        let bad = Data("Web Search interest: ebola\nUnited States; Past 7 days\n\nInterest over time\nDay,ebola\n2014-10-04,3\n2014-10-06,4\n".utf8)
        #expect(throws: ParseError(source: "r.csv", line: 7, reason: "2014-10-06 does not follow 2014-10-04 (expected 2014-10-05)")) {
            try LegacyTrendsReportParser.parse(bad, source: "r.csv")
        }
        let week = Data("Web Search interest: ebola\nUS\nPast year\n\nInterest over time\nWeek,ebola\n2014-10-05 - 2014-10-12,3\n".utf8)
        #expect(throws: ParseError(source: "w.csv", line: 7, reason: "the week '2014-10-05 - 2014-10-12' does not span seven days")) {
            try LegacyTrendsReportParser.parse(week, source: "w.csv")
        }
        let none = Data("Web Search interest: ebola\nUS\nPast year\n\nTop regions for ebola\nRegion,ebola\n".utf8)
        #expect(throws: ParseError.self) { try LegacyTrendsReportParser.parse(none, source: "n.csv") }
    }
}
