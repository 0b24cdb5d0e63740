import Foundation
import GlareCore
import GlareFetch
import GlareParsers
import GlareStore

extension SourceFetcher {
    /// The days a date-ranged API run covers: `--from/--to`, else from the cursor (the last day fetched,
    /// fetched again for late items), `since`, or yesterday, up to today.
    func range(_ source: SourceDefinition, state: SourceState, from: Day?, to: Day?, today: Day, earliest: Day? = nil) -> ClosedRange<Day>? {
        var start = from ?? state.cursor.flatMap { Day(iso: $0) } ?? source.since ?? today.adding(days: -1)
        if let earliest { start = max(start, earliest) }
        let end = to ?? today
        return start <= end ? start...end : nil
    }

    func key(_ source: SourceDefinition) throws -> String {
        guard let key = credentials.value(source.keyVariable) else { throw FetchRunError.missingKey(source: source.id, variable: source.keyVariable) }
        return key
    }

    /// A person's search phrases: Latin-script aliases of more than one word.
    func phrases(_ person: Person) -> [String] {
        person.aliases.map(\.text).filter { a in a.contains(" ") && a.unicodeScalars.allSatisfy { $0.value < 0x250 || $0 == " " } }
    }

    // MARK: New York Times Archive API

    /// Every article of each month in range (`/svc/archive/v1/YYYY/M.json`), matched by Glare on its
    /// headline, abstract and lead paragraph (the API carries no full text). Five calls a minute.
    func nytArchive(_ source: SourceDefinition, state: SourceState, from: Day?, to: Day?, today: Day) throws -> SourceBatch {
        let key = try key(source)
        var batch = SourceBatch(state: state)
        guard let days = range(source, state: state, from: from, to: to, today: today) else { return batch }
        let base = source.url.hasSuffix("/") ? source.url : source.url + "/"
        var month = days.lowerBound.firstOfMonth
        var first = true
        while month <= days.upperBound {
            if !first { pause(12) }
            first = false
            var c = URLComponents(string: base + "\(month.year)/\(month.month).json")!
            c.queryItems = [.init(name: "api-key", value: key)]
            let url = c.string!
            let shown = Credentials.redact(url, key)
            let r = try client.get(url, display: shown, secrets: [key])
            let documents = try NYTArchiveResponse.decode(r.body, url: shown).docs.enumerated().compactMap { i, d -> NewsDocument? in
                guard let link = d.webURL, let day = d.publicationDate.flatMap(FeedDate.day) else { return nil }
                let body = d.text
                return NewsDocument(
                    format: "nyt-archive", database: source.id, documentId: Self.documentKey(link: link, id: d.id ?? link),
                    outlet: "The New York Times", day: day, headline: d.headline ?? "",
                    byline: d.byline, text: body, hasText: !body.isEmpty, line: i + 1)
            }
            batch.pages.append(.init(data: r.body, url: shown, kind: "nyt-archive", documents: documents))
            month = month.adding(months: 1)
        }
        batch.covered.append(CoveredSpans.span(days: days))
        batch.state.cursor = days.upperBound.iso
        return batch
    }

    // MARK: Media Cloud

    /// Media Cloud's own daily story counts for a query per person (`search/count-over-time`), with the
    /// day's total stories as the denominator: its matching, kept apart from Glare's as `mediacloud:<id>`.
    func mediacloud(_ source: SourceDefinition, state: SourceState, from: Day?, to: Day?, today: Day) throws -> SourceBatch {
        let key = try key(source)
        var batch = SourceBatch(state: state)
        guard let days = range(source, state: state, from: from, to: to, today: today) else { return batch }
        let base = source.url.hasSuffix("/") ? source.url : source.url + "/"
        for (n, person) in roster.people.filter(\.matchable).enumerated() {
            let phrases = phrases(person)
            guard !phrases.isEmpty else { continue }
            if n > 0 { pause(1) }
            var c = URLComponents(string: base + "search/count-over-time")!
            c.queryItems = [
                .init(name: "q", value: phrases.map { "\"\($0)\"" }.joined(separator: " OR ")),
                .init(name: "start", value: days.lowerBound.iso), .init(name: "end", value: days.upperBound.iso),
                .init(name: "platform", value: "onlinenews-mediacloud"),
            ]
            if !source.collections.isEmpty { c.queryItems!.append(.init(name: "cs", value: source.collections.map(String.init).joined(separator: ","))) }
            let url = c.string!
            let r = try client.get(url, headers: ["Authorization": "Token \(key)", "Accept": "application/json"], display: url, secrets: [key])
            let counts = try MediaCloudCountOverTime.decode(r.body, url: url).counts
            var page = SourceBatch.Page(data: r.body, url: url, kind: "mediacloud-count-over-time")
            for d in counts {
                guard let date = d.date.flatMap({ Day(iso: $0.prefix(10)) }), let count = d.count else { continue }
                page.counts.append((person.id, date.iso, count, d.totalCount))
            }
            batch.pages.append(page)
        }
        batch.state.cursor = days.upperBound.iso
        return batch
    }

    // MARK: GDELT DOC 2.0

    /// GDELT's own daily article counts per person (`mode=timelinevolraw`), with the articles it
    /// monitored that day (`norm`) as the total; or (`mode: artlist`) its lists of matching articles,
    /// stored as documents and matched by Glare on their titles. It covers 2017 on: for monitoring current cases, not
    /// 2015. Errors come as plain text with status 200, and JSON may hold raw control characters.
    func gdeltDoc(_ source: SourceDefinition, state: SourceState, from: Day?, to: Day?, today: Day) throws -> SourceBatch {
        var batch = SourceBatch(state: state)
        guard let days = range(source, state: state, from: from, to: to, today: today, earliest: Day(iso: "2017-01-01")) else { return batch }
        // An article list is complete up to its last article only when GDELT returned fewer than it may (250).
        var complete = CoveredSpans.span(days: days)
        for (n, person) in roster.people.filter(\.matchable).enumerated() {
            let phrases = phrases(person)
            guard !phrases.isEmpty else { continue }
            if n > 0 { pause(5) }  // GDELT asks for one request every 5 seconds
            var c = URLComponents(string: source.url)!
            let query = phrases.count == 1 ? "\"\(phrases[0])\"" : "(" + phrases.map { "\"\($0)\"" }.joined(separator: " OR ") + ")"
            c.queryItems = [
                .init(name: "query", value: query), .init(name: "mode", value: source.mode), .init(name: "format", value: "json"),
                .init(name: "startdatetime", value: days.lowerBound.compact + "000000"),
                .init(name: "enddatetime", value: days.upperBound.compact + "235959"),
            ]
            c.queryItems! +=
                source.mode == "artlist"
                ? [.init(name: "maxrecords", value: "250"), .init(name: "sort", value: "dateasc")]
                : [.init(name: "timelinesmooth", value: "0")]
            let url = c.string!
            let r = try client.get(url)
            if source.mode == "artlist" {
                // Article lists: titles matched by Glare (GDELT gives no text), stored as documents (`feed:<id>`).
                let articles = try GDELTDocArticleList.decode(r.body, url: url).articles
                let documents = articles.enumerated().compactMap { i, a -> NewsDocument? in
                    guard let link = a.url, let day = a.seendate.flatMap({ Day(compact: $0) }) else { return nil }
                    return NewsDocument(
                        format: "gdelt-doc", database: source.id, documentId: Self.documentKey(link: link, id: link),
                        outlet: a.domain ?? "", day: day, headline: a.title ?? "",
                        language: a.language, text: "", hasText: false, line: i + 1)
                }
                batch.pages.append(.init(data: r.body, url: url, kind: "gdelt-doc-artlist", documents: documents))
                if articles.count >= 250, let last = documents.map(\.day).max() {
                    complete = complete.lowerBound..<max(complete.lowerBound, min(complete.upperBound, last.ordinal * 86_400))
                }
                continue
            }
            var page = SourceBatch.Page(data: r.body, url: url, kind: "gdelt-doc-timelinevolraw")
            for point in try GDELTDocTimeline.decode(r.body, url: url).points {
                guard let day = point.date.flatMap({ Day(compact: $0) }), let value = point.value else { continue }
                page.counts.append((person.id, day.iso, value, point.norm))
            }
            batch.pages.append(page)
        }
        if source.mode == "artlist" { batch.covered.append(complete) }
        batch.state.cursor = days.upperBound.iso
        return batch
    }
}
