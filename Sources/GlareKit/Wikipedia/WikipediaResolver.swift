import Foundation
public import GlareCore
public import GlareFetch
import GlareParsers

/// `glare wikipedia resolve`: proposes Wikipedia titles for roster people who have none, for the
/// analyst to confirm in the roster (nothing proposed is counted until it is written there). Searches
/// one edition for the person's name, follows redirects to the article, and reads its interlanguage
/// links for the other editions.
public struct WikipediaResolver {
    /// A proposal for one person.
    public struct Proposal: Sendable, Equatable {
        public let person: String
        /// The search hits considered, best first.
        public let candidates: [String]
        /// Language → title, from the best hit and its interlanguage links; empty when nothing was found.
        public let titles: [String: String]
    }

    public let client: HTTPClient
    /// The MediaWiki API, `{lang}` replaced by the edition.
    public let mediawikiURL: String

    public init(client: HTTPClient, mediawikiURL: String = "https://{lang}.wikipedia.org/w/api.php") {
        self.client = client
        self.mediawikiURL = mediawikiURL
    }

    func query(_ lang: String, _ items: [URLQueryItem]) throws -> MediaWikiQueryResponse.Query {
        var c = URLComponents(string: mediawikiURL.replacingOccurrences(of: "{lang}", with: lang))!
        c.queryItems =
            (c.queryItems ?? []) + [
                .init(name: "action", value: "query"), .init(name: "format", value: "json"),
                .init(name: "formatversion", value: "2"),
            ] + items
        let url = c.string!
        guard let query = try MediaWikiQueryResponse.decode(try client.get(url).body, url: url).query else {
            throw FetchError.badResponse(MediaWikiQueryResponse.shapeError, url: url)
        }
        return query
    }

    public func resolve(_ person: Person, lang: String = "en") throws -> Proposal {
        let hits = try query(
            lang,
            [
                .init(name: "list", value: "search"), .init(name: "srsearch", value: "\"\(person.name)\""),
                .init(name: "srlimit", value: "3"),
            ])
        let candidates = hits.search.compactMap(\.title)
        guard let best = candidates.first else { return Proposal(person: person.id, candidates: [], titles: [:]) }
        let page = try query(
            lang,
            [
                .init(name: "prop", value: "langlinks"), .init(name: "lllimit", value: "max"),
                .init(name: "redirects", value: "1"), .init(name: "titles", value: best),
            ]
        ).pages.first
        var titles = [lang: (page?.title ?? best).replacingOccurrences(of: " ", with: "_")]
        for link in page?.langlinks ?? [] {
            if let l = link.lang, let t = link.title { titles[l] = t.replacingOccurrences(of: " ", with: "_") }
        }
        return Proposal(person: person.id, candidates: candidates, titles: titles)
    }

    /// Proposals as roster YAML to paste after checking each title.
    public static func yaml(_ proposals: [Proposal]) -> String {
        var out = "# Proposed Wikipedia titles: check each article is about the person, then copy the line into her roster entry.\n"
        for p in proposals {
            if p.titles.isEmpty {
                out += "# \(p.person): no article found\n"
                continue
            }
            out += "# \(p.person) (search hits: \(p.candidates.joined(separator: "; ")))\n"
            let pairs = p.titles.sorted { $0.key < $1.key }.map { "\($0.key): \"\($0.value)\"" }
            out += "#   wikipedia: {\(pairs.joined(separator: ", "))}\n"
        }
        return out
    }
}
