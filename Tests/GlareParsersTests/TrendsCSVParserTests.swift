import Foundation
import GlareCore
import GlareParsers
import GlareTestSupport
import Testing

@Suite struct TrendsCSVParserTests {
    func parse(_ name: String) throws -> TrendsExport {
        try TrendsCSVParser.parse(try Fixtures.trendsData(name), source: name)
    }

    func parse(text: String, source: String = "t.csv") throws -> TrendsExport {
        try TrendsCSVParser.parse(Data(text.utf8), source: source)
    }

    func failure(_ text: String) -> String? {
        do {
            _ = try parse(text: text)
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test func dailyThreeTermsWithPreamble() throws {
        let e = try parse("daily_3terms_US_2017_maria.csv")
        #expect(e.resolution == .day)
        #expect(e.category == "Category: All categories")
        #expect(e.columns.map(\.term) == ["Hurricane Harvey", "Hurricane Irma", "Hurricane Maria"])
        #expect(e.columns.allSatisfy { $0.geo == "United States" })
        #expect(e.rows.count == 133)
        #expect(e.firstPeriod?.label == "2017-07-01")
        #expect(e.lastPeriod?.label == "2017-11-10")
        // The three terms share one scale: its 100 is Irma's peak day; Maria's peak is lower.
        let peakRows = e.rows.filter { $0.values.contains(.value(100)) }
        #expect(peakRows.map(\.period.label) == ["2017-09-10"])
        #expect(peakRows.first?.values[1] == .value(100))
    }

    @Test func weeklyLabelledBySunday() throws {
        let e = try parse("weekly_1term_US.csv")
        #expect(e.resolution == .week)
        #expect(e.columns == [.init(term: "mental health", geo: "United States")])
        #expect(e.rows.count == 260)
        #expect(e.rows.allSatisfy { $0.period.start.weekday == 0 })
        #expect(e.rows[0].values == [.value(44)])
    }

    @Test func monthlyWithBelowOne() throws {
        let e = try parse("monthly_2terms_US_lt1_partial.csv")
        #expect(e.resolution == .month)
        #expect(e.rows.count == 111)
        #expect(e.rows[0].period.label == "2013-01-01")
        #expect(e.rows[1].values == [.belowOne, .value(1)])
        #expect(e.rows.last?.values == [.value(0), .value(0)])
    }

    @Test func hourly() throws {
        let e = try parse("hourly_time_2terms_US.csv")
        #expect(e.resolution == .hour)
        #expect(e.rows.count == 168)
        #expect(e.rows[0].period.label == "2021-06-02T14")
        #expect(e.rows[0].values == [.value(45), .value(18)])
    }

    @Test func germanInterface() throws {
        let e = try parse("weekly_german_ui_lt1_2025.csv")
        #expect(e.resolution == .week)
        #expect(e.category == "Kategorie: Alle Kategorien")
        #expect(e.columns == [.init(term: "OpenAI", geo: "Deutschland")])
        #expect(e.rows[1].values == [.belowOne])
    }

    @Test func userEditedHeaderWithoutPreamble() throws {
        let e = try parse("weekly_user_edited_header.csv")
        #expect(e.resolution == .week)
        #expect(e.category == nil)
        #expect(e.columns == [.init(term: "freq", geo: nil)])
        #expect(e.rows.count == 261)
    }

    /// The real daily export as a spreadsheet re-saves it: BOM, CRLF, `M/D/YYYY`, `;` and a renamed date column.
    @Test func spreadsheetResave() throws {
        let original = try parse("daily_3terms_US_2017_maria.csv")
        let text = String(decoding: try Fixtures.trendsData("daily_3terms_US_2017_maria.csv"), as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for i in lines.indices where i >= 3 && !lines[i].isEmpty {
            var cells = lines[i].split(separator: ",").map(String.init)
            let d = Day(iso: cells[0])!.components
            cells[0] = "\(d.month)/\(d.day)/\(d.year)"
            lines[i] = cells.joined(separator: ";")
        }
        lines[2] = "Datum;" + lines[2].split(separator: ",").dropFirst().joined(separator: ";")
        let resaved = "\u{FEFF}" + lines.joined(separator: "\r\n")
        let e = try parse(text: resaved)
        #expect(e.rows == original.rows)
        #expect(e.columns == original.columns)
    }

    @Test func dayFirstDottedDates() throws {
        let e = try parse(text: "Tag,Liu Xia: (Weltweit)\n31.08.2015,3\n01.09.2015,<1\n02.09.2015,100\n")
        #expect(e.rows.map(\.period.label) == ["2015-08-31", "2015-09-01", "2015-09-02"])
        #expect(e.columns == [.init(term: "Liu Xia", geo: "Weltweit")])
    }

    @Test func truncatedFileIsNamed() throws {
        let text = String(decoding: try Fixtures.trendsData("daily_3terms_US_2017_maria.csv"), as: UTF8.self)
        let cut = String(text.prefix(text.count - 4))  // ends in "2017-11-10,0"
        #expect(failure(cut) == "t.csv:136: expected 4 cells like the header, found 3 (the file ends mid-row: is it truncated?)")
        #expect(failure("Day,Liu Xia: (Worldwide)\n") == "t.csv: not a Google Trends export: no header row followed by dated rows in the first 30 lines")
        #expect(
            failure("Day,Liu Xia: (Worldwide),Gao Yu: (Worldwide)\n2015-09-01,3,4\n2015-09-02,5,")
                == "t.csv:3: the last row ends with an empty cell and no line break: is the file truncated?")
    }

    @Test func nonTrendsCSVIsRefused() {
        #expect(failure("name,age\nAlice,30\nBob,41\n") == "t.csv: not a Google Trends export: no header row followed by dated rows in the first 30 lines")
        #expect(failure("") == "t.csv: the file is empty")
        #expect(
            failure("Day,X: (Worldwide)\n2015-09-01,101\n") == "t.csv:2: '101' in column 'X: (Worldwide)' is not a Trends value (a whole number 0–100, or <1)")
        #expect(
            failure("Day,X: (Worldwide)\n2015-09-01,1\n2015-09-02,1\n2015-09-04,2\n")
                == "t.csv:4: 2015-09-04 leaves a gap after 2015-09-02 (expected 2015-09-03); a Trends export has one row per day without gaps")
        #expect(
            failure("Day,X: (Worldwide)\n2015-09-01,1\n2015-09-02,2\n\nfooter,1\n")
                == "t.csv:5: unexpected content after the blank line that ended the data on line 4")
        let latin1 = Data([0x44, 0x61, 0x79, 0x2C, 0x58, 0x0A, 0x32, 0xE9, 0x0A])
        #expect(throws: ParseError(source: "l.csv", line: 2, reason: "not UTF-8 text (invalid byte at offset 7); re-save the file as UTF-8")) {
            try TrendsCSVParser.parse(latin1, source: "l.csv")
        }
    }

    /// Issue 18 item 8: an impossible date in an early data row was taken for the header (earlier rows
    /// dropped, the term read as a value); it is a date-shaped cell, so the row is named instead.
    @Test func impossibleDateNearTheTopIsNamedNotTakenForTheHeader() {
        let text = "Category: All categories\n\nDay,Liu Xia: (Worldwide)\n2022-04-29,12\n2022-04-30,40\n2022-04-31,55\n2022-05-01,3\n"
        #expect(failure(text) == "t.csv:6: '2022-04-31' is not a date in the file's format (YYYY-MM-DD)")
        #expect(failure("Day,X\n2022-04-31,55\n2022-05-01,3\n2022-05-02,4\n") == "t.csv:2: '2022-04-31' is not a date in the file's format (YYYY-MM-DD)")
    }

    /// Issue 18 item 20: the header search rescanned the whole file once per candidate line and
    /// delimiter (a 10 MB file with bad dates near the top took 28 s); it is one pass now.
    @Test func headerSearchIsOnePass() {
        var text = "Day,X: (Worldwide)\n"
        for i in 10..<40 { text += "2015-13-\(i),1\n" }  // date-shaped, not dates
        let row = "2015-09-01,1\n"
        text += String(repeating: row, count: 10_000_000 / row.utf8.count)
        let start = Date()
        #expect(failure(text) != nil)
        let bad = Date().timeIntervalSince(start)
        // The same size of file without bad dates, read once, is the yardstick (the old search took 30 times as long).
        let good = "Day,X: (Worldwide)\n" + String(repeating: row, count: text.utf8.count / row.utf8.count)
        let start2 = Date()
        _ = try? parse(text: good)
        let once = Date().timeIntervalSince(start2)
        #expect(bad < 3 * once, "the search must not rescan a 10 MB file for every candidate line (\(bad) s against \(once) s for one read)")
    }
}
