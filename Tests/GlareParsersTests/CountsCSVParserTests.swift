import Foundation
import GlareCore
import GlareParsers
import GlareTestSupport
import Testing

@Suite struct CountsCSVParserTests {
    func parse(_ text: String, _ options: CountsCSVParser.Options = .init()) throws -> CountsTable {
        try CountsCSVParser.parse(Data(text.utf8), source: "t.csv", options: options)
    }

    func failure(_ text: String, _ options: CountsCSVParser.Options = .init()) -> String? {
        do {
            _ = try parse(text, options)
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test func realMediaCloudStoryCountsAreDailyWithTimestamps() throws {
        let t = try CountsCSVParser.parse(try Data(contentsOf: Fixtures.counts("mediacloud_legacy_storycount_day_2020.csv")), source: "mc.csv")
        #expect(t.columns.date == "date" && t.columns.count == "count")
        #expect(t.series.count == 1)
        let s = t.series[0]
        #expect(s.resolution == .day)
        #expect(s.points[.day(Day(iso: "2020-01-01")!)] == .value(456))
        #expect(s.points[.day(Day(iso: "2020-01-04")!)] == .value(200))
        #expect(s.points.count == 134)
    }

    @Test func mediaCloudThreeDayBucketsWithQuotedTimestampsAndTotals() throws {
        let t = try CountsCSVParser.parse(try Data(contentsOf: Fixtures.counts("mediacloud_3day_quoted.csv")), source: "mc.csv")
        let s = try #require(t.series.first)
        #expect(s.resolution == .days(3))
        #expect(t.columns.total == "total_count")  // found by name; `ratio` is not taken for the count
        #expect(t.columns.count == "count")
        let first = Period(resolution: .days(3), start: Day(iso: "2015-06-02")!)
        #expect(s.points[first] == .value(2))
        #expect(s.totals[first] == 3040)
        #expect(first.lastDay == Day(iso: "2015-06-04")!)
    }

    @Test func weeklyLongTableByMondayWithAGroupColumn() throws {
        let t = try CountsCSVParser.parse(try Data(contentsOf: Fixtures.counts("weekly_long_date_name_count_total.csv")), source: "w.csv")
        #expect(t.columns.group == ["name"])
        #expect(t.series.map(\.group) == ["gao-yu", "liu-xia"])
        #expect(t.series.allSatisfy { $0.resolution == .week })
        #expect(Day(iso: "2015-05-04")!.weekday == 1)  // a Monday: weeks keep the file's own labels
        #expect(t.series[0].points[Period(resolution: .week, start: Day(iso: "2015-05-04")!)] != nil)
        #expect(t.notes.contains { $0.contains("a Monday") })
    }

    @Test func aPeriodMissingFromTheGridIsMissingNotZero() throws {
        let t = try parse("date,count\n2015-09-07,3\n2015-09-14,4\n2015-09-28,0\n")
        let s = AttentionSeries(key: SeriesKey(person: "p", source: "s", measure: .news), resolution: t.series[0].resolution, points: t.series[0].points)
        #expect(s.resolution == .week)
        #expect(s.observations == [.value(3), .value(4), .missing, .value(0)])
    }

    @Test func rWriteCSVWithRowNamesAndNA() throws {
        let t = try parse("\"\",\"date\",\"n\"\n\"1\",\"2015-09-01\",3\n\"2\",\"2015-09-02\",NA\n\"3\",\"2015-09-03\",5\n")
        #expect(t.columns.count == "n")
        #expect(t.series[0].points[.day(Day(iso: "2015-09-02")!)] == .missing)
        #expect(t.series[0].points[.day(Day(iso: "2015-09-03")!)] == .value(5))
        // The same without a name for the row-name column in the header (write.csv's default).
        let u = try parse("\"date\",\"count\"\n\"1\",\"2015-09-01\",3\n\"2\",\"2015-09-02\",4\n")
        #expect(u.series[0].points.count == 2)
    }

    @Test func excelSemicolonsBOMAndMonthDayYear() throws {
        let t = try parse("\u{FEFF}Date;Articles\r\n9/12/2015;3\r\n9/13/2015;\"1,204\"\r\n9/14/2015;0\r\n")
        #expect(t.series[0].resolution == .day)
        #expect(t.series[0].points[.day(Day(iso: "2015-09-13")!)] == .value(1204))
        // 01/02/2020 is the 2nd of January or the 1st of February: a file that cannot tell is refused.
        #expect(failure("date;count\n01/01/2020;10\n01/02/2020;12\n01/03/2020;9\n")?.contains("re-save them as YYYY-MM-DD") == true)
        #expect(try parse("date;count\n13/01/2020;10\n13/02/2020;12\n").series[0].resolution == .month)
    }

    @Test func monthsCompactDaysAndRanges() throws {
        #expect(try parse("Month,Liu Xia\n2015-08,3\n2015-09,<1\n2015-10,4\n").series[0].resolution == .month)
        #expect(
            try parse("Month,Liu Xia\n2015-08,3\n2015-09,<1\n").series[0].points[Period(resolution: .month, start: Day(iso: "2015-09-01")!)]
                == .belowOne(ceiling: 1))
        #expect(try parse("date,count\n2015-01-31,3\n2015-02-28,3\n2015-03-31,4\n").series[0].resolution == .month)  // labelled by month ends
        #expect(try parse("date,count\n2015-01-01,3\n2015-04-01,3\n2015-07-01,4\n").series[0].resolution == .months(3))
        #expect(try parse("date,count\n20150901,3\n20150902,4\n").series[0].resolution == .day)
        #expect(try parse("Week,count\n2013-10-27 - 2013-11-02,3\n2013-11-03 - 2013-11-09,4\n").series[0].resolution == .week)
        #expect(try parse("date,count\n2015-09-01T00:00:00Z,3\n2015-09-02T00:00:00Z,4\n").series[0].resolution == .day)
    }

    @Test func theResolutionCanBeGiven() throws {
        let t = try parse("date,count\n2015-09-01,3\n", .init(resolution: .week))
        #expect(t.series[0].resolution == .week)
        #expect(failure("date,count\n2015-09-01,3\n")?.contains("give --resolution") == true)
    }

    @Test func badInputIsNamedWithItsLine() {
        #expect(
            failure("date,count\n2015-09-01,3\n2015-09-02,lots\n")
                == "t.csv:3: 'lots' in column 'count' is not a count (a number of at least 0, or empty or NA for a missing period)")
        #expect(failure("date,count\n2015-09-01,3\n2015-13-02,4\n")?.hasPrefix("t.csv:3: '2015-13-02' in column 'date' is not a date") == true)
        #expect(failure("date,count\n2015-09-01,3\n2015-09-01,4\n2015-09-02,4\n")?.hasPrefix("t.csv:3: a second row for 2015-09-01") == true)
        #expect(failure("date,count\n2015-09-01,-3\n2015-09-02,4\n")?.hasPrefix("t.csv:2:") == true)
        #expect(failure("date,count\n2015-09-01,0x10\n2015-09-02,4\n")?.hasPrefix("t.csv:2:") == true)
        #expect(failure("date,count\n2015-09-01,1e308\n2015-09-02,4\n")?.hasPrefix("t.csv:2:") == true)
        #expect(failure("date,count\n99999-09-01,3\n")?.hasPrefix("t.csv:2:") == true)
        #expect(failure("date,a,b\n2015-09-01,3,4\n2015-09-02,3,4\n")?.contains("--count-column") == true)
        #expect(failure("date,count\n2015-09-01,3\n2015-09-02\n") == "t.csv:3: expected 2 cells like the header, found 1")
        #expect(failure("") == "t.csv: the file is empty")
        // Weekly rows, one of them off the grid.
        #expect(
            failure("date,count\n2015-09-06,3\n2015-09-13,3\n2015-09-21,3\n", .init(resolution: .week))?
                .hasPrefix("t.csv:4: 2015-09-21 is not on the weekly grid that starts 2015-09-06") == true)
    }

    @Test func seriesOnGridsOfTheirOwn() throws {
        // Weeks from Sunday for one person and from Monday for another: each keeps its weeks.
        let t = try parse("name,date,count\na,2015-09-06,1\na,2015-09-13,2\na,2015-09-20,3\nb,2015-09-07,4\nb,2015-09-14,5\nb,2015-09-21,6\n")
        #expect(t.series.allSatisfy { $0.resolution == .week })
        #expect(t.series[1].points[Period(resolution: .week, start: Day(iso: "2015-09-14")!)] == .value(5))
        #expect(failure("name,date,count\na,2015-09-06,1\na,2015-09-13,2\nb,2015-09-07,4\nb,2015-09-10,5\n")?.contains("different numbers of days") == true)
        // A sparse series on a shared daily grid stays daily.
        let u = try parse("name,date,count\na,2015-09-01,1\na,2015-09-02,2\na,2015-09-03,3\nb,2015-09-01,4\nb,2015-09-03,5\n")
        #expect(u.series.allSatisfy { $0.resolution == .day })
        #expect(failure("date|count\n2015-09-01|1\n2015-09-02|2\n2015-09-03|3\n") == nil)
        #expect(failure("date,count\n2015-09-01,1\n2015-09-02,2\n", .init(resolution: .hour))?.contains("hourly") == true)
    }

    @Test func namedColumnsWin() throws {
        let t = try parse(
            "day,stories,sentences,medium\n2015-09-01,3,30,a\n2015-09-01,4,40,b\n",
            .init(countColumn: "sentences", groupColumns: ["medium"], resolution: .day))
        #expect(t.series.map(\.group) == ["a", "b"])
        #expect(t.series[1].points[.day(Day(iso: "2015-09-01")!)] == .value(40))
    }
}
