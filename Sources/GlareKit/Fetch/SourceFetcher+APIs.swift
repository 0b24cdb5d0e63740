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

    static func json(_ data: Data, url: String) throws -> [String: Any] {
        guard let o = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            let text = String(decoding: data.prefix(200), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw FetchError.badResponse("not JSON: '\(text)'", url: url)
        }
        return o
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
            let r = try client.get(url, display: shown)
            let json = try Self.json(r.body, url: shown)
            guard let docs = (json["response"] as? [String: Any])?["docs"] as? [[String: Any]] else {
                throw FetchError.badResponse("not an Archive API response (no response.docs)", url: shown)
            }
            let documents = docs.enumerated().compactMap { i, d -> NewsDocument? in
                guard let link = d["web_url"] as? String, let day = (d["pub_date"] as? String).flatMap(FeedDate.day) else { return nil }
                let headline = (d["headline"] as? [String: Any])?["main"] as? String ?? ""
                let text = [d["abstract"], d["lead_paragraph"]].compactMap { $0 as? String }.filter { !$0.isEmpty }
                var unique: [String] = []
                for t in text where !unique.contains(t) { unique.append(t) }
                let body = unique.joined(separator: "\n\n")
                return NewsDocument(format: "nyt-archive", database: source.id, documentId: Self.documentKey(link: link, id: d["_id"] as? String ?? link),
                                    outlet: "The New York Times", day: day, headline: headline,
                                    byline: (d["byline"] as? [String: Any])?["original"] as? String, text: body, hasText: !body.isEmpty, line: i + 1)
            }
            batch.pages.append(.init(data: r.body, url: shown, kind: "nyt-archive", documents: documents))
            month = month.adding(months: 1)
        }
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
            c.queryItems = [.init(name: "q", value: phrases.map { "\"\($0)\"" }.joined(separator: " OR ")),
                            .init(name: "start", value: days.lowerBound.iso), .init(name: "end", value: days.upperBound.iso),
                            .init(name: "platform", value: "onlinenews-mediacloud")]
            if !source.collections.isEmpty { c.queryItems!.append(.init(name: "cs", value: source.collections.map(String.init).joined(separator: ","))) }
            let url = c.string!
            let r = try client.get(url, headers: ["Authorization": "Token \(key)", "Accept": "application/json"], display: url)
            let json = try Self.json(r.body, url: url)
            guard let counts = (json["count_over_time"] as? [String: Any])?["counts"] as? [[String: Any]] else {
                throw FetchError.badResponse("not a count-over-time response (no count_over_time.counts)", url: url)
            }
            var page = SourceBatch.Page(data: r.body, url: url, kind: "mediacloud-count-over-time")
            for d in counts {
                guard let date = (d["date"] as? String).flatMap({ Day(iso: $0.prefix(10)) }), let count = (d["count"] as? NSNumber)?.doubleValue else { continue }
                page.counts.append((person.id, date.iso, count, (d["total_count"] as? NSNumber)?.doubleValue))
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
        for (n, person) in roster.people.filter(\.matchable).enumerated() {
            let phrases = phrases(person)
            guard !phrases.isEmpty else { continue }
            if n > 0 { pause(5) }                                           // GDELT asks for one request every 5 seconds
            var c = URLComponents(string: source.url)!
            let query = phrases.count == 1 ? "\"\(phrases[0])\"" : "(" + phrases.map { "\"\($0)\"" }.joined(separator: " OR ") + ")"
            c.queryItems = [.init(name: "query", value: query), .init(name: "mode", value: source.mode), .init(name: "format", value: "json"),
                            .init(name: "startdatetime", value: days.lowerBound.compact + "000000"),
                            .init(name: "enddatetime", value: days.upperBound.compact + "235959")]
            c.queryItems! += source.mode == "artlist" ? [.init(name: "maxrecords", value: "250"), .init(name: "sort", value: "dateasc")]
                                                      : [.init(name: "timelinesmooth", value: "0")]
            let url = c.string!
            let r = try client.get(url)
            let cleaned = Data(r.body.filter { $0 >= 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D })
            let trimmed = String(decoding: cleaned.prefix(1), as: UTF8.self)
            guard trimmed == "{" || trimmed == "[" else {
                let text = String(decoding: cleaned.prefix(300), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                throw FetchError.badResponse("GDELT says: \(text)", url: url)
            }
            let json = try Self.json(cleaned, url: url)
            if source.mode == "artlist" {
                // Article lists: titles matched by Glare (GDELT gives no text), stored as documents (`feed:<id>`).
                let documents = (json["articles"] as? [[String: Any]] ?? []).enumerated().compactMap { i, a -> NewsDocument? in
                    guard let link = a["url"] as? String, let day = (a["seendate"] as? String).flatMap({ Day(compact: $0) }) else { return nil }
                    return NewsDocument(format: "gdelt-doc", database: source.id, documentId: Self.documentKey(link: link, id: link),
                                        outlet: a["domain"] as? String ?? "", day: day, headline: a["title"] as? String ?? "",
                                        language: a["language"] as? String, text: "", hasText: false, line: i + 1)
                }
                batch.pages.append(.init(data: r.body, url: url, kind: "gdelt-doc-artlist", documents: documents))
                continue
            }
            let timeline = (json["timeline"] as? [[String: Any]])?.first?["data"] as? [[String: Any]] ?? []
            var page = SourceBatch.Page(data: r.body, url: url, kind: "gdelt-doc-timelinevolraw")
            for point in timeline {
                guard let day = (point["date"] as? String).flatMap({ Day(compact: $0) }), let value = (point["value"] as? NSNumber)?.doubleValue else { continue }
                page.counts.append((person.id, day.iso, value, (point["norm"] as? NSNumber)?.doubleValue))
            }
            batch.pages.append(page)
        }
        batch.state.cursor = days.upperBound.iso
        return batch
    }
}
