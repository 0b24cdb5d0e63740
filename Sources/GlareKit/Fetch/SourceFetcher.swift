import Foundation
import GlareCore
import GlareFetch
import GlareParsers
import GlareStore

/// What one fetch of a source brought: each response's bytes (a snapshot) with the documents read
/// from it, and the state to remember when it is stored.
struct SourceBatch {
    struct Page {
        let data: Data
        /// The URL as shown and stored: never with a key.
        let url: String
        let kind: String
        var documents: [NewsDocument] = []
        /// Counts reported by the API itself (count kinds): person, day, value, the day's total.
        var counts: [(person: String, day: String, value: Double, total: Double?)] = []
        /// The series source of `counts` (default: the source's `countSeriesSource`), and the people whose
        /// counts this response went into (recorded as the series' inputs).
        var countSource: String? = nil
        var contributes: [String] = []
        /// A Trends API response about one person's term, imported through the Trends importer.
        var trends: (person: String, term: String)? = nil
    }
    var pages: [Page] = []
    var notModified = false
    var truncated: [String] = []
    /// What an analyst should know about the run (titles summed, titles without data).
    var notes: [String] = []
    var state: SourceState
    /// The spans of time the fetched documents cover completely (a news API's queried days up to the
    /// fetch), in seconds since 1970; feeds' spans are worked out from their items by the run.
    var covered: [Range<Int>] = []
}

/// Fetches one source of any kind.
struct SourceFetcher {
    let client: HTTPClient
    let credentials: Credentials
    let roster: Roster
    /// Waits between an API's requests, at its documented pace (no-op in tests).
    let pause: (TimeInterval) -> Void

    func fetch(_ source: SourceDefinition, state: SourceState, from: Day?, to: Day?, today: Day) throws -> SourceBatch {
        switch source.kind {
        case .rss, .atom: return try feed(source, state: state, today: today)
        case .guardian: return try guardian(source, state: state, from: from, to: to, today: today)
        case .nytArchive: return try nytArchive(source, state: state, from: from, to: to, today: today)
        case .mediacloud: return try mediacloud(source, state: state, from: from, to: to, today: today)
        case .gdeltDoc: return try gdeltDoc(source, state: state, from: from, to: to, today: today)
        case .trends: return try trends(source, state: state, from: from, to: to, today: today)
        case .wikipediaPageviews: return try pageviews(source, state: state, from: from, to: to, today: today)
        }
    }

    // MARK: RSS and Atom

    func feed(_ source: SourceDefinition, state: SourceState, today: Day) throws -> SourceBatch {
        try feed(source, state: state, today: today, response: try feedResponse(source, state: state))
    }

    /// A feed's response, asked for conditionally (the network part of `feed`).
    func feedResponse(_ source: SourceDefinition, state: SourceState) throws -> HTTPClient.Response {
        var headers: [String: String] = [:]
        if let etag = state.etag { headers["If-None-Match"] = etag }
        if let modified = state.lastModified { headers["If-Modified-Since"] = modified }
        return try client.get(source.url, headers: headers)
    }

    /// A feed's batch from its response (the parsing part of `feed`).
    func feed(_ source: SourceDefinition, state: SourceState, today: Day, response r: HTTPClient.Response) throws -> SourceBatch {
        var batch = SourceBatch(state: state)
        if r.notModified {
            batch.notModified = true
            return batch
        }
        let type = (r.headers["content-type"] ?? "").lowercased()
        if type.hasPrefix("text/html") || type.hasPrefix("application/json") || type.hasPrefix("image/") {
            throw FetchRunError.wrongContentType(url: source.url, type: type)
        }
        let feed = try FeedParser.parse(r.body, source: source.url)
        if feed.truncated { batch.truncated.append(source.url) }
        let outlet = feed.title.isEmpty ? (URL(string: source.url)?.host ?? source.id) : feed.title
        let documents = feed.items.enumerated().map { i, item in
            NewsDocument(
                format: source.kind.rawValue, database: source.id, documentId: Self.documentKey(link: item.link, id: item.id),
                outlet: outlet, day: item.day ?? today, headline: item.title, byline: item.author, text: item.text,
                hasText: !item.text.isEmpty, line: i + 1)
        }
        batch.pages.append(.init(data: r.body, url: source.url, kind: "feed-" + source.kind.rawValue, documents: documents, counts: []))
        batch.state.etag = r.headers["etag"]
        batch.state.lastModified = r.headers["last-modified"]
        return batch
    }

    /// The identity of an item across runs and feeds: its link without fragment and tracking
    /// parameters (scheme and host lowercased), else its id.
    static func documentKey(link: String, id: String) -> String {
        isPlain(link) ? "url:" + link : componentsKey(link: link, id: id)
    }

    /// Whether `URLComponents` gives a link back as it is (so its key is the link itself): `scheme://host`
    /// and a path, scheme and host in lower-case ASCII, the path of unreserved characters and slashes; no
    /// port, user, query, fragment, escape or space. Most feed links are; checking costs a pass over bytes.
    static func isPlain(_ link: String) -> Bool {
        var bytes = link.utf8.makeIterator()
        guard let first = bytes.next(), (0x61...0x7A).contains(first) else { return false }  // a-z
        var b = bytes.next()
        while let c = b, (0x61...0x7A).contains(c) || (0x30...0x39).contains(c) { b = bytes.next() }  // [a-z0-9]*
        guard b == 0x3A, bytes.next() == 0x2F, bytes.next() == 0x2F else { return false }  // "://"
        var hostBytes = 0
        b = bytes.next()
        while let c = b, (0x61...0x7A).contains(c) || (0x30...0x39).contains(c) || c == 0x2D || c == 0x2E {  // [a-z0-9.-]
            hostBytes += 1
            b = bytes.next()
        }
        guard hostBytes > 0 else { return false }
        guard let slash = b else { return true }
        guard slash == 0x2F else { return false }
        while let c = bytes.next() {
            switch c {
            case 0x61...0x7A, 0x41...0x5A, 0x30...0x39, 0x2D, 0x2E, 0x5F, 0x7E, 0x2F: continue  // [a-zA-Z0-9-._~/]
            default: return false
            }
        }
        return true
    }

    /// `documentKey` through `URLComponents`: any link.
    static func componentsKey(link: String, id: String) -> String {
        guard var c = URLComponents(string: link.trimmingCharacters(in: .whitespaces)), let host = c.host, !host.isEmpty else {
            return "id:" + id
        }
        c.scheme = c.scheme?.lowercased()
        c.host = host.lowercased()
        c.fragment = nil
        c.queryItems = c.queryItems?.filter { !$0.name.lowercased().hasPrefix("utm_") }
        if c.queryItems?.isEmpty == true { c.queryItems = nil }
        return "url:" + (c.string ?? link)
    }

    // MARK: The Guardian Open Platform

    func guardian(_ source: SourceDefinition, state: SourceState, from: Day?, to: Day?, today: Day) throws -> SourceBatch {
        guard let key = credentials.value(source.keyVariable) else {
            throw FetchRunError.missingKey(source: source.id, variable: source.keyVariable)
        }
        let start = from ?? state.cursor.flatMap { Day(iso: $0) } ?? source.since ?? today.adding(days: -1)
        let end = to ?? today
        let query = source.query ?? defaultQuery()
        var batch = SourceBatch(state: state)
        let base = source.url.hasSuffix("/") ? source.url : source.url + "/"
        var page = 1
        var pages = 1
        repeat {
            var c = URLComponents(string: base + "search")!
            c.queryItems = [
                .init(name: "q", value: query), .init(name: "from-date", value: start.iso), .init(name: "to-date", value: end.iso),
                .init(name: "order-by", value: "oldest"), .init(name: "page-size", value: "50"), .init(name: "page", value: String(page)),
                .init(name: "show-fields", value: "bodyText,byline"), .init(name: "api-key", value: key),
            ]
            let url = c.string!
            let shown = Credentials.redact(url, key)
            let r = try client.get(url, display: shown, secrets: [key])
            let response = try GuardianSearchResponse.decode(r.body, url: shown)
            guard response.status == "ok" else {
                throw FetchError.badResponse("the Guardian API says: \(response.message ?? "error")", url: shown)
            }
            pages = response.pages
            let documents = response.results.enumerated().compactMap { i, item -> NewsDocument? in
                guard let webUrl = item.webUrl, let date = item.webPublicationDate.flatMap(FeedDate.day) else { return nil }
                let body = item.bodyText ?? ""
                return NewsDocument(
                    format: "guardian", database: source.id, documentId: Self.documentKey(link: webUrl, id: item.id ?? webUrl),
                    outlet: "The Guardian", day: date, headline: item.webTitle ?? "",
                    byline: item.byline, text: body, hasText: !body.isEmpty, line: (page - 1) * 50 + i + 1)
            }
            // The snapshot is the response as received; the API does not echo the key.
            batch.pages.append(.init(data: r.body, url: shown, kind: "guardian-search", documents: documents))
            page += 1
            if page <= pages { pause(1) }  // the developer tier allows 1 call a second
        } while page <= pages
        if start <= end { batch.covered.append(CoveredSpans.span(days: start...end)) }
        batch.state.cursor = end.iso
        return batch
    }

    /// Every featured and control person's search phrases, quoted and OR'd.
    func defaultQuery() -> String {
        Array(Set(roster.people.filter(\.matchable).flatMap(phrases))).sorted().map { "\"\($0)\"" }.joined(separator: " OR ")
    }
}
