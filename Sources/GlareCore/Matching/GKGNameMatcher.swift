/// Finds roster people in a GDELT GKG record by the names GDELT extracted.
///
/// A record mentions a person when one of her aliases, folded (`TextFolder`), equals a name of the
/// record's person list or all-names list, or appears in its page title (found by `PersonMatcher`, with
/// its rules). When the alias needs context (`PersonMatcher.needsContext`: an ambiguous person, a
/// single-word alias), the record must also carry one of the person's context terms, and none of her
/// exclusion terms, in its names, organisations, themes, title or URL.
public struct GKGNameMatcher: Sendable {
    /// Why a record counts for a person.
    public struct Match: Sendable, Equatable, Codable {
        public let person: String
        /// Name occurrences: the larger of the matched names' counts in the person list and in the
        /// all-names list (1 for a match in the title only).
        public let mentions: Int
        /// The roster alias that matched, and the record's spelling of it.
        public let alias: String
        public let matched: String
        /// `persons`, `names` or `title`.
        public let field: String
        /// The context term that admitted an alias needing context.
        public let context: String?
    }

    struct Target: Sendable {
        let person: Int
        let alias: Int
    }

    let people: [Person]
    let needsContext: [[Bool]]
    let byFolded: [String: [Target]]
    /// Byte lengths of folded aliases and their first two bytes: a cheap filter before building strings.
    let lengths: Set<Int>
    let prefixes: [Bool]
    let titleMatcher: PersonMatcher
    /// The aliases that fold to ASCII, as skeletons (`TitleSkeletons`): titles in plain ASCII are
    /// screened with it instead of being folded (nil when some alias has no letter or digit).
    let titleSkeletons: TitleSkeletons?
    /// Per person: folded context and exclusion terms (each with whether it is written with spaces).
    let contextTerms: [[(term: String, folded: String, spaced: Bool)]]
    let excludeTerms: [[(folded: String, spaced: Bool)]]

    public init(roster: Roster) {
        people = roster.people
        var byFolded: [String: [Target]] = [:]
        var lengths = Set<Int>()
        var prefixes = [Bool](repeating: false, count: 65536)
        for (pi, person) in roster.people.enumerated() where person.matchable {
            for (ai, alias) in person.aliases.enumerated() {
                let folded = NameFolding.fold(alias.text)
                guard !folded.isEmpty else { continue }
                byFolded[folded, default: []].append(Target(person: pi, alias: ai))
                let u = Array(folded.utf8)
                lengths.insert(u.count)
                prefixes[Self.prefixKey(u[0], u.count > 1 ? u[1] : 0)] = true
            }
        }
        self.byFolded = byFolded
        self.lengths = lengths
        self.prefixes = prefixes
        needsContext = roster.people.map { p in p.aliases.map { PersonMatcher.needsContext(p, $0) } }
        titleMatcher = PersonMatcher(roster: roster)
        titleSkeletons = TitleSkeletons(
            aliases: roster.people.filter(\.matchable).flatMap { $0.aliases.map { Array(NameFolding.fold($0.text).utf8) } })
        func term(_ t: String) -> (String, Bool) {
            let f = Self.words(NameFolding.fold(t))
            return (f, !f.unicodeScalars.contains(where: PersonMatcher.isUnspaced))
        }
        contextTerms = roster.people.map { p in
            p.contextTerms.map { t in
                let (f, s) = term(t); return (t, f, s)
            }
        }
        excludeTerms = roster.people.map { p in p.excludeTerms.map { term($0) } }
    }

    static func prefixKey(_ a: UInt8, _ b: UInt8) -> Int { Int(a) << 8 | Int(b) }

    /// What the names of one file fold and match to, each distinct name folded once: GKG files repeat
    /// the same names in thousands of records. Keep one per file (or per worker), not across threads.
    public struct NameCache {
        /// Names as GDELT wrote them, numbered; by number, the aliases its folded form equals (empty: none).
        var names = StringNumbering()
        var targets: [[Target]] = []
        public init() {}
        /// Distinct names seen (forgotten by `removeAll`, to keep memory flat over many files).
        public var count: Int { names.count }
        public mutating func removeAll() {
            names.removeAll()
            targets.removeAll(keepingCapacity: true)
        }
    }

    /// The roster aliases a name (as GDELT wrote it) equals once folded, with surrounding spaces trimmed.
    func targets(_ name: String, _ cache: inout NameCache) -> [Target] {
        var name = name
        return name.withUTF8 { targets(utf8: $0, &cache) }
    }

    /// `targets` of a name's UTF-8 bytes (which must be valid UTF-8).
    func targets(utf8 name: UnsafeBufferPointer<UInt8>, _ cache: inout NameCache) -> [Target] {
        let (number, isNew) = cache.names.number(bytes: name)
        if !isNew { return cache.targets[number] }
        let folded = TextFolder.fold(utf8: name).bytes
        let found: [Target] = folded.withUnsafeBufferPointer { b in
            // Trim the spaces folding may leave at the ends of a name.
            var s = 0, e = b.count
            while s < e && b[s] == 0x20 { s += 1 }
            while e > s && b[e - 1] == 0x20 { e -= 1 }
            let n = e - s
            guard n > 0, lengths.contains(n), prefixes[Self.prefixKey(b[s], n > 1 ? b[s + 1] : 0)] else { return [] }
            return byFolded[String(decoding: UnsafeBufferPointer(rebasing: b[s..<e]), as: UTF8.self)] ?? []
        }
        cache.targets.append(found)  // at `number`: names are numbered in the order they are first seen
        return found
    }

    /// Whether a name (its UTF-8 bytes as GDELT wrote it, which must be valid UTF-8) equals some roster
    /// alias once folded: a record none of whose person and all-names entries does, and whose title
    /// `titlesWithAliases` leaves out, matches no one.
    public func namesAnAlias(utf8 name: UnsafeBufferPointer<UInt8>, cache: inout NameCache) -> Bool { !targets(utf8: name, &cache).isEmpty }

    /// Of a file's titles (title `i` is `text[starts[i]..<ends[i]]`, UTF-8), those in which the title
    /// matcher could find a person: those where some roster alias occurs once folded. It may keep a title
    /// the matcher would not (an alias without its word boundaries or context), never leave out one it
    /// would. Titles in plain ASCII (most of an English stream's) are screened by their skeletons
    /// (`TitleSkeletons`), with no fold; the others are folded and scanned together, in one pass.
    public func titlesWithAliases(in text: UnsafeBufferPointer<UInt8>, starts: [Int32], ends: [Int32]) -> [Bool] {
        precondition(starts.count == ends.count, "a start and an end per title")
        var kept = [Bool](repeating: false, count: starts.count)
        let folded: [Int]
        if let titleSkeletons {
            folded = titleSkeletons.screen(text, starts: starts, ends: ends, kept: &kept)
        } else {
            folded = Array(starts.indices)
        }
        guard !folded.isEmpty else { return kept }
        var joined: [UInt8] = []
        var joinedStarts: [Int] = []
        joinedStarts.reserveCapacity(folded.count)
        for t in folded {
            joinedStarts.append(joined.count)
            joined.append(contentsOf: UnsafeBufferPointer(rebasing: text[Int(starts[t])..<Int(ends[t])]))
            joined.append(0x0A)
        }
        let found = joined.withUnsafeBufferPointer { titlesWithAliases($0, starts: joinedStarts) }
        for (k, t) in folded.enumerated() where found[k] { kept[t] = true }
        return kept
    }

    /// Of titles joined one after another, each followed by a line break (`starts[i]`: where title `i`
    /// begins in `joined`, which must be UTF-8), those in which the title matcher could find a person:
    /// those where some roster alias occurs once folded. Folded and scanned in one pass, so a file's
    /// thousands of titles cost one fold and one scan; it may keep a title the matcher would not (an alias
    /// without its word boundaries or context), never leave out one it would.
    func titlesWithAliases(_ joined: UnsafeBufferPointer<UInt8>, starts: [Int]) -> [Bool] {
        var kept = [Bool](repeating: false, count: starts.count)
        guard !starts.isEmpty else { return kept }
        let folded = TextFolder.fold(utf8: joined)
        /// The title an original offset lies in (the last start at or before it).
        func title(_ offset: Int) -> Int { max(0, starts.countAtMost(offset) - 1) }
        let hasAlias = titleMatcher.hasAlias, lengths = titleMatcher.lengths
        folded.bytes.withUnsafeBufferPointer { bytes in
            titleMatcher.automaton.scan(bytes) { id, end in
                guard hasAlias[id] else { return }
                // Every title the occurrence touches (one, unless it runs over a line break).
                let first = title(folded.originalOffset(end - lengths[id])), last = title(folded.originalOffset(end - 1))
                for t in first...max(first, last) { kept[t] = true }
            }
        }
        return kept
    }

    /// The people the record mentions, in roster order.
    public func match(_ entry: GKGEntry) -> [Match] {
        var cache = NameCache()
        return match(entry, cache: &cache)
    }

    /// The people the record mentions, in roster order; names already folded for the file come from `cache`.
    public func match(_ entry: GKGEntry, cache: inout NameCache) -> [Match] {
        // person -> (alias, matched, field, persons count, names count)
        var found: [Int: (alias: Int, matched: String, field: String, inPersons: Int, inNames: Int)] = [:]
        func scan(_ list: [GKGEntry.Name], field: String) {
            for name in list {
                let targets = targets(name.text, &cache)
                for t in targets {
                    var f = found[t.person] ?? (t.alias, name.text, field, 0, 0)
                    if field == "persons" { f.inPersons += name.count } else { f.inNames += name.count }
                    found[t.person] = f
                }
            }
        }
        scan(entry.persons, field: "persons")
        scan(entry.names, field: "names")
        if !entry.title.isEmpty {
            // The title alone as the text (no join with an empty text): only the people, aliases and
            // matched spellings are used.
            let inTitle = titleMatcher.match(text: entry.title)
            for p in inTitle.people {
                guard let pi = people.firstIndex(where: { $0.id == p.person }), found[pi] == nil, let m = p.evidence.first else { continue }
                let ai = people[pi].aliases.firstIndex { $0.text == m.alias } ?? 0
                found[pi] = (ai, m.matched, "title", 0, 0)
            }
        }
        guard !found.isEmpty else { return [] }
        var haystack: String?
        var out: [Match] = []
        for pi in found.keys.sorted() {
            let f = found[pi]!
            var context: String? = nil
            if needsContext[pi][f.alias] {
                let hay = haystack ?? Self.haystack(entry)
                haystack = hay
                guard let term = contextTerms[pi].first(where: { Self.contains(hay, $0.folded, spaced: $0.spaced) }) else { continue }
                if excludeTerms[pi].contains(where: { Self.contains(hay, $0.folded, spaced: $0.spaced) }) { continue }
                context = term.term
            }
            out.append(
                Match(
                    person: people[pi].id, mentions: max(1, f.inPersons, f.inNames), alias: people[pi].aliases[f.alias].text,
                    matched: f.matched, field: f.field, context: context))
        }
        return out
    }

    /// Everything a context term may appear in, folded, as words separated by single spaces.
    static func haystack(_ e: GKGEntry) -> String {
        let parts = e.persons.map(\.text) + e.names.map(\.text) + e.organizations + e.themes + [e.title, e.url]
        return " " + words(NameFolding.fold(parts.joined(separator: " ; "))) + " "
    }

    /// Folded text with every run of ASCII punctuation and spaces made one space.
    static func words(_ folded: String) -> String {
        var out = ""
        var space = false
        for s in folded.unicodeScalars {
            if s.value < 0x80 && !(s.properties.isAlphabetic || ("0"..."9").contains(s)) {
                if !space && !out.isEmpty { out.append(" "); space = true }
            } else {
                out.unicodeScalars.append(s)
                space = false
            }
        }
        return space ? String(out.dropLast()) : out
    }

    static func contains(_ haystack: String, _ term: String, spaced: Bool) -> Bool {
        guard !term.isEmpty else { return false }
        return spaced ? haystack.contains(" " + term + " ") : haystack.contains(term)
    }
}
