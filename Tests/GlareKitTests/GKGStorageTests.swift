import Foundation
import GlareCore
import GlareKit
import GlareParsers
import GlareStore
import GlareTestSupport
import Testing

/// Issue 19: a complete GKG day keeps its exact distinct-URL total and drops the per-record URL hashes;
/// an incomplete day keeps them. Every total is checked against the distinct URLs of the files' rows,
/// counted here from the raw text, through re-imports, a file of the next day carrying records of a
/// complete day, `glare forget`, and a rebuild.
@Suite struct GKGStorageTests {
    typealias R = SyntheticGKG.Record

    /// Day 1 (2015-09-01): three slots whose URLs overlap. Day 2: one slot, with two records dated day 1
    /// (one URL new to day 1, one it already has). Day 4: one slot, no master list (incomplete).
    static func files() throws -> [String: String] {
        func file(_ slot: String, _ urls: [String], dated: String? = nil, liu: Set<Int> = []) throws -> String {
            try SyntheticGKG.file(
                urls.enumerated().map { i, url in
                    R(
                        id: "\(slot)-\(i)", date: dated ?? slot, url: url, persons: liu.contains(i) ? ["Liu Xia"] : ["Someone Else"],
                        names: liu.contains(i) ? ["Liu Xia", "Liu Xiaobo"] : [])
                })
        }
        return [
            "20150901000000.gkg.csv": try file("20150901000000", ["https://a/1", "https://a/2", "https://a/3", "https://a/1"], liu: [0, 2]),
            "20150901001500.gkg.csv": try file("20150901001500", ["https://a/1", "https://a/4", "https://a/5"], liu: [1]),
            "20150901003000.gkg.csv": try file("20150901003000", ["https://a/5", "https://a/6"]),
            "20150902000000.gkg.csv": try file("20150902000000", ["https://b/1", "https://b/2"], liu: [0])
                + file("20150902000000", ["https://a/7", "https://a/2"], dated: "20150901234500", liu: [0]),
            "20150904000000.gkg.csv": try file("20150904000000", ["https://d/1", "https://d/1", "https://d/2"]),
        ]
    }

    /// Distinct URLs per day of the rows of `names`, read from the raw text (field 1 the date, field 4 the URL).
    static func distinct(_ files: [String: String], _ names: [String]) -> [Day: Int] {
        var urls: [Day: Set<String>] = [:]
        for name in names {
            for line in files[name]!.split(separator: "\n") {
                let f = line.split(separator: "\t", omittingEmptySubsequences: false)
                let d = f[1]
                let day = Day(iso: "\(d.prefix(4))-\(d.dropFirst(4).prefix(2))-\(d.dropFirst(6).prefix(2))")!
                urls[day, default: []].insert(String(f[4]))
            }
        }
        return urls.mapValues(\.count)
    }

    struct State: Equatable {
        let totals: [Day: Int]
        let fileDays: [String]
        let series: [String: [String]]
    }

    static func state(_ w: Workspace) throws -> State {
        let db = try w.openDatabase()
        return try db.read { tx in
            let days = try tx.gkgDayTotals(stream: "gkg")
            var fileDays: [String] = []
            for day in days.keys.sorted() {
                for f in try tx.gkgFileDays(stream: "gkg", day: day) {
                    fileDays.append("\(f.name) \(day.iso) \(f.records) \(f.urlHashes.map { "\($0.count) hashes" } ?? "dropped")")
                }
            }
            var series: [String: [String]] = [:]
            for s in try tx.series(measure: .news) { series[s.series.key.person + " " + s.series.key.source] = s.series.labels }
            return State(totals: days, fileDays: fileDays, series: series)
        }
    }

    @Test func completeDaysKeepExactTotalsWithoutTheirURLHashes() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let files = try Self.files()
        for folderName in ["all", "mirror"] {
            try FileManager.default.createDirectory(at: folder.url.appendingPathComponent(folderName), withIntermediateDirectories: true)
        }
        for (name, text) in files { try folder.write((name.hasPrefix("20150904") ? "mirror/" : "all/") + name, text) }
        try folder.write(
            "list.txt",
            files.keys.filter { !$0.hasPrefix("20150904") }.map { "1 0123456789abcdef0123456789abcdef http://x/gdeltv2/\($0).zip\n" }.joined()
                + "1 0123456789abcdef0123456789abcdef http://x/gdeltv2/20150903000000.gkg.csv.zip\n")
        let roster = try Roster.load(contentsOf: Fixtures.roster)
        let workspace = Workspace(databasePath: folder.path("glare.sqlite"), environment: [:])
        let pipeline = try GKGPipeline(roster: roster, workspace: workspace, logger: .quiet)
        let day1 = ["20150901000000.gkg.csv", "20150901001500.gkg.csv", "20150901003000.gkg.csv"]
        let d1 = Day(iso: "2015-09-01")!, d2 = Day(iso: "2015-09-02")!, d4 = Day(iso: "2015-09-04")!

        // Day 1 alone: complete, exact, no hashes left.
        _ = try GKGImporter(pipeline: pipeline).importPaths(day1.map { folder.path("all/" + $0) }, masterList: folder.path("list.txt"))
        var s = try Self.state(workspace)
        #expect(s.totals[d1] == Self.distinct(files, day1)[d1] && s.totals[d1] == 6)
        #expect(s.fileDays.count == 3 && s.fileDays.allSatisfy { $0.hasSuffix("dropped") }, "\(s.fileDays)")
        #expect(s.series["liu-xia gkg"] == ["2015-09-01=3/6"])

        // Imported again: nothing changes.
        let again = try GKGImporter(pipeline: pipeline).importPaths(day1.map { folder.path("all/" + $0) }, masterList: folder.path("list.txt"))
        #expect(again.processed == 0)
        #expect(try Self.state(workspace) == s)

        // Day 2's file carries two records dated day 1: day 1 is counted again from the name indexes.
        let upTo2 = day1 + ["20150902000000.gkg.csv"]
        _ = try GKGImporter(pipeline: pipeline).importPaths([folder.path("all/20150902000000.gkg.csv")], masterList: folder.path("list.txt"))
        s = try Self.state(workspace)
        let expected = Self.distinct(files, upTo2)
        #expect(s.totals[d1] == expected[d1] && s.totals[d1] == 7)
        #expect(s.totals[d2] == expected[d2] && s.totals[d2] == 2)
        #expect(s.fileDays.count == 5 && s.fileDays.allSatisfy { $0.hasSuffix("dropped") }, "\(s.fileDays)")

        // An incomplete day (no master list, one slot of 96) keeps its hashes.
        _ = try GKGImporter(pipeline: pipeline).importPaths([folder.path("mirror/20150904000000.gkg.csv")])
        s = try Self.state(workspace)
        #expect(s.totals[d4] == 2)
        #expect(s.fileDays.filter { $0.hasPrefix("20150904") } == ["20150904000000.gkg.csv 2015-09-04 3 2 hashes"])

        // A rebuild changes nothing.
        let before = s
        _ = try Rebuilder(roster: roster, workspace: workspace, logger: .quiet).rebuild()
        #expect(try Self.state(workspace) == before)

        // Forgetting day 1's second file: day 1 counted again from the other files' name indexes.
        let db = try workspace.openDatabase()
        let second = try #require(try db.read { try $0.gkgFiles() }.first { $0.name == day1[1] }?.indexSHA256)
        let id = try #require(try db.read { try $0.snapshot(sha256: second) }?.id)
        _ = try Forgetting(roster: roster, workspace: workspace, logger: .quiet).forget(.snapshot("#\(id)"))
        s = try Self.state(workspace)
        let remaining = Self.distinct(files, upTo2.filter { $0 != day1[1] })
        #expect(s.totals[d1] == remaining[d1] && s.totals[d1] == 6)  // a/4 went; a/1 and a/5 are in other files
        // The forgotten slot is missing (not absent): day 1 is partial until it returns.
        #expect(try db.read { try $0.gkgCoverage(stream: "gkg", day: d1) }.observed == false)

        // Imported again, the day is complete and exact again, as before the forget.
        _ = try GKGImporter(pipeline: pipeline).importPaths([folder.path("all/" + day1[1])], masterList: folder.path("list.txt"))
        #expect(try Self.state(workspace) == before)
    }
}

/// Issue 19: names are folded once per file through a cache; a cache shared by many records (and
/// files) gives exactly what a fresh matcher gives each record, spellings folding alike included.
@Suite struct GKGNameCacheTests {
    @Test func aSharedCacheMatchesAsAFreshOne() throws {
        let matcher = GKGNameMatcher(roster: try Roster.load(contentsOf: Fixtures.roster))
        func entry(_ i: Int, _ persons: [String], names: [String] = []) -> GKGEntry {
            GKGEntry(
                recordId: "r\(i)", date: "20150901000000", outlet: "o", url: "https://u/\(i)", title: "",
                persons: persons.map { GKGEntry.Name($0, count: 1) }, names: names.map { GKGEntry.Name($0, count: 2) },
                organizations: [], themes: [])
        }
        let entries = [
            entry(0, ["Nadiya Savchenko"]), entry(1, ["NADIYA SAVCHENKO", "Someone Else"]), entry(2, ["Nadiya  Savchenko "]),
            entry(3, ["Someone Else"], names: ["Nadiya Savchenko"]), entry(4, ["Nadiya Savchenkova"]), entry(5, ["Nádiya Savchenko"]),
            entry(6, ["Nadiya Savchenko"], names: ["Nadiya Savchenko"]),
        ]
        var cache = GKGNameMatcher.NameCache()
        let shared = entries.map { matcher.match($0, cache: &cache) }
        let fresh = entries.map { matcher.match($0) }
        #expect(shared == fresh)
        // Independently: which records name her, and how.
        #expect(
            shared.map { $0.map(\.person) } == [
                ["nadiya-savchenko"], ["nadiya-savchenko"], ["nadiya-savchenko"], ["nadiya-savchenko"], [], ["nadiya-savchenko"], ["nadiya-savchenko"],
            ])
        #expect(shared[3].first?.field == "names" && shared[6].first?.mentions == 2 && shared[1].first?.matched == "NADIYA SAVCHENKO")
        #expect(cache.count == 6)  // distinct spellings seen, each folded once
    }
}
