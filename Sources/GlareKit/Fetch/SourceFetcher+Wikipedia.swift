import Foundation
import GlareCore
import GlareFetch
import GlareParsers
import GlareStore

extension SourceFetcher {
    /// The first day the Wikimedia REST API has page views for.
    static let pageviewsStart = Day(iso: "2015-07-01")!

    /// Daily views of every confirmed title in the roster (`wikipedia:` per person), with the views of
    /// its redirects (asked of the MediaWiki API) summed in, and the edition's total daily views as the
    /// denominator. The API omits days without views: a day of the range it answered for is 0; a title
    /// it has no data for (404) leaves the person's series missing, never zero.
    func pageviews(_ source: SourceDefinition, state: SourceState, from: Day?, to: Day?, today: Day) throws -> SourceBatch {
        var batch = SourceBatch(state: state)
        guard let days = range(source, state: state, from: from, to: to ?? today.adding(days: -1), today: today, earliest: Self.pageviewsStart) else {
            return batch
        }
        let base = source.url.hasSuffix("/") ? source.url : source.url + "/"
        let span = Self.stamp(days.lowerBound) + "/" + Self.stamp(days.upperBound)
        var totals: [String: [String: Double]] = [:]  // lang -> day -> views
        let languages = Set(roster.people.flatMap { $0.wikipedia.keys }).sorted()
        for lang in languages {
            let url = base + "metrics/pageviews/aggregate/\(Self.project(lang))/all-access/\(source.agent)/daily/" + span
            let r = try client.get(url)
            var page = SourceBatch.Page(data: r.body, url: url, kind: "wikipedia-aggregate")
            page.countSource = "wikipedia:" + lang
            batch.pages.append(page)
            totals[lang] = try WikimediaPageviews.decode(r.body, url: url).viewsByDay
        }
        for person in roster.people where !person.wikipedia.isEmpty {
            for (lang, title) in person.wikipedia.sorted(by: { $0.key < $1.key }) {
                pause(0.05)
                let redirects = try self.redirects(of: title, lang: lang, source: source)
                var sum: [String: Double] = [:]
                var found = false
                for (i, t) in ([title] + redirects).enumerated() {
                    let url =
                        base + "metrics/pageviews/per-article/\(Self.project(lang))/all-access/\(source.agent)/\(WikipediaTitle.pathComponent(t))/daily/" + span
                    let r: HTTPClient.Response
                    do { r = try client.get(url) } catch let e as FetchError where e.status == 404 {
                        if i == 0 { batch.notes.append("\(person.id): no page views for \(lang):\(title) (404: no such article, or no data in the range)") }
                        continue
                    }
                    if i == 0 { found = true }
                    for (day, v) in try WikimediaPageviews.decode(r.body, url: url).viewsByDay { sum[day, default: 0] += v }
                    var page = SourceBatch.Page(data: r.body, url: url, kind: "wikipedia-per-article")
                    page.countSource = "wikipedia:" + lang
                    page.contributes = [person.id]
                    batch.pages.append(page)
                }
                guard found, var last = batch.pages.popLast() else { continue }
                // The counts ride on the last response of the person's titles (all are recorded as inputs).
                for offset in 0...days.lowerBound.distance(to: days.upperBound) {
                    let day = days.lowerBound.adding(days: offset).iso
                    last.counts.append((person.id, day, sum[day] ?? 0, totals[lang]?[day]))
                }
                batch.pages.append(last)
                if !redirects.isEmpty { batch.notes.append("\(person.id): \(lang) views summed over \(([title] + redirects).joined(separator: ", "))") }
            }
        }
        batch.state.cursor = days.upperBound.iso
        return batch
    }

    /// The titles redirecting to `title` in one language edition.
    func redirects(of title: String, lang: String, source: SourceDefinition) throws -> [String] {
        var c = URLComponents(string: source.mediawikiURL.replacingOccurrences(of: "{lang}", with: lang))!
        c.queryItems = [
            .init(name: "action", value: "query"), .init(name: "format", value: "json"), .init(name: "formatversion", value: "2"),
            .init(name: "prop", value: "redirects"), .init(name: "rdlimit", value: "max"), .init(name: "redirects", value: "1"),
            .init(name: "titles", value: title.replacingOccurrences(of: "_", with: " ")),
        ]
        let url = c.string!
        let pages = try MediaWikiQueryResponse.decode(try client.get(url).body, url: url).query?.pages ?? []
        return pages.flatMap { $0.redirects.compactMap(\.title) }
            .map { $0.replacingOccurrences(of: " ", with: "_") }
    }

    static func project(_ lang: String) -> String { lang + ".wikipedia" }

    static func stamp(_ day: Day) -> String { day.compact + "00" }
}
