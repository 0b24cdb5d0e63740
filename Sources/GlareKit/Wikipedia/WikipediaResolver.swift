import Foundation
import GlareCore
import GlareFetch

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

    func query(_ lang: String, _ items: [URLQueryItem]) throws -> [String: Any] {
        var c = URLComponents(string: mediawikiURL.replacingOccurrences(of: "{lang}", with: lang))!
        c.queryItems = (c.queryItems ?? []) + [.init(name: "action", value: "query"), .init(name: "format", value: "json"),
                                              .init(name: "formatversion", value: "2")] + items
        let url = c.string!
        guard let json = try JSONSerialization.jsonObject(with: try client.get(url).body) as? [String: Any],
              let q = json["query"] as? [String: Any] else { throw FetchError.badResponse("not a MediaWiki query response", url: url) }
        return q
    }

    public func resolve(_ person: Person, lang: String = "en") throws -> Proposal {
        let hits = try query(lang, [.init(name: "list", value: "search"), .init(name: "srsearch", value: "\"\(person.name)\""),
                                    .init(name: "srlimit", value: "3")])
        let candidates = (hits["search"] as? [[String: Any]] ?? []).compactMap { $0["title"] as? String }
        guard let best = candidates.first else { return Proposal(person: person.id, candidates: [], titles: [:]) }
        let page = try query(lang, [.init(name: "prop", value: "langlinks"), .init(name: "lllimit", value: "max"),
                                    .init(name: "redirects", value: "1"), .init(name: "titles", value: best)])
        let first = (page["pages"] as? [[String: Any]])?.first ?? [:]
        var titles = [lang: ((first["title"] as? String) ?? best).replacingOccurrences(of: " ", with: "_")]
        for link in first["langlinks"] as? [[String: Any]] ?? [] {
            if let l = link["lang"] as? String, let t = link["title"] as? String { titles[l] = t.replacingOccurrences(of: " ", with: "_") }
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
