import Foundation
import GlareCore
import GlareParsers
import Testing

/// The web APIs' responses decoded into their models: the fields used, the tolerance of missing or
/// odd fields, and the words of a failure.
@Suite struct APIModelTests {
    static func decode<R: APIResponse>(_ type: R.Type, _ json: String) throws -> R { try R.decode(Data(json.utf8)) }

    static func failure<R: APIResponse>(_ type: R.Type, _ json: String) -> String? {
        do { _ = try R.decode(Data(json.utf8)); return nil } catch { return (error as? APIResponseError)?.reason ?? "\(error)" }
    }

    @Test func guardianResultsPagesAndFields() throws {
        let r = try Self.decode(
            GuardianSearchResponse.self,
            """
            {"response":{"status":"ok","results":[
              {"id":"a","webUrl":"https://g.example/a","webPublicationDate":"2015-09-01T14:05:00Z","webTitle":"A",
               "fields":{"bodyText":"Text","byline":"Jane Doe"}},
              {"id":"b","webTitle":"no webUrl"},
              {"webUrl":"https://g.example/c","fields":"odd"}]}}
            """)
        #expect(r.status == "ok" && r.pages == 1)
        #expect(r.results.map(\.webUrl) == ["https://g.example/a", nil, "https://g.example/c"])
        #expect(r.results[0].bodyText == "Text" && r.results[0].byline == "Jane Doe")
        #expect(r.results[2].bodyText == nil && r.results[2].id == nil)
        let error = try Self.decode(GuardianSearchResponse.self, #"{"response":{"status":"error","message":"Invalid key","pages":"3"}}"#)
        #expect(error.status == "error" && error.message == "Invalid key" && error.pages == 1 && error.results.isEmpty)
    }

    @Test func malformedResponsesGiveTheMappedMessages() {
        #expect(Self.failure(GuardianSearchResponse.self, #"{"status":"ok"}"#) == "not a Guardian API response (JSON with 'response')")
        #expect(Self.failure(GuardianSearchResponse.self, #"{"response":[1,2]}"#) == "not a Guardian API response (JSON with 'response')")
        #expect(Self.failure(GuardianSearchResponse.self, "  <html>Service unavailable</html>\n") == "not JSON: '<html>Service unavailable</html>'")
        #expect(Self.failure(GuardianSearchResponse.self, #"[{"response":{}}]"#) == #"not JSON: '[{"response":{}}]'"#)
        #expect(Self.failure(GuardianSearchResponse.self, #"{"response":{"status":"ok""#) == #"not JSON: '{"response":{"status":"ok"'"#)
        #expect(Self.failure(NYTArchiveResponse.self, #"{"response":{"meta":{"hits":0}}}"#) == "not an Archive API response (no response.docs)")
        #expect(
            Self.failure(MediaCloudCountOverTime.self, #"{"count_over_time":{"counts":[1]}}"#) == "not a count-over-time response (no count_over_time.counts)")
        #expect(Self.failure(WikimediaPageviews.self, #"{"type":"not_found"}"#) == "no 'items' in the page-view response")
    }

    @Test func nytArticlesWithHeadlineBylineAndText() throws {
        let r = try Self.decode(
            NYTArchiveResponse.self,
            """
            {"response":{"docs":[
              {"_id":"nyt://1","web_url":"https://n.example/1","pub_date":"2015-09-02T00:00:00+0000","headline":{"main":"Liu Xia"},
               "abstract":"Same.","lead_paragraph":"Same.","byline":{"original":"By A"}},
              {"web_url":"https://n.example/2","headline":"flat","byline":null,"abstract":"","lead_paragraph":"Lead."}]}}
            """)
        #expect(r.docs.count == 2)
        #expect(r.docs[0].id == "nyt://1" && r.docs[0].headline == "Liu Xia" && r.docs[0].byline == "By A" && r.docs[0].text == "Same.")
        #expect(r.docs[1].headline == nil && r.docs[1].byline == nil && r.docs[1].publicationDate == nil && r.docs[1].text == "Lead.")
    }

    @Test func mediaCloudCountsAsIntegersOrFractions() throws {
        let r = try Self.decode(
            MediaCloudCountOverTime.self,
            """
            {"count_over_time":{"counts":[{"date":"2015-09-01 00:00:00","count":12,"total_count":40000.0},{"date":"2015-09-02","count":2.5},{"date":"2015-09-03","count":"3"}]}}
            """)
        #expect(r.counts.map(\.date) == ["2015-09-01 00:00:00", "2015-09-02", "2015-09-03"])
        #expect(r.counts.map(\.count) == [12, 2.5, nil])
        #expect(r.counts.map(\.totalCount) == [40000, nil, nil])
    }

    @Test func gdeltTimelineArticlesAndPlainTextErrors() throws {
        let timeline = try GDELTDocTimeline.decode(
            Data(
                #"{"query_details":{"title":"x"},"timeline":[{"series":"Article Count","data":[{"date":"20170101T000000Z","value":3,"norm":427906},{"date":"20170102T000000Z","value":0}]}]}"#
                    .utf8))
        #expect(timeline.points.map(\.date) == ["20170101T000000Z", "20170102T000000Z"])
        #expect(timeline.points.map(\.value) == [3, 0] && timeline.points.map(\.norm) == [427906, nil])
        #expect(try GDELTDocTimeline.decode(Data("{}".utf8)).points.isEmpty)
        // A raw control character inside a string is dropped.
        let articles = try GDELTDocArticleList.decode(
            Data(
                "{\"articles\":[{\"url\":\"https://x.example/a\",\"title\":\"Open\u{01}AI\",\"seendate\":\"20170525T103000Z\",\"domain\":\"x.example\"}]}".utf8)
        )
        #expect(articles.articles.map(\.title) == ["OpenAI"] && articles.articles[0].language == nil)
        #expect(Self.failure(GDELTDocTimeline.self, "The specified phrase is too short.\n") == "GDELT says: The specified phrase is too short.")
        #expect(Self.failure(GDELTDocArticleList.self, "{\"articles\":[") == "not JSON: '{\"articles\":['")
    }

    @Test func pageviewsSummedPerDay() throws {
        let r = try Self.decode(
            WikimediaPageviews.self,
            """
            {"items":[{"timestamp":"2015090100","views":310},{"timestamp":"2015090100","views":5},{"timestamp":"2015090300","views":52},{"timestamp":"bad","views":1},{"timestamp":"2015090400"}]}
            """)
        #expect(r.viewsByDay == ["2015-09-01": 315, "2015-09-03": 52])
    }

    @Test func mediaWikiRedirectsSearchAndLanguageLinks() throws {
        let redirects = try Self.decode(
            MediaWikiQueryResponse.self,
            #"{"batchcomplete":true,"query":{"pages":[{"pageid":1,"title":"Liu Xia","redirects":[{"pageid":2,"title":"Liu Xia (poet)"},{"pageid":3}]},{"title":"Other","missing":true}]}}"#
        )
        #expect(redirects.query?.pages.flatMap { $0.redirects.compactMap(\.title) } == ["Liu Xia (poet)"])
        let search = try Self.decode(MediaWikiQueryResponse.self, #"{"query":{"search":[{"ns":0,"title":"Liu Xia"},{"ns":0,"title":"Liu Xiaobo"}]}}"#)
        #expect(search.query?.search.compactMap(\.title) == ["Liu Xia", "Liu Xiaobo"])
        let links = try Self.decode(
            MediaWikiQueryResponse.self, #"{"query":{"pages":[{"title":"Liu Xia","langlinks":[{"lang":"zh","title":"刘霞"},{"lang":"de"}]}]}}"#)
        #expect(links.query?.pages.first?.langlinks.map(\.lang) == ["zh", "de"])
        #expect(try Self.decode(MediaWikiQueryResponse.self, #"{"error":{"code":"badvalue"}}"#).query == nil)
    }

    @Test func trendsExploreWidgetRequestGoesBackAsItCame() throws {
        let body =
            ")]}'\n"
            + #"{"widgets":[{"id":"RELATED_TOPICS","token":"r"},{"request":{"time":"2015-09-01 2015-09-05","resolution":"DAY","locale":"en-US","comparisonItem":[{"geo":{},"complexKeywordsRestriction":{"keyword":[{"type":"BROAD","value":"Liu Xia/刘霞"}]}}],"requestOptions":{"property":"","backend":"IZG","category":0},"ratio":0.5,"flag":true,"none":null},"token":"T","id":"TIMESERIES"}]}"#
        let r = try TrendsExploreResponse.decode(Data(body.utf8))
        let widget = try #require(r.timeseries)
        #expect(widget.token == "T")
        #expect(
            try widget.request?.compactText()
                == #"{"comparisonItem":[{"complexKeywordsRestriction":{"keyword":[{"type":"BROAD","value":"Liu Xia\/刘霞"}]},"geo":{}}],"flag":true,"locale":"en-US","none":null,"ratio":0.5,"requestOptions":{"backend":"IZG","category":0,"property":""},"resolution":"DAY","time":"2015-09-01 2015-09-05"}"#
        )
        #expect(try TrendsExploreResponse.decode(Data(#"{"widgets":[]}"#.utf8)).timeseries == nil)
        #expect(Self.failure(TrendsExploreResponse.self, ")]}'\n<html>") == "not JSON: '<html>'")
    }

    @Test func trendsExploreRequestIsCompactWithSortedKeys() throws {
        let days = Day(iso: "2015-09-01")!...Day(iso: "2015-12-31")!
        #expect(
            try TrendsExploreRequest(term: "Khadija Ismayilova", days: days).compactText()
                == #"{"category":0,"comparisonItem":[{"geo":"","keyword":"Khadija Ismayilova","time":"2015-09-01 2015-12-31"}],"property":""}"#)
    }

    @Test func jsonValuesKeepTheirKind() throws {
        let text = #"{"a":[1,-2,2.5,1e-7,true,false,null,"s"],"b":{}}"#
        let value = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        #expect(
            value
                == .object([
                    "a": .array([.integer(1), .integer(-2), .number(2.5), .number(1e-7), .bool(true), .bool(false), .null, .string("s")]),
                    "b": .object([:]),
                ]))
        #expect(try value.compactText() == #"{"a":[1,-2,2.5,1e-07,true,false,null,"s"],"b":{}}"#)
    }
}
