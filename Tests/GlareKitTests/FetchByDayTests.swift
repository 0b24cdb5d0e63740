import Foundation
import GlareCore
import GlareFetch
import GlareKit
import GlareTestSupport
import Logging
import Testing

@testable import GlareStore

/// `glare fetch` derives a feed's series only on the days new evidence touches; what it stores must be
/// exactly what deriving everything from the stored evidence gives (`glare rebuild`'s derivation).
@Suite struct FetchByDayTests {
    /// An item of `day` (noon UTC); `text` nil leaves the body out (a withheld body: a story of its own).
    static func item(_ link: String, _ day: String, _ text: String?) -> String {
        let date = ISO8601DateFormatter().date(from: day + "T12:00:00Z")!
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return "<item><title>\(link)</title><link>https://n.example/\(link)</link><pubDate>\(f.string(from: date))</pubDate>"
            + (text.map { "<description>\($0)</description>" } ?? "") + "</item>"
    }

    static func feed(_ items: [String]) -> Data {
        Data("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Wire</title>\(items.joined())</channel></rss>".utf8)
    }

    /// A story's text: 40 words drawn from `seed`, so two stories share no 5-word run; a copy reuses the seed.
    static func story(_ seed: UInt64, naming person: Bool = false) -> String {
        let words =
            ("court prison rights release campaign minister police officials statement report week year people state law activist "
            + "lawyer judge detained arrested charges sentence appeal trial family election party opposition editor radio").split(separator: " ")
        var g = SplitMix64(seed: seed)
        var text = (0..<40).map { _ in String(words[Int(g.next() % UInt64(words.count))]) }
        if person { text.insert("Khadija Ismayilova", at: 7) }
        return text.joined(separator: " ")
    }

    /// Every series of the feed kind as stored, against a derivation from all stored evidence.
    static func expectRebuilt(_ db: GlareDatabase, _ workspace: Workspace, roster: Roster, after run: String) throws {
        try db.write { tx in
            let context = DerivationContext(tx: tx, roster: roster, archive: workspace.archive)
            let derived = try DocumentSource(kind: .feed).derive(context, only: nil)
            let stored = try tx.series(kind: SeriesKind.feed.rawValue, partialPeriods: true)
            #expect(Set(stored.map(\.series.key)) == Set(derived.map(\.series.key)), "after \(run)")
            let byKey = Dictionary(uniqueKeysWithValues: stored.map { ($0.series.key, $0.series) })
            for d in derived {
                #expect(byKey[d.series.key] == d.series, "after \(run): \(d.series.key) differs")
            }
            // And deriving the kind in full (as `glare rebuild` does) finds nothing to change.
            let change = try SeriesDeriver(roster: roster, archive: workspace.archive).derive([.feed], in: tx)[0]
            #expect(change.added.isEmpty && change.changed.isEmpty && change.removed.isEmpty, "after \(run): \(change)")
            #expect(change.unchanged == derived.count && change.unchanged > 0, "after \(run)")
        }
    }

    /// The feeds' series kept by their source's periods, as Glare stores them (`StoreTransaction+SourcePeriods`), and
    /// kept point by point, as a store from before holds them until they are derived in full (rewritten so after the
    /// first run): then with the points written day by day kept apart (`seriesPointRecent`) for the whole test, moved
    /// into the series' own after every run, or once enough are held (not after the second run, which writes ~500
    /// with the roster's 24 matchable people, Feeds/roster.yaml; a longer roster would need a larger limit here).
    @Test(arguments: [(Int.max, true), (1, true), (Int.max, false), (1, false), (1000, false)])
    func severalRunsStoreWhatAFullDerivationGives(recentPointsFoldLimit: Int, bySource: Bool) throws {
        let s1 = Self.story(1, naming: true), s2 = Self.story(2), s3 = Self.story(3, naming: true), s4 = Self.story(4), s5 = Self.story(5, naming: true)
        let wire1 = [
            Self.item("a1", "2015-09-08", s1), Self.item("a2", "2015-09-09", s2), Self.item("a3", "2015-09-10", s3), Self.item("a4", "2015-09-10", nil),
        ]
        // Run 2: a copy of s1 a day before it (the story moves to 09-07, before the stored calendar), a copy of s3 on
        // its own day, a new story on an old day and one on a new day.
        let wire2 =
            wire1 + [
                Self.item("b1", "2015-09-07", s1), Self.item("b2", "2015-09-10", s3), Self.item("b3", "2015-09-09", s4), Self.item("b4", "2015-09-11", s5),
            ]
        // Run 3 (the feed has moved on): a copy of s5 the next day (a story across days); copies of s2 on 09-10 (naming her,
        // so the story of 09-09, a day no new item or coverage touches, now mentions her) and 09-11; days after a gap.
        let wire3 = [
            Self.item("c1", "2015-09-12", s5), Self.item("c2", "2015-09-10", Self.story(2, naming: true)), Self.item("c3", "2015-09-11", s2),
            Self.item("c4", "2015-09-14", Self.story(6, naming: true)),
            Self.item("c5", "2015-09-15", nil),
        ]
        let other = [Self.item("o1", "2015-09-09", s1), Self.item("o2", "2015-09-10", Self.story(7))]
        // A feed whose third answer starts days after what it covered before: the days between are uncovered.
        let late1 = [Self.item("l1", "2015-09-08", Self.story(8, naming: true)), Self.item("l2", "2015-09-09", Self.story(9))]
        let late3 = [Self.item("l3", "2015-09-14", Self.story(10, naming: true)), Self.item("l4", "2015-09-15", Self.story(11))]
        // A feed that repeats an item of `wire` (stored once, as wire's): derived from the one item it stored.
        let copy = [Self.item("a1", "2015-09-08", s1), Self.item("k1", "2015-09-09", Self.story(12, naming: true))]
        let rss = ["Content-Type": "application/rss+xml"]
        let server = try FixtureServer(
            routes: [
                "/wire.rss": [
                    ["file": "wire1.rss", "headers": rss], ["file": "wire2.rss", "headers": rss],
                    ["file": "wire3.rss", "headers": rss.merging(["ETag": "\"w3\""]) { a, _ in a }], ["status": 304],
                ],
                "/late.rss": [["file": "late1.rss", "headers": rss], ["file": "late1.rss", "headers": rss], ["file": "late3.rss", "headers": rss]],
                "/other.rss": [["file": "other.rss", "headers": rss], ["status": 500], ["status": 500], ["file": "other.rss", "headers": rss]],
                "/copy.rss": Array(repeating: ["file": "copy.rss", "headers": rss], count: 4),
            ],
            files: [
                "wire1.rss": Self.feed(wire1), "wire2.rss": Self.feed(wire2), "wire3.rss": Self.feed(wire3), "other.rss": Self.feed(other),
                "late1.rss": Self.feed(late1),
                "late3.rss": Self.feed(late3), "copy.rss": Self.feed(copy),
            ])
        defer { server.stop() }
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let sources = try SourceList.parse(
            """
            sources:
              - {id: wire, kind: rss, url: "\(server.base)/wire.rss"}
              - {id: other, kind: rss, url: "\(server.base)/other.rss"}
              - {id: late, kind: rss, url: "\(server.base)/late.rss"}
              - {id: copy, kind: rss, url: "\(server.base)/copy.rss"}
            """, file: "sources.yaml")
        let workspace = Workspace(databasePath: folder.path("glare.sqlite"))
        let roster = try Roster.load(contentsOf: Fixtures.roster)
        let log = LogCapture()
        var logger = Logger(label: "test") { _ in log }
        logger.logLevel = .debug
        let db = try workspace.openDatabase()
        let times = ["2015-09-10T18:00:00Z", "2015-09-11T06:30:00Z", "2015-09-15T09:00:00Z", "2015-09-16T20:00:00Z"]
        var byDay: [Int] = []
        var fromTheBatch: [Int] = []
        var folded: [Int] = []
        var foldedPeriods: [Int] = []
        for (n, time) in times.enumerated() {
            let at = ISO8601DateFormatter().date(from: time)!
            var run = FetchRun(
                roster: roster, workspace: workspace, client: FetchRunTests.client(), credentials: try Credentials(environment: [:]), logger: logger,
                pause: { _ in }, now: { at })
            run.recentPointsFoldLimit = recentPointsFoldLimit
            run.recentSourcePeriodsFoldDays = recentPointsFoldLimit == 1000 ? nil : recentPointsFoldLimit
            log.clear()
            let results = try run.run(sources)
            #expect(results[0].outcome == (n == 3 ? .notModified : .fetched), "run \(n + 1)")
            #expect(results[1].outcome == (n == 1 ? .failed : .fetched), "run \(n + 1)")
            #expect(results[2].outcome == .fetched, "run \(n + 1)")
            #expect(results[3].outcome == .fetched && results[3].added == (n == 0 ? 1 : 0), "run \(n + 1)")
            let derived = log.messages.filter { $0.message == "feed series derived" }
            byDay.append(derived.map { Int($0.metadata["by_day"] ?? "") ?? 0 }.reduce(0, +))
            fromTheBatch.append(derived.map { Int($0.metadata["from_the_batch"] ?? "") ?? 0 }.reduce(0, +))
            folded.append(derived.map { Int($0.metadata["recent_points_folded"] ?? "") ?? 0 }.reduce(0, +))
            foldedPeriods.append(derived.map { Int($0.metadata["recent_periods_folded"] ?? "") ?? 0 }.reduce(0, +))
            if n == 0 && !bySource {
                // As a store from before keeps them: point by point.
                try db.write { tx in
                    let stored = try tx.series(kind: SeriesKind.feed.rawValue, partialPeriods: true)
                    try tx.replaceSeries(kind: SeriesKind.feed.rawValue, with: stored, rosterHash: stored.first?.rosterHash)
                }
            }
            let kept = try db.read { try $0.seriesRows(kind: SeriesKind.feed.rawValue, source: "feed:wire/stories") }
            #expect(!kept.isEmpty && kept.allSatisfy { $0.bySource == bySource }, "run \(n + 1)")
            try Self.expectRebuilt(db, workspace, roster: roster, after: "run \(n + 1)")
        }
        // The first run derives in full (nothing stored yet), from the documents it has just stored; every later one by
        // day, for each feed it recorded.
        #expect(byDay == [0, 3, 4, 4])
        #expect(fromTheBatch == [4, 0, 0, 0])
        switch recentPointsFoldLimit {
        case _ where bySource: #expect(folded == [0, 0, 0, 0])  // no point of their own to keep apart
        case 1: #expect(folded.dropFirst().allSatisfy { $0 > 0 } && folded[0] == 0, "\(folded)")
        case Int.max: #expect(folded == [0, 0, 0, 0])
        default: #expect(folded[0] == 0 && folded[1] == 0 && folded.contains { $0 > 0 }, "\(folded)")
        }
        // Source periods written day by day (kept by their sources' periods only): moved after every run that wrote some,
        // or kept apart for the whole test.
        if bySource {
            if recentPointsFoldLimit == 1 {
                #expect(foldedPeriods.dropFirst().allSatisfy { $0 > 0 } && foldedPeriods[0] == 0, "\(foldedPeriods)")
            } else {
                #expect(foldedPeriods == [0, 0, 0, 0])
                // Held apart all along: moved now, the series read as before.
                #expect(try db.write { try $0.foldRecentSourcePeriods(ifSpanningAtLeast: 1) } > 0)
                try Self.expectRebuilt(db, workspace, roster: roster, after: "the move")
            }
        }
        // Kept by their periods, the feeds' series hold no point of their own; point by point, no source period.
        for source in ["feed:wire", "feed:wire/stories", "feed:late"] {
            let (points, periods) = try db.read { tx in
                let ids = try tx.seriesRows(kind: SeriesKind.feed.rawValue, source: source).map(\.id)
                return (try ids.map { try tx.pointRows(seriesId: $0).count }.reduce(0, +), try tx.sourcePeriodBounds(source: source))
            }
            #expect(bySource ? points == 0 && periods != nil : points > 0 && periods == nil, "\(source): \(points) points, \(String(describing: periods))")
        }

        // By hand: s1's copy of 09-07 carries the story there; 09-08 keeps the document but not the story.
        let series = try db.read { try $0.series(people: ["khadija-ismayilova"], kind: SeriesKind.feed.rawValue, partialPeriods: true) }
        let late = try #require(series.first { $0.series.key.source == "feed:late" }).series
        #expect(late[.day(Day(iso: "2015-09-12")!)] == .missing)
        #expect(late.coverage[late.periods.firstIndex(of: .day(Day(iso: "2015-09-12")!))!]?.description == "0/24 hours")
        #expect(late[.day(Day(iso: "2015-09-14")!)] == .value(1))

        let documents = try #require(series.first { $0.series.key.source == "feed:wire" }).series
        let stories = try #require(series.first { $0.series.key.source == "feed:wire/stories" }).series
        #expect(documents[.day(Day(iso: "2015-09-08")!)] == .value(1))
        #expect(stories[.day(Day(iso: "2015-09-08")!)] == .value(0))
        #expect(stories[.day(Day(iso: "2015-09-07")!)] == .value(1))
        // s5 on 09-11 and its copy on 09-12: one story, on 09-11.
        #expect(documents[.day(Day(iso: "2015-09-12")!)] == .value(1))
        #expect(stories[.day(Day(iso: "2015-09-12")!)] == .value(0))
        #expect(stories[.day(Day(iso: "2015-09-11")!)] == .value(1))
        // s2 of 09-09 did not name her; its copy of 09-10 does: the story (of 09-09) does.
        #expect(documents[.day(Day(iso: "2015-09-09")!)] == .value(0))
        #expect(stories[.day(Day(iso: "2015-09-09")!)] == .value(1))
        #expect(stories[.day(Day(iso: "2015-09-10")!)] == .value(1))  // s3 and its copy
    }
}

/// Keeps what a logger says (to see which way a run derived its series).
final class LogCapture: LogHandler, @unchecked Sendable {
    struct Entry {
        let message: String
        let metadata: [String: String]
    }

    private let lock = NSLock()
    private var entries: [Entry] = []
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String, file: String, function: String, line: UInt) {
        lock.lock()
        defer { lock.unlock() }
        entries.append(Entry(message: message.description, metadata: (metadata ?? [:]).mapValues { "\($0)" }))
    }

    var messages: [Entry] {
        lock.lock()
        defer { lock.unlock() }
        return entries
    }

    func clear() {
        lock.lock()
        defer { lock.unlock() }
        entries = []
    }
}
