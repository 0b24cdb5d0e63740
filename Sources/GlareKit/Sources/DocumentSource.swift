import GlareCore
public import GlareStore

/// Documents: archive downloads (`archive:<database>`) and items fetched from feeds and news APIs
/// (`feed:<source id>`). Per person and day, the documents that mention her, with all documents stored
/// for the day as the total; beside each, `…/stories` counts distinct stories (reprints of one wire
/// story, near-duplicates on the same or adjacent days, count once, on the day of the earliest copy).
///
/// Coverage is the spans recorded with the evidence: an archive download's search range (`--covers`,
/// else its first to last document, with a warning), a feed fetch from its oldest item to the fetch
/// time, a news API query's date range. Every matchable roster person gets a series of every database:
/// zero on covered days without a mention, partial on partly covered days, missing elsewhere.
public struct DocumentSource: SeriesSource {
    public let kind: SeriesKind

    /// Document formats that come from `glare fetch` rather than an imported download.
    public static let fetchedFormats: Set<String> = ["rss", "atom", "guardian", "nyt-archive", "gdelt-doc"]

    public init(kind: SeriesKind) {
        precondition(kind == .archive || kind == .feed)
        self.kind = kind
    }

    /// The series source prefix of the kind.
    public var prefix: String { kind == .feed ? "feed:" : "archive:" }

    /// The series source of a database (or fetched source id) for a document of `format`.
    public static func source(database: String, format: String) -> String {
        (fetchedFormats.contains(format) ? "feed:" : "archive:") + database
    }

    func owns(format: String) -> Bool { Self.fetchedFormats.contains(format) == (kind == .feed) }

    public func rematch(_ context: DerivationContext) throws -> Int {
        // The matcher is built on the first document (a store of GKG files alone has none to match).
        var built: DocumentRecorder?
        var read = 0
        for d in try context.tx.documentTexts() where owns(format: d.format) {
            let recorder = built ?? DocumentRecorder(roster: context.roster)
            built = recorder
            try context.tx.replaceMentions(document: d.id, with: recorder.mentions(PreparedDocument(text: d.text, title: d.headline)))
            read += 1
        }
        return read
    }

    /// Per series source (those in `only`, when given), the coverage of each day its recorded spans touch.
    func coverage(_ context: DerivationContext, only: Set<String>? = nil) throws -> [String: [Period: Coverage]] {
        var spans: [String: CoveredSpans] = [:]
        // Scoped, only the spans of the sources in scope (and their twins') are read: a feed gains a span every run.
        let recorded = try only.map { scope in try context.tx.coverageSpans(sources: scope.union(scope.flatMap { [$0 + "/stories", $0 + "/mentions"] })) }
        for s in try recorded ?? context.tx.coverageSpans(prefix: prefix)
        where s.source.hasPrefix(prefix) && s.start < s.end && (only.map { SeriesDeriver.covers($0, s.source) } ?? true) {
            spans[s.source, default: CoveredSpans()].insert(s.start..<s.end)
        }
        return spans.mapValues { s in Dictionary(uniqueKeysWithValues: s.days().map { (Period.day($0.key), $0.value) }) }
    }

    typealias Document = StoreTransaction.DocumentSketch

    public func derive(_ context: DerivationContext, only: Set<String>? = nil) throws -> [StoredSeries] {
        // Scoped to the databases `only` names (`feed:wire` → `wire`), so one feed's fetch reads its own documents.
        // (A database name may hold a slash, `proquest: A/B`: only a trailing `/stories` is taken off.)
        let scope = only.map {
            Set(
                $0.filter { $0.hasPrefix(prefix) }.map { entry -> String in
                    let database = String(entry.dropFirst(prefix.count))
                    return database.hasSuffix("/stories") ? String(database.dropLast("/stories".count)) : database
                })
        }
        // Documents in hand are not read again (each list holds all of its database's, in day and id order as read).
        let inHand = context.documentsInHand.filter { scope?.contains($0.key) ?? true }
        let toRead = scope?.subtracting(inHand.keys)
        let read = toRead?.isEmpty == true ? [] : try context.tx.documentSketches(databases: toRead)
        // By database, each in the order read or held (not gathered into one list first: a fetch's batch holds ten thousand).
        var byDatabase = Dictionary(grouping: read.filter { inHand[$0.database] == nil && owns(format: $0.format) }, by: \.database)
        for (database, docs) in inHand {
            let owned = docs.allSatisfy { owns(format: $0.format) } ? docs : docs.filter { owns(format: $0.format) }
            if !owned.isEmpty { byDatabase[database] = owned }
        }
        let coverage = try coverage(context, only: only)
        let databases = Set(byDatabase.keys).union(coverage.keys.map { String($0.dropFirst(prefix.count)) })
        var series: [StoredSeries] = []
        for database in databases.sorted() where only.map({ SeriesDeriver.covers($0, prefix + database) }) ?? true {
            let docs = byDatabase[database] ?? []
            let covered = coverage[prefix + database] ?? [:]
            let people = Set(context.matchablePeople).union(docs.flatMap(\.people))
            series += count(docs, people: people, coverage: covered, source: prefix + database) { ($0.id, $0.day) }
            let story = Self.stories(docs)
            series += count(docs, people: people, coverage: covered, source: prefix + database + "/stories") { story[$0.id]! }
        }
        return series
    }

    /// Each document's story and the day the story counts on (its earliest copy's). A story is named by the
    /// id of its earliest copy, whose day it counts on (`SyndicationDetector.groups` gives that copy); a
    /// document without text (a withheld body) is a story of its own, named by its own id (which no other
    /// story can bear: ids are the documents' own).
    static func stories(_ docs: [Document]) -> [Int64: (Int64, Day)] {
        let withText = docs.filter { $0.sketch != nil }
        let groups = SyndicationDetector().groups(days: withText.map(\.day), sketches: withText.map { $0.sketch! })
        var out: [Int64: (Int64, Day)] = [:]
        out.reserveCapacity(docs.count)
        for d in docs where d.sketch == nil { out[d.id] = (d.id, d.day) }
        for (d, g) in zip(withText, groups) { out[d.id] = (withText[g].id, withText[g].day) }
        return out
    }

    /// Per person and day, the distinct units (documents or stories) that mention her, with all units of
    /// the day as the total, over the covered days (and any day a document is dated, which is then at
    /// best partly covered).
    func count(
        _ docs: [Document], people: Set<String>, coverage: [Period: Coverage], source: String,
        unit: (Document) -> (Int64, Day)
    ) -> [StoredSeries] {
        var totals: [Day: Set<Int64>] = [:]
        var byPerson: [String: [Day: Set<Int64>]] = [:]
        for d in docs {
            let (u, day) = unit(d)
            totals[day, default: []].insert(u)
            for p in d.people { byPerson[p, default: [:]][day, default: []].insert(u) }
        }
        let days = coverage.keys.map(\.start) + totals.keys
        guard let first = days.min(), let last = days.max() else { return [] }
        let calendar = (0...first.distance(to: last)).map { first.adding(days: $0) }
        let periods = calendar.map(Period.day)
        let dayCoverage = periods.map { coverage[$0] ?? Coverage(covered: 0, units: 24, unit: "hours") }
        let dayTotals = calendar.map { totals[$0]?.count }
        // A day is measured (zero without a mention) when it is partly covered or a document is dated on it.
        let measured = calendar.indices.map { dayCoverage[$0].covered > 0 || dayTotals[$0] != nil }
        let denominators = calendar.indices.map { measured[$0] ? Double(dayTotals[$0] ?? 0) : nil }
        let noErrors = [Double?](repeating: nil, count: calendar.count)
        return people.sorted().map { person in
            let counts = byPerson[person] ?? [:]
            let observations = calendar.indices.map { i -> Observation in
                measured[i] ? .value(Double(counts[calendar[i]]?.count ?? 0)) : .missing
            }
            let key = SeriesKey(person: person, source: source, measure: .news)
            return StoredSeries(
                series: AttentionSeries(
                    key: key, resolution: .day, periods: periods, observations: observations, totals: denominators, coverage: dayCoverage,
                    standardErrors: noErrors),
                term: nil, geo: nil, inputs: [])
        }
    }
}
