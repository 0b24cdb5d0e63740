public import Foundation
public import GlareCore
import Yams

/// One fetched source, as `Feeds/sources.yaml` defines it.
public struct SourceDefinition: Sendable, Equatable {
    /// The kinds `glare fetch` knows.
    public enum Kind: String, Sendable, CaseIterable {
        case rss, atom, guardian
        case nytArchive = "nyt-archive"
        case mediacloud
        case gdeltDoc = "gdelt-doc"
        /// Google Trends through its unofficial web API (explore, then multiline): off unless enabled.
        case trends
        /// Daily Wikipedia page views of the roster's confirmed titles (Wikimedia REST API).
        case wikipediaPageviews = "wikipedia-pageviews"

        /// RSS and Atom feeds: one conditional request to a feed host, no key, no pace.
        public var isFeed: Bool { self == .rss || self == .atom }

        /// Kinds that report counts (their own matching) rather than documents.
        public var reportsCounts: Bool { self == .mediacloud || self == .gdeltDoc || self == .wikipediaPageviews }

        /// The series kinds a fetch of this kind feeds (Trends responses go through the Trends importer).
        public var seriesKinds: [SeriesKind] {
            switch self {
            case .rss, .atom, .guardian, .nytArchive: [.feed]
            case .gdeltDoc: [.feed, .reportedCounts]
            case .mediacloud, .wikipediaPageviews: [.reportedCounts]
            case .trends: []
            }
        }
    }

    /// A stable id: lowercase letters, digits, hyphens (the series is `feed:<id>`).
    public let id: String
    public let kind: Kind
    /// The feed's URL, or the API's base URL (so tests and mirrors can point elsewhere).
    public let url: String
    /// For APIs: the search query (default: every roster alias in Latin script, quoted, OR'd).
    public let query: String?
    /// For APIs with keys: the environment variable holding it (default `GLARE_<ID>_KEY`).
    public let apiKeyEnv: String?
    /// For date-ranged APIs: the first day a first run fetches.
    public let since: Day?
    /// Off by default for sources that must be asked for.
    public let enabled: Bool
    /// Media Cloud collection ids to search (its default platform otherwise).
    public let collections: [Int]
    /// Wikipedia: the MediaWiki API of a language edition, `{lang}` replaced (for redirects).
    public let mediawikiURL: String
    /// Wikipedia: the agent type counted (`user` excludes spiders and automated traffic).
    public let agent: String
    /// GDELT DOC: `timelinevolraw` (GDELT's daily counts) or `artlist` (its article lists, matched by Glare).
    public let mode: String

    public init(
        id: String, kind: Kind, url: String, query: String? = nil, apiKeyEnv: String? = nil, since: Day? = nil, enabled: Bool = true, collections: [Int] = [],
        mediawikiURL: String = "https://{lang}.wikipedia.org/w/api.php", agent: String = "user",
        mode: String = "timelinevolraw"
    ) {
        self.id = id
        self.kind = kind
        self.url = url
        self.query = query
        self.apiKeyEnv = apiKeyEnv
        self.since = since
        self.enabled = enabled
        self.collections = collections
        self.mediawikiURL = mediawikiURL
        self.agent = agent
        self.mode = mode
    }

    /// The environment variable that holds the source's key.
    public var keyVariable: String { apiKeyEnv ?? "GLARE_" + id.uppercased().replacingOccurrences(of: "-", with: "_") + "_KEY" }

    /// Whether the kind needs an API key.
    public var needsKey: Bool { [.guardian, .nytArchive, .mediacloud].contains(kind) }

    /// The series source of a count-reporting kind (`mediacloud:<id>`), kept apart from Glare's own counts.
    public var countSeriesSource: String { kind.rawValue + ":" + id }
}

/// Why a sources file cannot be used.
public struct SourceListError: Error, CustomStringConvertible, Equatable {
    public let file: String
    public let line: Int?
    public let reason: String
    public var description: String { "\(file)\(line.map { ":\($0)" } ?? ""): \(reason)" }
}

/// The sources of `Feeds/sources.yaml`: a top-level `sources:` list of definitions.
public enum SourceList {
    static let fields: Set<String> = ["id", "kind", "url", "query", "api_key_env", "since", "enabled", "collections", "mediawiki_url", "agent", "mode", "note"]

    public static func load(contentsOf url: URL) throws -> [SourceDefinition] {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw SourceListError(file: url.path, line: nil, reason: "cannot read the sources file")
        }
        return try parse(text, file: url.path)
    }

    public static func parse(_ text: String, file: String) throws -> [SourceDefinition] {
        if let line = YAMLNesting.firstLineTooDeep(text) {
            throw SourceListError(file: file, line: line, reason: "the YAML nests more than \(YAMLNesting.limit) levels deep here")
        }
        let node: Node?
        do { node = try Yams.compose(yaml: text, .basic) } catch {  // values read as text: no tag rules
            throw SourceListError(file: file, line: nil, reason: "not valid YAML: \(error)")
        }
        guard let root = node?.mapping, let list = root["sources"]?.sequence else {
            throw SourceListError(file: file, line: 1, reason: "expected a top-level 'sources:' list")
        }
        var seen = Set<String>()
        return try list.map { item in
            let line = item.mark.map { $0.line }
            guard let m = item.mapping else { throw SourceListError(file: file, line: line, reason: "each source must be a mapping with id, kind and url") }
            var values: [String: String] = [:]
            for (k, v) in m {
                guard let key = k.string else { continue }
                guard fields.contains(key) else {
                    throw SourceListError(
                        file: file, line: k.mark?.line ?? line, reason: "unknown field '\(key)' (known: \(fields.sorted().joined(separator: ", ")))")
                }
                values[key] = v.string ?? v.scalar?.string ?? v.sequence?.compactMap { $0.string }.joined(separator: ",")
            }
            guard let id = values["id"], Identifier.isValid(id) else {
                throw SourceListError(file: file, line: line, reason: "a source needs an 'id' of lowercase letters, digits and hyphens")
            }
            guard seen.insert(id).inserted else { throw SourceListError(file: file, line: line, reason: "source '\(id)' is defined twice") }
            guard let kindText = values["kind"], let kind = SourceDefinition.Kind(rawValue: kindText) else {
                throw SourceListError(
                    file: file, line: line,
                    reason: "source '\(id)': 'kind' must be one of \(SourceDefinition.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard let url = values["url"], let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme ?? "") else {
                throw SourceListError(file: file, line: line, reason: "source '\(id)': 'url' must be an http or https URL")
            }
            var since: Day? = nil
            if let s = values["since"] {
                guard let d = Day(iso: s) else { throw SourceListError(file: file, line: line, reason: "source '\(id)': 'since' must be YYYY-MM-DD") }
                since = d
            }
            let enabled = values["enabled"].map { ["true", "yes", "on"].contains($0.lowercased()) } ?? true
            let collections = (values["collections"] ?? "").split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            let agent = values["agent"] ?? "user"
            guard ["user", "spider", "automated", "all-agents"].contains(agent) else {
                throw SourceListError(file: file, line: line, reason: "source '\(id)': 'agent' must be user, spider, automated or all-agents")
            }
            let mode = values["mode"] ?? "timelinevolraw"
            guard ["timelinevolraw", "artlist"].contains(mode) else {
                throw SourceListError(file: file, line: line, reason: "source '\(id)': 'mode' must be timelinevolraw or artlist")
            }
            return SourceDefinition(
                id: id, kind: kind, url: url, query: values["query"], apiKeyEnv: values["api_key_env"], since: since,
                enabled: enabled, collections: collections,
                mediawikiURL: values["mediawiki_url"] ?? "https://{lang}.wikipedia.org/w/api.php", agent: agent, mode: mode)
        }
    }
}
