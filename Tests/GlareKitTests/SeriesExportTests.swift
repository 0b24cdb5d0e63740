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

    @Test func numbersAndCells() {
        #expect(NumberFormat.string(3) == "3")
        #expect(NumberFormat.string(0.1 + 0.2) == "0.30000000000000004")
        #expect(CSVWriter.field("-3.5") == "-3.5")
        #expect(CSVWriter.field("-cmd") == "'-cmd")
        #expect(CSVWriter.field("@SUM(A1)") == "'@SUM(A1)")
        #expect(CSVWriter.field("a\nb") == "\"a\nb\"")
    }
}
