import Foundation
import GlareCore
import GlareParsers
import GlareStore
import Logging

/// Imports archive downloads (`glare import archive`): each file is detected by content, parsed, its
/// documents matched against the roster and stored once each (the archive's id, or a content hash,
/// makes overlapping downloads idempotent), and the `archive:` news series are rebuilt. Each file is
/// one transaction: a damaged file imports nothing, the others still import.
public struct ArchiveImporter {
    /// What happened to one file.
    public struct FileResult: Sendable {
        public let file: String
        public let format: String?
        public let documents: Int
        public let added: Int
        public let withoutText: Int
        public let error: String?
    }

    public let roster: Roster
    public let workspace: Workspace
    public let logger: Logger

    public init(roster: Roster, workspace: Workspace, logger: Logger = Logger(label: "glare.import.archive")) {
        self.roster = roster
        self.workspace = workspace
        self.logger = logger
    }

    /// Imports every file; failures are reported per file, not thrown (but a store that cannot be opened is).
    public func importFiles(_ paths: [String]) throws -> [FileResult] {
        let db = try workspace.openDatabase()
        let matcher = PersonMatcher(roster: roster)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var results: [FileResult] = []
        for path in paths {
            do {
                guard let data = FileManager.default.contents(atPath: path) else {
                    throw ImportError.unreadable(path: path, reason: "no such file or not readable")
                }
                let format = try ArchiveFormat.detect(data, source: path)
                let documents = try format.parse(data, source: path)
                let snapshot = try workspace.archive.store(data)
                let added = try db.write { tx -> Int in
                    let record = try tx.snapshot(sha256: snapshot.sha256)
                        ?? tx.insertSnapshot(snapshot, kind: format.rawValue, originalName: URL(fileURLWithPath: path).lastPathComponent)
                    var added = 0
                    for d in documents {
                        let sketch = d.hasText ? StorySketch(text: d.headline + "\n\n" + d.text) : nil
                        guard let id = try tx.insertDocument(d, key: "\(d.database):\(d.documentId)", snapshot: record, sketch: sketch) else { continue }
                        added += 1
                        for p in matcher.match(text: d.text, title: d.headline).people {
                            let evidence = String(decoding: try encoder.encode(p.evidence), as: UTF8.self)
                            try tx.insertMention(document: id, person: p.person, mentions: p.mentions, evidence: evidence)
                        }
                    }
                    try NewsSeriesBuilder().rebuild(tx)
                    return added
                }
                logger.info("imported", metadata: ["file": "\(path)", "format": "\(format.rawValue)", "documents": "\(documents.count)", "added": "\(added)"])
                results.append(FileResult(file: path, format: format.rawValue, documents: documents.count, added: added,
                                          withoutText: documents.filter { !$0.hasText }.count, error: nil))
            } catch {
                results.append(FileResult(file: path, format: nil, documents: 0, added: 0, withoutText: 0, error: "\(error)"))
            }
        }
        return results
    }
}

/// Derives the `archive:<database>` news series from the stored documents: per person and day, the
/// documents that mention her, with the documents stored for that day as the total. An archive
/// download is a search result, not a census: days between a database's first and last document are
/// observed (zero when nothing matched), days outside are missing.
///
/// Beside each, `archive:<database>/stories` counts distinct stories instead of documents: reprints
/// of one wire story (near-duplicates on the same or adjacent days, `SyndicationDetector`) count once,
/// on the day the earliest copy appeared.
public struct NewsSeriesBuilder: Sendable {
    public static let sourcePrefix = "archive:"

    public init() {}

    public func rebuild(_ tx: StoreTransaction) throws {
        let (totals, people) = try tx.documentCounts()
        var series: [StoredSeries] = try stories(tx)
        for (database, byDay) in totals {
            guard let first = byDay.keys.min(), let last = byDay.keys.max() else { continue }
            let days = (0...first.distance(to: last)).map { first.adding(days: $0) }
            for (person, counts) in people[database] ?? [:] {
                var points: [Period: Observation] = [:]
                var denominators: [Period: Double] = [:]
                for d in days {
                    points[.day(d)] = .value(Double(counts[d]?.documents ?? 0))
                    denominators[.day(d)] = Double(byDay[d] ?? 0)
                }
                let key = SeriesKey(person: person, source: Self.sourcePrefix + database, measure: .news)
                series.append(StoredSeries(series: AttentionSeries(key: key, resolution: .day, points: points, totals: denominators),
                                           term: nil, geo: nil, inputs: []))
            }
        }
        try tx.replaceSeries(measure: .news, sourcePrefix: Self.sourcePrefix, with: series.sorted { $0.series.key < $1.series.key })
    }

    /// The `/stories` series: per person and day, the distinct stories among the documents that mention her.
    func stories(_ tx: StoreTransaction) throws -> [StoredSeries] {
        let documents = try tx.documentSketches()
        var out: [StoredSeries] = []
        for database in Set(documents.map(\.database)).sorted() {
            let docs = documents.filter { $0.database == database }
            let withText = docs.filter { $0.sketch != nil }
            let story = SyndicationDetector().stories(withText.map { .init(id: String($0.id), day: $0.day, sketch: $0.sketch!) })
            var storyOf: [Int64: String] = [:]
            for (d, s) in zip(withText, story) { storyOf[d.id] = s }
            guard let first = docs.first?.day, let last = docs.last?.day else { continue }
            // A story counts once, on the day its earliest copy appeared.
            var storyDay: [String: Day] = [:]
            for d in docs {
                let s = storyOf[d.id] ?? "document:\(d.id)"          // a withheld body is its own story
                storyDay[s] = min(storyDay[s] ?? d.day, d.day)
            }
            var totals: [Day: Set<String>] = [:]
            var byPerson: [String: [Day: Set<String>]] = [:]
            for d in docs {
                let s = storyOf[d.id] ?? "document:\(d.id)"
                let day = storyDay[s]!
                totals[day, default: []].insert(s)
                for p in d.people { byPerson[p, default: [:]][day, default: []].insert(s) }
            }
            let days = (0...first.distance(to: last)).map { first.adding(days: $0) }
            for (person, counts) in byPerson {
                var points: [Period: Observation] = [:], denominators: [Period: Double] = [:]
                for day in days {
                    points[.day(day)] = .value(Double(counts[day]?.count ?? 0))
                    denominators[.day(day)] = Double(totals[day]?.count ?? 0)
                }
                let key = SeriesKey(person: person, source: Self.sourcePrefix + database + "/stories", measure: .news)
                out.append(StoredSeries(series: AttentionSeries(key: key, resolution: .day, points: points, totals: denominators),
                                        term: nil, geo: nil, inputs: []))
            }
        }
        return out
    }
}
