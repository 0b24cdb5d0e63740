import Foundation
import GlareCore
import GlareParsers
import GlareTestSupport
import Testing

/// `--preset`: Media Cloud, the GDELT Television Explorer and GDELT DOC timelines read by their layout.
@Suite struct CountsPresetTests {
    func table(_ fixture: String, _ preset: CountsPreset, _ options: CountsCSVParser.Options = .init()) throws -> CountsTable {
        var o = options
        o.preset = preset
        return try CountsCSVParser.parse(try Data(contentsOf: Fixtures.counts(fixture)), source: fixture, options: o)
    }

    func parse(_ text: String, _ preset: CountsPreset) throws -> CountsTable {
        try CountsCSVParser.parse(Data(text.utf8), source: "t.csv", options: .init(preset: preset))
    }

    func failure(_ body: () throws -> CountsTable) -> String? {
        do {
            _ = try body()
            return nil
        } catch {
            return "\(error)"
        }
    }

    func day(_ iso: String) -> Period { .day(Day(iso: iso)!) }

    @Test func mediaCloudLegacyStoryCountsAreDailyCounts() throws {
        let t = try table("mediacloud_legacy_storycount_day_2020.csv", .mediacloud)
        #expect(t.preset == .mediacloud)
        #expect(t.valueKind == .counts && !t.valueKind.isShare)
        #expect(t.columns.date == "date" && t.columns.count == "count" && t.columns.total == nil)
        #expect(t.series.map(\.group) == [nil])
        #expect(t.series[0].resolution == .day)
        #expect(t.series[0].points.count == 134)
        #expect(t.series[0].points[day("2020-01-04")] == .value(200))
        #expect(t.series[0].totals.isEmpty)
    }

    @Test func mediaCloudCurrentExportsCountAgainstTotalCount() throws {
        let t = try table("mediacloud_3day_quoted.csv", .mediacloud)
        #expect(t.columns.count == "count" && t.columns.total == "total_count")
        let first = Period(resolution: .days(3), start: Day(iso: "2015-06-02")!)
        #expect(t.series[0].resolution == .days(3))  // a file split into longer periods keeps them
        #expect(t.series[0].points[first] == .value(2))
        #expect(t.series[0].totals[first] == 3040)
        // One row is a day with the preset (the generic reader cannot tell and asks).
        #expect(try parse("\"date\",\"count\",\"total_count\",\"ratio\"\n\"2015-09-01 00:00:00\",3,120,0.025\n", .mediacloud).series[0].resolution == .day)
        // The older layouts.
        let sentences = try parse("date,sentences\n2015-09-01,30\n2015-09-02,41\n", .mediacloud)
        #expect(sentences.columns.count == "sentences" && sentences.series[0].points[day("2015-09-02")] == .value(41))
        #expect(try parse("date,stories\n2015-09-01,3\n2015-09-02,4\n", .mediacloud).columns.count == "stories")
    }

    @Test func gdeltTelevisionIsAShareOfAirtimePerStation() throws {
        let t = try table("gdelt_tv_explorer_timeline_maria_2017.csv", .gdeltTV)
        #expect(t.valueKind == .percent(of: "airtime") && t.valueKind.isShare)
        #expect(t.valueKind.description == "percent of airtime")
        #expect(t.columns.perColumn == ["Combined"])
        #expect(t.series.map(\.group) == ["Combined"])
        let s = t.series[0]
        #expect(s.resolution == .day)
        #expect(s.points.count == 135)
        #expect(s.points[day("2017-09-20")] == .value(0.5854))
        #expect(s.points[day("2017-07-01")] == .value(0))
        #expect(s.totals.isEmpty)
        // Week and month ranges give weeks and months; each station is a series.
        let weekly = try parse("Date,CNN,FOXNEWS\n2017070220170708,0.1,0.2\n2017070920170715,0.3,\n2017071620170722,0.05,0.1\n", .gdeltTV)
        #expect(weekly.series.map(\.group) == ["CNN", "FOXNEWS"])
        #expect(weekly.series.allSatisfy { $0.resolution == .week })
        #expect(weekly.series[1].points[Period(resolution: .week, start: Day(iso: "2017-07-09")!)] == .missing)
        let monthly = try parse("Date,Combined\n2017070120170731,0.1\n2017080120170831,0.2\n2017090120170930,0.3\n", .gdeltTV)
        #expect(monthly.series[0].resolution == .month)
        #expect(monthly.series[0].points[Period(resolution: .month, start: Day(iso: "2017-09-01")!)] == .value(0.3))
        #expect(
            failure { try parse("Date,Combined\n2017070120170701,0.1\n2017070220170702,101\n", .gdeltTV) }
                == "t.csv:3: 101.0 in column 'Combined' is not a percent (0 to 100)")
    }

    @Test func gdeltDocRawCountsAgainstMonitoredArticles() throws {
        let t = try table("gdelt_doc_timelinevolraw_day_2017_OpenAI.csv", .gdeltDoc)
        #expect(t.valueKind == .counts)
        #expect(t.columns.count == "Article Count" && t.columns.total == "Total Monitored Articles")
        #expect(t.series.map(\.group) == [nil])
        let s = t.series[0]
        #expect(s.resolution == .day)
        #expect(s.points.count == 32)
        #expect(s.points[day("2017-01-16")] == .value(60))
        #expect(s.totals[day("2017-01-16")] == 778_396)
        #expect(s.totals.count == 32)
    }

    @Test func gdeltDocVolumeIntensityIsAShare() throws {
        let t = try parse(
            "Date,Series,Value\n2017-01-01,Volume Intensity,0.0007\n2017-01-02,Volume Intensity,0.0008\n2017-01-03,Volume Intensity,0.0003\n", .gdeltDoc)
        #expect(t.valueKind == .percent(of: "all monitored articles"))
        #expect(t.columns.total == nil)
        #expect(t.series[0].points[day("2017-01-02")] == .value(0.0008))
        // Dates as the API writes them in JSON are read too.
        #expect(try parse("Date,Series,Value\n20170101T000000Z,Article Count,3\n20170102T000000Z,Article Count,5\n", .gdeltDoc).series[0].resolution == .day)
        // Tone is not attention; a file mixing counts and shares is refused; a second total for a day is named.
        #expect(
            failure { try parse("Date,Series,Value\n2017-01-01,Average Tone,-1.5\n", .gdeltDoc) }?
                .hasPrefix("t.csv:2: 'Average Tone' in column 'Series' is not a timeline Glare reads from GDELT DOC") == true)
        #expect(
            failure { try parse("Date,Series,Value\n2017-01-01,Article Count,3\n2017-01-01,Volume Intensity,0.1\n", .gdeltDoc) }
                == "t.csv: the file mixes 'Article Count' and 'Volume Intensity' rows: download each timeline on its own")
        #expect(
            failure {
                try parse(
                    "Date,Series,Value\n2017-01-01,Article Count,3\n2017-01-01,Total Monitored Articles,9\n2017-01-01,Total Monitored Articles,9\n", .gdeltDoc)
            }
                == "t.csv:4: a second 'Total Monitored Articles' row for 2017-01-01 (the first is on line 3)")
    }

    @Test func aFileOfAnotherKindIsRefusedWithWhatWasExpected() {
        #expect(
            failure { try table("gdelt_tv_explorer_timeline_maria_2017.csv", .mediacloud) }
                == "gdelt_tv_explorer_timeline_maria_2017.csv:1: not a Media Cloud count export (--preset mediacloud): expected a 'date' column and a 'count', 'stories' or 'sentences' column (current exports add 'total_count' and 'ratio'); the columns are 'Date', 'Combined'"
        )
        #expect(
            failure { try table("mediacloud_3day_quoted.csv", .gdeltTV) }
                == "mediacloud_3day_quoted.csv:1: not a GDELT Television Explorer CSV (--preset gdelt-tv): expected a 'Date' column of periods written YYYYMMDDYYYYMMDD (first and last day) and one column of percent of airtime per station or 'Combined'; line 2 has '2015-06-02 00:00:00' in column 'date'"
        )
        #expect(
            failure { try table("gdelt_tv_explorer_timeline_maria_2017.csv", .gdeltDoc) }
                == "gdelt_tv_explorer_timeline_maria_2017.csv:1: not a GDELT DOC API timeline CSV (--preset gdelt-doc): expected the columns 'Date', 'Series', 'Value', with the series 'Article Count' and 'Total Monitored Articles' (timelinevolraw) or 'Volume Intensity' (timelinevol); the columns are 'Date', 'Combined'"
        )
        #expect(
            failure { try table("gdelt_doc_timelinevolraw_day_2017_OpenAI.csv", .gdeltTV) }?.hasPrefix(
                "gdelt_doc_timelinevolraw_day_2017_OpenAI.csv:1: not a GDELT Television Explorer CSV (--preset gdelt-tv)") == true)
    }

    @Test func namedColumnsStillWin() throws {
        // --count-column picks one station; the preset's other defaults stay.
        let t = try parse("Date,CNN,FOXNEWS\n2017070120170701,0.1,0.2\n2017070220170702,0.3,0.4\n", .gdeltTV)
        #expect(t.series.count == 2)
        let one = try CountsCSVParser.parse(
            Data("Date,CNN,FOXNEWS\n2017070120170701,0.1,0.2\n2017070220170702,0.3,0.4\n".utf8), source: "t.csv",
            options: .init(countColumn: "FOXNEWS", preset: .gdeltTV))
        #expect(one.series.map(\.group) == ["FOXNEWS"])
        // A Media Cloud file with a count column of another name.
        let mc = try CountsCSVParser.parse(
            Data("date,hits,total_count\n2015-09-01,3,100\n2015-09-02,4,90\n".utf8), source: "t.csv",
            options: .init(countColumn: "hits", preset: .mediacloud))
        #expect(mc.columns.count == "hits" && mc.columns.total == "total_count")
    }

    @Test func thePresetSurvivesTheStoredOptions() throws {
        let options = CountsCSVParser.Options(resolution: .day, preset: .gdeltTV)
        let json = try JSONEncoder().encode(options)
        #expect(try JSONDecoder().decode(CountsCSVParser.Options.self, from: json) == options)
        #expect(String(decoding: json, as: UTF8.self).contains("\"gdelt-tv\""))
        // Options stored before presets existed still read.
        let old = try JSONDecoder().decode(CountsCSVParser.Options.self, from: Data(#"{"groupColumns":[],"totalColumn":"total"}"#.utf8))
        #expect(old.preset == nil && old.totalColumn == "total")
    }
}
