import GlareCore
import GlareStore

/// Stores documents the one way every text source does (archive downloads, feeds, news APIs): once each
/// by key, with the story sketch of its text and the roster people the matcher finds, with evidence.
struct DocumentRecorder {
    let matcher: PersonMatcher

    init(roster: Roster) {
        self.init(matcher: PersonMatcher(roster: roster))
    }

    /// A recorder matching with a matcher already built (several threads may share one).
    init(matcher: PersonMatcher) {
        self.matcher = matcher
    }

    /// Stores the documents not stored before (by `key`) and returns how many were new.
    func record(_ documents: [NewsDocument], snapshot: SnapshotRecord, key: (NewsDocument) -> String, in tx: StoreTransaction) throws -> Int {
        var added = 0
        for d in documents {
            let prepared = PreparedDocument(text: d.text, title: d.headline)
            let sketch = d.hasText ? StorySketch(folded: prepared.folded) : nil
            guard let id = try tx.insertDocument(d, key: key(d), snapshot: snapshot, sketch: sketch) else { continue }
            added += 1
            for p in mentions(prepared) {
                try tx.insertMention(document: id, person: p.person, mentions: p.mentions, evidence: p.evidence)
            }
        }
        return added
    }

    /// What `record` works out for a document before storing it: its story sketch and the people it names.
    struct Prepared {
        let sketch: StorySketch?
        let mentions: [(person: String, mentions: Int, evidence: String)]
    }

    /// Works out a document's sketch and mentions (no store needed: another thread may do it).
    func prepare(_ d: NewsDocument) -> Prepared {
        let prepared = PreparedDocument(text: d.text, title: d.headline)
        return Prepared(sketch: d.hasText ? StorySketch(folded: prepared.folded) : nil, mentions: mentions(prepared))
    }

    /// `record` with each document's sketch and mentions already worked out (`prepare`, in the same order).
    /// Each document stored is also appended to `stored` as derivation would read it back
    /// (`StoreTransaction.documentSketches`; one whose day reads back as no date is left out, as there).
    static func record(
        _ documents: [NewsDocument], prepared: [Prepared], snapshot: SnapshotRecord, key: (NewsDocument) -> String, in tx: StoreTransaction,
        stored: inout [StoreTransaction.DocumentSketch]
    ) throws -> Int {
        precondition(documents.count == prepared.count)
        var added = 0
        for (d, p) in zip(documents, prepared) {
            guard let id = try tx.insertDocument(d, key: key(d), snapshot: snapshot, sketch: p.sketch) else { continue }
            added += 1
            for m in p.mentions {
                try tx.insertMention(document: id, person: m.person, mentions: m.mentions, evidence: m.evidence)
            }
            // (The store keeps the day as ISO text: a day outside four-digit years would not read back.)
            if Day.years.contains(d.day.year) {
                stored.append((id, d.database, d.format, d.day, p.sketch, Array(Set(p.mentions.map(\.person)))))
            }
        }
        return added
    }

    /// The roster people a document mentions, with how often and the evidence as JSON.
    func mentions(_ prepared: PreparedDocument) -> [(person: String, mentions: Int, evidence: String)] {
        matcher.match(prepared).people.map { p in
            (p.person, p.mentions, Mention.json(p.evidence))
        }
    }
}
