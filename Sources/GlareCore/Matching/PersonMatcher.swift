/// Finds roster people in free text: every alias in every script, compiled once into one automaton
/// together with the context and exclusion terms, so each document is scanned once.
///
/// Rules:
/// - text and aliases are folded the same way (`TextFolder`);
/// - in scripts written with spaces a match must stand between word boundaries (an Arabic one-letter
///   proclitic — و ب ل ف ك — may precede it); in Chinese, Japanese, Thai, Lao, Khmer and Burmese it stands
///   without boundaries;
/// - an alias needs a context term when the roster marks the person ambiguous, when the alias says so,
///   or when it is a single word in a spaced script (a surname alone). Such a match counts only with one
///   of the person's context terms in the same paragraph or within `contextWords` words, and none of her
///   exclusion terms there;
/// - overlapping matches resolve to the longest, leftmost one.
public struct PersonMatcher: Sendable {
    /// Matching settings.
    public struct Configuration: Sendable {
        /// How many words either side of a name a context term may be.
        public var contextWords: Int
        public init(contextWords: Int = 40) { self.contextWords = contextWords }
    }

    enum Reference: Sendable {
        case alias(person: Int, alias: Int)
        case context(person: Int, term: Int)
        case exclude(person: Int, term: Int)
    }

    struct Pattern: Sendable {
        var references: [Reference] = []
        var spaced = true
        var arabic = false
        var length = 0
        var hasAlias = false
        var hasTerm = false
    }

    public let configuration: Configuration
    let people: [Person]
    let needsContext: [[Bool]]
    let patterns: [Pattern]
    /// Per pattern, what the scan's hits look up first, flat (no copy of a pattern's references).
    let lengths: [Int]
    let spaced: [Bool]
    let hasAlias: [Bool]
    let hasTerm: [Bool]
    let automaton: AhoCorasick
    /// The number of automaton states (for benchmarks).
    public var automatonStates: Int { automaton.stateCount }

    public init(roster: Roster, configuration: Configuration = .init()) {
        self.configuration = configuration
        people = roster.people
        var ids: [String: Int] = [:]
        var patterns: [Pattern] = []
        var strings: [[UInt8]] = []
        func add(_ text: String, _ reference: Reference) {
            let folded = Array(NameFolding.fold(text).utf8)
            guard !folded.isEmpty else { return }
            let key = String(decoding: folded, as: UTF8.self)
            let id =
                ids[key]
                ?? {
                    ids[key] = patterns.count
                    var p = Pattern()
                    p.spaced = !key.unicodeScalars.contains(where: PersonMatcher.isUnspaced)
                    p.arabic = key.unicodeScalars.first.map { (0x0600...0x06FF).contains($0.value) } ?? false
                    p.length = folded.count
                    patterns.append(p)
                    strings.append(folded)
                    return patterns.count - 1
                }()
            patterns[id].references.append(reference)
            if case .alias = reference { patterns[id].hasAlias = true } else { patterns[id].hasTerm = true }
        }
        var needs: [[Bool]] = []
        for (pi, person) in roster.people.enumerated() {
            needs.append(person.aliases.map { Self.needsContext(person, $0) })
            guard person.matchable else { continue }
            for (ai, alias) in person.aliases.enumerated() { add(alias.text, .alias(person: pi, alias: ai)) }
            for (ti, term) in person.contextTerms.enumerated() { add(term, .context(person: pi, term: ti)) }
            for (ti, term) in person.excludeTerms.enumerated() { add(term, .exclude(person: pi, term: ti)) }
        }
        needsContext = needs
        self.patterns = patterns
        lengths = patterns.map(\.length)
        spaced = patterns.map(\.spaced)
        hasAlias = patterns.map(\.hasAlias)
        hasTerm = patterns.map(\.hasTerm)
        automaton = AhoCorasick(patterns: strings)
    }

    /// Whether a match of `alias` counts only with a context term nearby: when the alias says so, when
    /// the person is ambiguous, or when the alias is a single word in a script written with spaces.
    public static func needsContext(_ person: Person, _ alias: Alias) -> Bool {
        if let explicit = alias.needsContext { return explicit }
        if person.ambiguous { return true }
        let folded = NameFolding.fold(alias.text)
        let spaced = !folded.unicodeScalars.contains(where: PersonMatcher.isUnspaced)
        return spaced && !folded.contains(" ")
    }

    /// The people mentioned in a document's title and text.
    public func match(text: String, title: String? = nil) -> DocumentMatch {
        match(PreparedDocument(text: text, title: title))
    }

    /// The people mentioned in a document already folded.
    public func match(_ document: PreparedDocument) -> DocumentMatch {
        let (titleBytes, originalBytes, folded) = (document.titleBytes, document.bytes, document.folded)
        var candidates: [(start: Int, end: Int, person: Int, alias: Int)] = []
        // A person's context terms found, with the pattern that found them: the one cited is the first
        // near one in text order (by end, then pattern), whatever order the scan found them in.
        var contexts: [Int: [(start: Int, end: Int, term: Int, pattern: Int)]] = [:]
        var excludes: [Int: [(start: Int, end: Int)]] = [:]
        folded.bytes.withUnsafeBufferPointer { bytes in
            // The scan only records hits, in no particular order; the rules look at them afterwards,
            // and only as far as needed.
            var hits: [(id: Int32, end: Int32)] = []
            hits.reserveCapacity(64)
            automaton.scan(bytes) { id, end in hits.append((Int32(id), Int32(end))) }
            func boundaryOK(_ id: Int, _ end: Int) -> Bool {
                !spaced[id] || Self.atBoundaries(bytes, end - lengths[id], end, arabic: patterns[id].arabic)
            }
            var wantsContext = false
            for h in hits where hasAlias[Int(h.id)] {
                let id = Int(h.id), end = Int(h.end)
                guard boundaryOK(id, end) else { continue }
                for case .alias(let person, let alias) in patterns[id].references {
                    candidates.append((end - lengths[id], end, person, alias))
                    wantsContext = wantsContext || needsContext[person][alias]
                }
            }
            guard wantsContext else { return }
            let persons = Set(candidates.filter { needsContext[$0.person][$0.alias] }.map(\.person))
            for h in hits where hasTerm[Int(h.id)] {
                let id = Int(h.id), end = Int(h.end)
                for r in patterns[id].references {
                    switch r {
                    case .context(let person, let term) where persons.contains(person):
                        if boundaryOK(id, end) { contexts[person, default: []].append((end - lengths[id], end, term, id)) }
                    case .exclude(let person, _) where persons.contains(person):
                        if boundaryOK(id, end) { excludes[person, default: []].append((end - lengths[id], end)) }
                    default:
                        break
                    }
                }
            }
        }
        // Longest, leftmost, non-overlapping.
        candidates.sort { $0.start != $1.start ? $0.start < $1.start : ($0.end - $0.start) > ($1.end - $1.start) }
        var kept: [(start: Int, end: Int, person: Int, alias: Int)] = []
        var reach = -1
        for c in candidates where c.start >= reach {
            kept.append(c)
            reach = c.end
        }
        var byPerson: [Int: [Mention]] = [:]
        var window: WordWindow?
        for c in kept {
            var rule = Mention.Rule.alias
            var term: String?
            if needsContext[c.person][c.alias] {
                if window == nil { window = WordWindow(folded, words: configuration.contextWords) }
                let range = window!.bounds(c.start, c.end)
                let near = { (s: Int, e: Int) in (s >= c.end || e <= c.start) && window!.near(c.start, range, s) }
                // The first near term in text order (by end, then pattern; `min` keeps the first of equals, as appended).
                guard let found = (contexts[c.person] ?? []).lazy.filter({ near($0.start, $0.end) }).min(by: { ($0.end, $0.pattern) < ($1.end, $1.pattern) })
                else { continue }
                if excludes[c.person]?.contains(where: { near($0.start, $0.end) }) == true { continue }
                rule = .context
                term = people[c.person].contextTerms[found.term]
            }
            let a = folded.originalOffset(c.start), b = folded.originalOffset(c.end)
            let inTitle = a < titleBytes
            let shift = inTitle || titleBytes < 0 ? 0 : titleBytes + 2
            byPerson[c.person, default: []].append(
                Mention(
                    alias: people[c.person].aliases[c.alias].text,
                    matched: String(decoding: originalBytes[a..<b], as: UTF8.self),
                    field: inTitle ? "title" : "text", start: a - shift, end: b - shift, rule: rule, context: term))
        }
        return DocumentMatch(
            people: byPerson.keys.sorted().map {
                DocumentMatch.Person(person: people[$0].id, mentions: byPerson[$0]!.count, evidence: byPerson[$0]!)
            })
    }

    // MARK: - Boundaries

    static func isUnspaced(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x2E80...0x9FFF, 0xF900...0xFAFF, 0x20000...0x3FFFF: true  // Han, kana, CJK symbols
        case 0x0E00...0x0EFF, 0x1780...0x17FF, 0x1000...0x109F, 0xAA60...0xAA7F: true  // Thai, Lao, Khmer, Myanmar
        default: false
        }
    }

    static let arabicProclitics: Set<UInt32> = [0x0648, 0x0628, 0x0644, 0x0641, 0x0643]

    static func isWordScalar(_ s: Unicode.Scalar) -> Bool {
        if s.value < 0x80 { return isASCIIWordByte(UInt8(s.value)) }
        return s.properties.isAlphabetic || s.properties.numericType != nil || TextFolder.isCombining(s)
    }

    static func isASCIIWordByte(_ b: UInt8) -> Bool { (b >= 0x30 && b <= 0x39) || (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) }

    /// The scalar that ends just before `i`, and where it starts.
    static func scalar(before i: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (Unicode.Scalar, Int)? {
        guard i > 0 else { return nil }
        var j = i - 1
        while j > 0 && bytes[j] & 0xC0 == 0x80 { j -= 1 }
        return (TextFolder.decode(bytes, at: j).0, j)
    }

    static func isWordByte(_ bytes: UnsafeBufferPointer<UInt8>, scalarAt i: Int) -> Bool {
        let b = bytes[i]
        if b < 0x80 { return isASCIIWordByte(b) }
        return isWordScalar(TextFolder.decode(bytes, at: i).0)
    }

    static func atBoundaries(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, arabic: Bool) -> Bool {
        if end < bytes.count && isWordByte(bytes, scalarAt: end) { return false }
        guard let (before, at) = scalar(before: start, in: bytes), isWordScalar(before) else { return true }
        // An Arabic one-letter proclitic (و، ب، ل، ف، ك) standing at a word start.
        if arabic, arabicProclitics.contains(before.value) {
            guard let (prior, _) = scalar(before: at, in: bytes) else { return true }
            return !isWordScalar(prior)
        }
        return false
    }
}

/// "Near" for context terms: the same paragraph, or within a number of words of the name. The word
/// bounds are found by walking outward from the name, so the cost is the window's, not the document's.
struct WordWindow {
    let folded: FoldedText
    let words: Int

    init(_ folded: FoldedText, words: Int) {
        self.folded = folded
        self.words = words
    }

    /// The folded byte range within `words` words either side of `start..<end`: from just after the
    /// `words + 1`-th space before `start` (or the text's start) to the `words + 1`-th space from `end` (or
    /// the text's end). Spaces are looked for eight bytes at a time: text without them (Chinese) is
    /// walked to its ends for every name that needs a context term.
    func bounds(_ start: Int, _ end: Int) -> ClosedRange<Int> {
        folded.bytes.withUnsafeBufferPointer { bytes in
            var (lo, hi) = (start, end)
            for n in 0...words {
                guard let space = Self.space(before: lo, in: bytes) else {
                    lo = 0
                    break
                }
                lo = n == words ? space + 1 : space
            }
            for n in 0...words {
                guard let space = Self.space(from: hi, in: bytes) else {
                    hi = bytes.count
                    break
                }
                hi = n == words ? space : space + 1
            }
            return lo...hi
        }
    }

    /// The top bit of each of eight bytes that is a space (exact per byte: no sum leaves its byte).
    @inline(__always)
    static func spaces(_ w: UInt64) -> UInt64 {
        let x = w ^ 0x2020_2020_2020_2020
        return ~(((x & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F) | x) & 0x8080_8080_8080_8080
    }

    /// The first space at or after `i`, if any.
    static func space(from i: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        let raw = UnsafeRawPointer(base)
        var k = i
        while k + 8 <= bytes.count {
            let found = spaces(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: k, as: UInt64.self)))
            if found != 0 { return k + found.trailingZeroBitCount >> 3 }
            k += 8
        }
        while k < bytes.count {
            if bytes[k] == 0x20 { return k }
            k += 1
        }
        return nil
    }

    /// The last space before `i`, if any.
    static func space(before i: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        let raw = UnsafeRawPointer(base)
        var k = i
        while k >= 8 {
            let found = spaces(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: k - 8, as: UInt64.self)))
            if found != 0 { return k - 8 + (63 - found.leadingZeroBitCount) >> 3 }
            k -= 8
        }
        while k > 0 {
            if bytes[k - 1] == 0x20 { return k - 1 }
            k -= 1
        }
        return nil
    }

    /// Whether position `other` is near the name at `start..<end`, whose word bounds are `range`.
    func near(_ start: Int, _ range: ClosedRange<Int>, _ other: Int) -> Bool {
        range.contains(other) || folded.paragraph(start) == folded.paragraph(other)
    }
}
