import Foundation
import GlareCore
import GlareFetch
import GlareParsers
import GlareStore

extension SourceFetcher {
    /// Google Trends' unofficial web API, for each person's display name: `explore` gives the
    /// TIMESERIES widget's request and token, `widgetdata/multiline` the series. Daily data comes in
    /// windows of at most 240 days, overlapping by 60 so the importer can stitch them onto one scale.
    /// Google answers bursts with 429: requests are paced (10 s apart) and 429s retried with backoff.
    func trends(_ source: SourceDefinition, state: SourceState, from: Day?, to: Day?, today: Day) throws -> SourceBatch {
        var batch = SourceBatch(state: state)
        guard let days = range(source, state: state, from: from, to: to, today: today) else { return batch }
        let base = source.url.hasSuffix("/") ? source.url : source.url + "/"
        var windows: [ClosedRange<Day>] = []
        var start = days.lowerBound
        while true {
            let end = min(days.upperBound, start.adding(days: 239))
            windows.append(start...end)
            if end == days.upperBound { break }
            start = end.adding(days: -59)
        }
        var first = true
        for person in roster.people.filter(\.matchable) {
            let term = person.name
            for w in windows {
                if !first { pause(10) }
                first = false
                var c = URLComponents(string: base + "explore")!
                c.queryItems = [
                    .init(name: "hl", value: "en-US"), .init(name: "tz", value: "0"),
                    .init(name: "req", value: try TrendsExploreRequest(term: term, days: w).compactText()),
                ]
                let explore = try TrendsExploreResponse.decode(try client.get(c.string!).body, url: c.string!)
                guard let widget = explore.timeseries, let token = widget.token, let widgetRequest = widget.request else {
                    throw FetchError.badResponse(TrendsExploreResponse.shapeError, url: c.string!)
                }
                pause(2)
                var m = URLComponents(string: base + "widgetdata/multiline")!
                m.queryItems = [
                    .init(name: "hl", value: "en-US"), .init(name: "tz", value: "0"),
                    .init(name: "req", value: try widgetRequest.compactText()), .init(name: "token", value: token),
                ]
                let r = try client.get(m.string!)
                var page = SourceBatch.Page(data: r.body, url: m.string!, kind: "trends-api")
                page.trends = (person.id, term)
                batch.pages.append(page)
            }
        }
        batch.state.cursor = days.upperBound.iso
        return batch
    }
}
