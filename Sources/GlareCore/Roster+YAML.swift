public import Foundation
import Yams

extension Roster {
    /// Reads and validates a roster file.
    ///
    /// Every problem names the file, the line and the person: duplicate ids, empty or missing aliases,
    /// unknown fields (a misspelt key must not be silently ignored), and dates that are not
    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    public static func load(contentsOf url: URL) throws -> Roster {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw RosterError(file: url.path, line: nil, person: nil, reason: "cannot read the file (\(error.localizedDescription))")
        }
        return try parse(yaml: text, file: url.path)
    }

    /// Parses roster YAML; `file` is used in error messages.
    public static func parse(yaml: String, file: String) throws -> Roster {
        var reader = RosterReader(file: file)
        return try reader.read(yaml)
    }
}

/// Walks the YAML node tree so every error can carry a line number.
private struct RosterReader {
    let file: String

    static let topFields: Set<String> = ["roster", "event", "people", "sources", "notes"]
    static let eventFields: Set<String> = ["date", "label"]
    static let personFields: Set<String> = [
        "id", "name", "group", "aliases", "country", "nationality", "campaign_day", "featured_on",
        "arrested", "released", "ambiguous", "context_terms", "exclude_terms", "match", "note", "sources",
        "occupation", "outcome", "wikipedia",
    ]
    static let aliasFields: Set<String> = ["text", "lang", "verified", "needs_context"]

    func fail(_ node: Node?, _ person: String?, _ reason: String) -> RosterError {
        RosterError(file: file, line: node?.mark?.line, person: person, reason: reason)
    }

    mutating func read(_ yaml: String) throws -> Roster {
        if let line = YAMLNesting.firstLineTooDeep(yaml) {
            throw RosterError(file: file, line: line, person: nil, reason: "not a roster: the YAML nests more than \(YAMLNesting.limit) levels deep here")
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml, .basic)  // every value is read as text: no per-scalar tag rules (regular expressions)
        } catch let error as YamlError {
            let (line, problem) = Self.describe(error)
            throw RosterError(file: file, line: line, person: nil, reason: "not valid YAML: \(problem)")
        }
        guard let root, let top = root.mapping else { throw fail(root, nil, "expected a mapping with a 'people:' list at the top") }
        try checkFields(top, allowed: Self.topFields, person: nil, what: "top-level field")

        let name = top["roster"]?.string ?? "roster"
        var eventDate: Day?
        var eventLabel: String?
        if let event = top["event"] {
            guard let m = event.mapping else { throw fail(event, nil, "'event' must be a mapping with 'date' and 'label'") }
            try checkFields(m, allowed: Self.eventFields, person: nil, what: "event field")
            if let d = m["date"] {
                guard let s = d.string, let day = Day(iso: s) else { throw fail(d, nil, "event date '\(d.string ?? "")' is not YYYY-MM-DD") }
                eventDate = day
            }
            eventLabel = m["label"]?.string
        }

        guard let peopleNode = top["people"] else { throw fail(root, nil, "missing 'people:' list") }
        guard let list = peopleNode.sequence else { throw fail(peopleNode, nil, "'people' must be a list") }
        var people: [Person] = []
        var seen: [String: Int] = [:]
        var aliasOwner: [String: (person: String, line: Int)] = [:]
        for (position, node) in list.enumerated() {
            let person = try readPerson(node, position: position + 1)
            if let firstLine = seen[person.id] {
                throw fail(node, person.id, "duplicate id (first used on line \(firstLine))")
            }
            seen[person.id] = node.mark?.line ?? 0
            // One spelling, one person: otherwise a mention would silently go to whoever came first.
            for alias in person.aliases where person.matchable {
                if let owner = aliasOwner[alias.folded], owner.person != person.id {
                    throw fail(
                        node, person.id,
                        "alias '\(alias.text)' is also an alias of \(owner.person) (line \(owner.line)): a mention could not tell them apart; keep it under one person, or give each a distinct spelling"
                    )
                }
                aliasOwner[alias.folded] = (person.id, node.mark?.line ?? 0)
            }
            people.append(person)
        }
        return Roster(name: name, eventDate: eventDate, eventLabel: eventLabel, people: people)
    }

    func readPerson(_ node: Node, position: Int) throws -> Person {
        let fallback = "#\(position)"
        guard let m = node.mapping else { throw fail(node, fallback, "each person must be a mapping") }
        guard let idNode = m["id"], let id = idNode.string, !id.isEmpty else { throw fail(node, fallback, "missing 'id'") }
        guard Identifier.isValid(id) else {
            throw fail(idNode, id, "id must be lowercase letters, digits and hyphens")
        }
        try checkFields(m, allowed: Self.personFields, person: id, what: "field")
        guard let nameNode = m["name"], let name = nameNode.string, !name.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw fail(node, id, "missing 'name'")
        }

        var group = Person.Group.featured
        if let g = m["group"] {
            guard let s = g.string, let value = Person.Group(rawValue: s) else {
                throw fail(g, id, "group '\(g.string ?? "")' is not one of featured, control, collective")
            }
            group = value
        }
        let matchable = try bool(m["match"], id: id, field: "match") ?? (group != .collective)

        var aliases: [Alias] = []
        if let a = m["aliases"] {
            guard let seq = a.sequence else { throw fail(a, id, "'aliases' must be a list") }
            for item in seq { aliases.append(try readAlias(item, person: id)) }
        }
        if matchable {
            guard !aliases.isEmpty else {
                throw fail(m["aliases"] ?? node, id, "no aliases: give at least one, or set 'match: false' for an entry that is never matched in text")
            }
            if !aliases.contains(where: { $0.folded == NameFolding.fold(name) }) {
                aliases.insert(Alias(text: name), at: 0)
            }
        }

        return Person(
            id: id, name: name, group: group, aliases: aliases,
            country: m["country"]?.string, nationality: m["nationality"]?.string,
            campaignDay: try int(m["campaign_day"], id: id, field: "campaign_day"),
            featuredOn: try day(m["featured_on"], id: id, field: "featured_on"),
            arrested: try partialDate(m["arrested"], id: id, field: "arrested"),
            released: try partialDate(m["released"], id: id, field: "released"),
            ambiguous: try bool(m["ambiguous"], id: id, field: "ambiguous") ?? false,
            contextTerms: try strings(m["context_terms"], id: id, field: "context_terms"),
            excludeTerms: try strings(m["exclude_terms"], id: id, field: "exclude_terms"),
            matchable: matchable, note: m["note"]?.string,
            sources: try strings(m["sources"], id: id, field: "sources"),
            wikipedia: try wikipedia(m["wikipedia"], id: id))
    }

    /// `wikipedia: {en: Liu_Xia, zh: 刘霞}`: confirmed article titles per language edition.
    func wikipedia(_ node: Node?, id: String) throws -> [String: String] {
        guard let node else { return [:] }
        guard let m = node.mapping else { throw fail(node, id, "'wikipedia' must map language codes to article titles, e.g. {en: Liu_Xia, zh: 刘霞}") }
        var out: [String: String] = [:]
        for (k, v) in m {
            guard let lang = k.string, Identifier.isValid(lang, digitFirst: false) else {
                throw fail(k, id, "'\(k.string ?? "")' is not a Wikipedia language code (en, zh, az, zh-yue…)")
            }
            guard let title = v.string, !title.trimmingCharacters(in: .whitespaces).isEmpty else { throw fail(v, id, "empty Wikipedia title for '\(lang)'") }
            out[lang] = title
        }
        return out
    }

    func readAlias(_ node: Node, person: String) throws -> Alias {
        if let s = node.scalar?.string {
            guard !s.trimmingCharacters(in: .whitespaces).isEmpty else { throw fail(node, person, "empty alias") }
            try checkAlias(s, node: node, person: person)
            return Alias(text: s)
        }
        guard let m = node.mapping else { throw fail(node, person, "an alias is a string or a mapping with 'text', 'lang', 'verified', 'needs_context'") }
        try checkFields(m, allowed: Self.aliasFields, person: person, what: "alias field")
        guard let t = m["text"]?.string, !t.trimmingCharacters(in: .whitespaces).isEmpty else { throw fail(node, person, "empty alias") }
        try checkAlias(t, node: node, person: person)
        return Alias(
            text: t, language: m["lang"]?.string, verified: try bool(m["verified"], id: person, field: "verified") ?? true,
            needsContext: try bool(m["needs_context"], id: person, field: "needs_context"))
    }

    /// Words too common to be a name on their own: an alias made only of them would match every document.
    static let commonWords: Set<String> = [
        "a", "an", "the", "and", "or", "of", "in", "on", "at", "to", "for", "with", "by", "from", "as", "is", "it", "this", "that",
        "be", "was", "are", "he", "she", "they", "we", "you", "i", "his", "her", "not", "but", "no", "mr", "mrs", "ms", "de", "la", "le",
        "der", "die", "das", "und", "el", "y",
    ]

    /// An alias that can never match (no letters), matches inside other words (one character of a script
    /// written without spaces, such as 王 in 王毅 and 国王), or matches everything (common words only).
    func checkAlias(_ text: String, node: Node, person: String) throws {
        let folded = NameFolding.fold(text)
        let letters = folded.unicodeScalars.filter { $0.properties.isAlphabetic || $0.properties.numericType != nil }
        guard !letters.isEmpty else { throw fail(node, person, "alias '\(text.prefix(80))' has no letters or digits: it can never match") }
        if letters.count == 1, let only = letters.first, PersonMatcher.isUnspaced(only) {
            throw fail(
                node, person,
                "alias '\(text)' is one character of a script written without spaces: it would match inside other words (王 in 王毅, 国王); give the full name")
        }
        let words = folded.split(separator: " ").map(String.init)
        if words.allSatisfy({ Self.commonWords.contains($0) }) {
            throw fail(node, person, "alias '\(text.prefix(80))' is made of common words only: it would match almost every document")
        }
    }

    func checkFields(_ m: Node.Mapping, allowed: Set<String>, person: String?, what: String) throws {
        var seen: [String: Int] = [:]
        for (key, _) in m {
            guard let k = key.string else { throw fail(key, person, "keys must be strings") }
            if let first = seen[k] { throw fail(key, person, "'\(k)' is given twice in one mapping (first on line \(first)); YAML would keep only the last") }
            seen[k] = key.mark?.line ?? 0
            if !allowed.contains(k) {
                let known = allowed.sorted().joined(separator: ", ")
                throw fail(key, person, "unknown \(what) '\(k)' (known: \(known))")
            }
        }
    }

    static func isNull(_ node: Node) -> Bool {
        guard let s = node.scalar else { return false }
        return s.style == .plain && ["", "~", "null", "Null", "NULL"].contains(s.string)
    }

    func partialDate(_ node: Node?, id: String, field: String) throws -> PartialDate? {
        guard let node, !Self.isNull(node) else { return nil }
        guard let s = node.string, let d = PartialDate(s) else {
            throw fail(node, id, "\(field) '\(node.string ?? "")' is not a date (YYYY-MM-DD, YYYY-MM or YYYY; null when unknown)")
        }
        return d
    }

    func day(_ node: Node?, id: String, field: String) throws -> Day? {
        guard let node, !Self.isNull(node) else { return nil }
        guard let s = node.string, let d = Day(iso: s) else { throw fail(node, id, "\(field) '\(node.string ?? "")' is not YYYY-MM-DD") }
        return d
    }

    func int(_ node: Node?, id: String, field: String) throws -> Int? {
        guard let node, !Self.isNull(node) else { return nil }
        guard let s = node.string, let v = Int(s) else { throw fail(node, id, "\(field) '\(node.string ?? "")' is not a whole number") }
        return v
    }

    func bool(_ node: Node?, id: String, field: String) throws -> Bool? {
        guard let node, !Self.isNull(node) else { return nil }
        switch node.string {
        case "true", "True", "yes": return true
        case "false", "False", "no": return false
        default: throw fail(node, id, "\(field) must be true or false")
        }
    }

    func strings(_ node: Node?, id: String, field: String) throws -> [String] {
        guard let node, !Self.isNull(node) else { return [] }
        guard let seq = node.sequence else { throw fail(node, id, "\(field) must be a list") }
        return try seq.map { item in
            guard let s = item.scalar?.string, !s.isEmpty else { throw fail(item, id, "\(field) has an empty or non-text entry") }
            return s
        }
    }

    static func describe(_ error: YamlError) -> (Int?, String) {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return (mark.line, problem)
        default:
            return (nil, "\(error)")
        }
    }
}
