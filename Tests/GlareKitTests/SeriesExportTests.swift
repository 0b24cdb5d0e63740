import Foundation
import GlareCore
import GlareKit
import GlareReport
import Testing

@Suite struct SeriesExportTests {
    let d = Day(iso: "2015-09-01")!

    var entries: [SeriesExport.Entry] {
        let search = AttentionSeries(
            key: SeriesKey(person: "liu-xia", source: "google-trends/daily/worldwide/liu-xia", measure: .search),
            resolution: .day,
            points: [.day(d): .value(0), .day(d.adding(days: 1)): .belowOne(ceiling: 1), .day(d.adding(days: 3)): .value(12.5)])
        let news = AttentionSeries(
            key: SeriesKey(person: "=HYPERLINK(\"x\")", source: "gdelt-gkg", measure: .news), resolution: .day,
            points: [.day(d): .value(3)], totals: [.day(d): 120_000], coverage: [.day(d): Coverage(covered: 95, units: 96, unit: "slots")])
        return [.init(series: search), .init(series: news)]
    }

    @Test func longCSVKeepsMissingEmptyAndZeroZero() {
        let csv = SeriesExport(entries: entries).longCSV()
        #expect(
            csv == """
                date,person,source,measure,resolution,state,value,total,coverage,se\r
                2015-09-01,liu-xia,google-trends/daily/worldwide/liu-xia,search,day,value,0,,,\r
                2015-09-02,liu-xia,google-trends/daily/worldwide/liu-xia,search,day,below-one,0.5,,,\r
                2015-09-03,liu-xia,google-trends/daily/worldwide/liu-xia,search,day,missing,,,,\r
                2015-09-04,liu-xia,google-trends/daily/worldwide/liu-xia,search,day,value,12.5,,,\r
                2015-09-01,"'=HYPERLINK(""x"")",gdelt-gkg,news,day,partial,3,120000,95/96 slots,\r

                """)
    }

    @Test func belowOneValueAndDateRange() {
        let csv = SeriesExport(entries: entries, options: .init(belowOne: 0.25, days: d.adding(days: 1)...d.adding(days: 1))).longCSV()
        #expect(
            csv
                == "date,person,source,measure,resolution,state,value,total,coverage,se\r\n2015-09-02,liu-xia,google-trends/daily/worldwide/liu-xia,search,day,below-one,0.25,,,\r\n"
        )
    }

    @Test func wideCSV() throws {
        let csv = try SeriesExport(entries: entries).wideCSV()
        #expect(csv.split(separator: "\r\n").first == #"date,liu-xia:google-trends/daily/worldwide/liu-xia,"'=HYPERLINK(""x""):gdelt-gkg""#)
        #expect(csv.contains("\r\n2015-09-01,0,3\r\n"))
        #expect(csv.contains("\r\n2015-09-03,,\r\n"))
    }

    @Test func wideRefusesMixedResolutions() {
        let weekly = AttentionSeries(
            key: SeriesKey(person: "a", source: "s", measure: .search), resolution: .week,
            points: [Period(resolution: .week, start: d): .value(1)])
        #expect(throws: ExportError.mixedResolutions("daily, weekly")) {
            try SeriesExport(entries: entries + [.init(series: weekly)]).wideCSV()
        }
    }

    @Test func jsonStatesEveryPeriod() throws {
        let json = try SeriesExport(entries: entries).json()
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        let series = object["series"] as! [[String: Any]]
        let points = series[0]["points"] as! [[String: Any]]
        #expect(points.map { $0["state"] as! String } == ["value", "below-one", "missing", "value"])
        #expect(points[2]["value"] is NSNull)
        #expect(points[1]["ceiling"] as? Double == 1)
    }

    @Test func trendsValuesCarryFourSignificantDigitsAndHoursAreISO8601() throws {
        // Independent: the decimal strings a person would write.
        #expect(NumberFormat.string(NumberFormat.rounded(3.919191919191919, significantDigits: 4)) == "3.919")
        #expect(NumberFormat.string(NumberFormat.rounded(123.456789, significantDigits: 4)) == "123.5")
        #expect(NumberFormat.string(NumberFormat.rounded(12345.6, significantDigits: 4)) == "12350")
        #expect(NumberFormat.string(NumberFormat.rounded(0.000123456, significantDigits: 4)) == "0.0001235")
        #expect(NumberFormat.rounded(0, significantDigits: 4) == 0)
        #expect(Period(resolution: .hour, start: Day(iso: "2021-06-02")!, hour: 4).iso8601 == "2021-06-02T04:00Z")
        #expect(Period(resolution: .month, start: Day(iso: "2021-06-17")!).iso8601 == "2021-06-01")
        let stitched = AttentionSeries(
            key: SeriesKey(person: "p", source: "google-trends/hourly/worldwide/p", measure: .search), resolution: .hour,
            points: [Period(resolution: .hour, start: d, hour: 23): .value(100.0 / 3)], standardErrors: [Period(resolution: .hour, start: d, hour: 23): 2.0 / 3]
        )
        let counts = AttentionSeries(
            key: SeriesKey(person: "p", source: "counts:x", measure: .share), resolution: .day, points: [.day(d): .value(100.0 / 3)])
        let csv = SeriesExport(entries: [.init(series: stitched), .init(series: counts)]).longCSV()
        #expect(csv.contains("\r\n2015-09-01T23:00Z,p,google-trends/hourly/worldwide/p,search,hour,value,33.33,,,0.6667\r\n"), "\(csv)")
        // Other sources as stored.
        #expect(csv.contains("\r\n2015-09-01,p,counts:x,share,day,value,33.333333333333336,,,\r\n"), "\(csv)")
        let json = try SeriesExport(entries: [.init(series: stitched)]).json()
        #expect(json.contains("\"date\" : \"2015-09-01T23:00Z\"") && json.contains("\"value\" : 33.33"), "\(json)")
    }

    @Test func provenanceIsACommentOnlyWhenGiven() {
        let provenance = Provenance(
            commandLine: Provenance.commandLine(["/usr/bin/glare", "export", "--person", "liu xia", "it's"]), rosterHash: "abc",
            inputs: [.init(sha256: "ff", name: "a.csv")])
        #expect(provenance.commandLine == #"glare export --person 'liu xia' 'it'\''s'"#)
        let csv = SeriesExport(entries: entries, options: .init(provenance: provenance)).longCSV()
        #expect(
            csv.hasPrefix(
                "# made by Glare \(GlareVersion.current): glare export --person 'liu xia' 'it'\\''s'\r\n# roster: abc\r\n# input: sha256 ff a.csv\r\ndate,"))
        #expect(SeriesExport(entries: entries).longCSV().hasPrefix("date,"))
    }

    @Test func numbersAndCells() {
        #expect(NumberFormat.string(3) == "3")
        #expect(NumberFormat.string(0.1 + 0.2) == "0.30000000000000004")
        #expect(CSVWriter.field("-3.5") == "-3.5")
        #expect(CSVWriter.field("-cmd") == "'-cmd")
        #expect(CSVWriter.field("@SUM(A1)") == "'@SUM(A1)")
        #expect(CSVWriter.field("a\nb") == "\"a\nb\"")
        // A CR LF line break is one Character to Swift (equal neither to "\r" nor to "\n"): still quoted.
        #expect(CSVWriter.field("a\r\nb") == "\"a\r\nb\"")
        #expect(CSVWriter.field("say \"hi\", é") == "\"say \"\"hi\"\", é\"")
        #expect(CSVWriter.field("=1+1") == "'=1+1")
        #expect(CSVWriter.field("=a,b") == "\"'=a,b\"")
        #expect(CSVWriter.field("\r\nx") == "\"'\r\nx\"")
        #expect(CSVWriter.field("+12") == "+12")
        #expect(CSVWriter.field("Liu Xia") == "Liu Xia")
        #expect(CSVWriter.field("") == "")
        // A comma, quote or line break that Swift merges with a combining mark into one Character still counts.
        #expect(CSVWriter.field("a,\u{301}b") == "\"a,\u{301}b\"")
        #expect(CSVWriter.field("a\"\u{301}b") == "\"a\"\"\u{301}b\"")
        var c = CSVWriter()
        c.comments(["one\r\ntwo", "three\n\u{301}four"])
        #expect(c.text == "# one  two\r\n# three \u{301}four\r\n")
        var w = CSVWriter()
        w.row(["a", "b,c", "-x"])
        w.row([])
        #expect(w.text == "a,\"b,c\",'-x\r\n\r\n")
    }
}
