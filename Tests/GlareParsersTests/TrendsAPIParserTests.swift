import Foundation
import GlareCore
import GlareParsers
import GlareTestSupport
import Testing

@Suite struct TrendsAPIParserTests {
    @Test func dailyResponse() throws {
        let data = try Fixtures.trendsData("api_multiline_daily_2terms_2021_pytrends_cassette.txt")
        #expect(TrendsAPIParser.recognises(data))
        let e = try TrendsAPIParser.parse(data, source: "daily.json")
        #expect(e.format == .apiJSON)
        #expect(e.resolution == .day)
        #expect(e.rows.map(\.period.label) == ["2021-01-01", "2021-01-02", "2021-01-03", "2021-01-04", "2021-01-05"])
        #expect(e.rows[0].values == [.value(100), .value(2)])
        #expect(e.rows.allSatisfy { !$0.isPartial })
        #expect(e.columns.map(\.term) == ["term 1", "term 2"])
    }

    @Test func weeklyResponseFlagsThePartialWeek() throws {
        let e = try TrendsAPIParser.parse(try Fixtures.trendsData("api_multiline_weekly_5y_isPartial_pytrends_cassette.txt"), source: "weekly.json")
        #expect(e.resolution == .week)
        #expect(e.rows.first?.period.label == "2018-04-01")
        #expect(e.rows.last?.period.label == "2023-03-19")
        #expect(e.rows.last?.isPartial == true)
        #expect(e.rows.dropLast().allSatisfy { !$0.isPartial })
    }

    @Test func belowOneAndMissingCells() throws {
        let json =
            #")]}',"# + "\n"
            + #"{"default":{"timelineData":[{"time":"1441065600","value":[0,5],"hasData":[true,false],"formattedValue":["<1","5"]},{"time":"1441152000","value":[3,0],"formattedValue":["3","0"]}]}}"#
        let e = try TrendsAPIParser.parse(Data(json.utf8), source: "x")
        #expect(e.rows[0].values == [.belowOne, .missing])
        #expect(e.rows[1].values == [.value(3), .value(0)])
        #expect(e.rows[0].period.label == "2015-09-01")
    }

    /// Times outside the years Glare stores are refused by name, never an overflow (fuzzing found these).
    @Test(arguments: [["-9223372036854775808"], ["-5000000000000000000", "5000000000000000000"], ["253402300800", "253402387200"]])
    func timesOutsideTheStoredYearsAreRefused(_ times: [String]) throws {
        let points = times.map { #"{"time":"\#($0)","value":[1]}"# }.joined(separator: ",")
        let json = #"{"default":{"timelineData":["# + points + "]}}"
        #expect(throws: ParseError(source: "x", reason: "point 1: time '\(times[0])' is not Unix seconds of the years 1000 to 9999")) {
            try TrendsAPIParser.parse(Data(json.utf8), source: "x")
        }
    }

    @Test func truncatedResponseIsRefused() throws {
        let data = try Fixtures.trendsData("api_multiline_daily_2terms_2021_pytrends_cassette.txt")
        #expect(throws: ParseError.self) { try TrendsAPIParser.parse(data.prefix(300), source: "cut.json") }
        do {
            _ = try TrendsAPIParser.parse(data.prefix(300), source: "cut.json")
        } catch let e as ParseError {
            #expect(e.description.hasPrefix("cut.json: not a Trends API response: invalid JSON"))
            #expect(e.description.hasSuffix("the file may be truncated"))
        }
    }
}
