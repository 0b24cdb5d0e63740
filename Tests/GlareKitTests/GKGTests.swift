import Crypto
import Foundation
import GlareCore
import GlareFetch
import GlareKit
import GlareParsers
import GlareStore
import GlareTestSupport
import Logging
import Testing

/// GDELT GKG: the real fetch path against a server on 127.0.0.1, local import, rebuild and explain.
@Suite struct GKGTests {
    typealias R = SyntheticGKG.Record

    /// Day A (2015-09-01): two files (one answers 500 first), one slot missing from the list.
    /// Day B (2015-09-02): a file with a wrong MD5 in the list and a truncated zip: incomplete.
    static func dayAFirst() throws -> String {
        let good = try SyntheticGKG.file([
            R(
                id: "20150901000000-0", date: "20150901000000", url: "https://a.example/u1", persons: ["Liu Xia"],
                names: ["Liu Xia", "Liu Xiaobo", "Liu Xia"]),
            R(
                id: "20150901000000-1", date: "20150901000000", url: "https://a.example/u2", persons: ["Wang Yu"],
                themes: ["TAX_FNCACT_LAWYER", "ARREST"]),
            R(
                id: "20150901000000-2", date: "20150901000000", url: "https://a.example/u3", persons: ["Wang Yu"],
                themes: ["TAX_FNCACT_ACTOR", "MOVIES"], title: "Wang Yu, kung fu star"),
            R(
                id: "20150901000000-3", date: "20150901000000", url: "https://a.example/u4",
                title: "Azerbaijan jails journalist Khadija Ismayilova for 7&#xC2;&#xBD; years"),
            R(id: "20150901000000-4", date: "20150901000000", url: "https://a.example/u5", persons: ["Someone Else"]),
            R(id: "20150901000000-5", date: "20150901000000", url: "https://a.example/u1", persons: ["Liu Xia"], names: ["Liu Xiaobo"]),
            R(
                id: "20150901000000-6", date: "20150901000000", url: "https://a.example/u8", persons: ["Liu Xia"],
                names: ["Liu Xiaobo"], organizations: ["International Judo Federation"]),
        ])
        // Two bad rows: a short one and one with invalid UTF-8 in the URL.
        return good + "20150901000000-7\t20150901000000\t1\tshort.example\n"
            + "20150901000000-8\t20150901000000\t1\tbad.example\thttps://bad.example/\u{FFFD}" + String(repeating: "\t", count: 22) + "\n"
    }

    static func dayASecond() throws -> String {
        try SyntheticGKG.file([
            R(
                id: "20150901001500-0", date: "20150901001500", url: "https://b.example/u7", persons: ["Nadiya Savchenko"],
                names: ["Nadiya Savchenko"], themes: ["MILITARY"], title: "Ukrainian pilot Nadiya Savchenko"),
            R(id: "20150901001500-1", date: "20150901001500", url: "https://a.example/u5", persons: ["Someone Else"]),
        ])
    }

    struct Served {
        let server: FixtureServer
        let workspace: Workspace
        let folder: TemporaryFolder
    }

    static func serve() throws -> Served {
        var first = Data(try dayAFirst().utf8)
        // The invalid UTF-8 byte: replace the U+FFFD placeholder's 3 bytes by a lone 0xFF.
        first = Data(String(decoding: first, as: UTF8.self).replacingOccurrences(of: "\u{FFFD}", with: "~").utf8)
        if let r = first.range(of: Data("bad.example/~".utf8)) { first.replaceSubrange(r.upperBound - 1..<r.upperBound, with: [0xFF]) }
        let a1 = try SyntheticGKG.zip(data: first, entry: "20150901000000.gkg.csv")
        let a2 = try SyntheticGKG.zip(try dayASecond(), entry: "20150901001500.gkg.csv")
        let b1 = try SyntheticGKG.zip(try dayASecond().replacingOccurrences(of: "20150901001500", with: "20150902000000"), entry: "20150902000000.gkg.csv")
        let b2full = try SyntheticGKG.zip(try dayASecond().replacingOccurrences(of: "20150901001500", with: "20150902001500"), entry: "20150902001500.gkg.csv")
        let b2 = b2full.prefix(b2full.count / 2)
        let base = "http://data.gdeltproject.org/gdeltv2/"
        let list =
            [
                "\(a1.count) \(Insecure.MD5.hash(data: a1).hex) \(base)20150901000000.gkg.csv.zip",
                "150383 297a16b493de7cf6ca809a7cc31d0b93 \(base)20150901000000.export.CSV.zip",
                "\(b1.count) 00000000000000000000000000000000 \(base)20150902000000.gkg.csv.zip",
                "\(a2.count) \(Insecure.MD5.hash(data: a2).hex) \(base)20150901001500.gkg.csv.zip",
                "\(b2.count) \(Insecure.MD5.hash(data: b2).hex) \(base)20150902001500.gkg.csv.zip",
                "this line is damaged",
            ].joined(separator: "\n") + "\n"
        let server = try FixtureServer(
            routes: [
                "/gdelt/masterfilelist.txt": [["body": list]],
                "/gdelt/20150901000000.gkg.csv.zip": [["file": "a1.zip"]],
                "/gdelt/20150901001500.gkg.csv.zip": [["status": 500, "body": "busy"], ["file": "a2.zip"]],
                "/gdelt/20150902000000.gkg.csv.zip": [["file": "b1.zip"]],
                "/gdelt/20150902001500.gkg.csv.zip": [["file": "b2.zip"]],
            ], files: ["a1.zip": a1, "a2.zip": a2, "b1.zip": b1, "b2.zip": Data(b2)])
        let folder = try TemporaryFolder()
        return Served(server: server, workspace: Workspace(databasePath: folder.path("glare.sqlite")), folder: folder)
    }

    static func fetch(_ s: Served) throws -> GKGPipeline.Summary {
        let roster = try Roster.load(contentsOf: Fixtures.roster)
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let pipeline = try GKGPipeline(roster: roster, workspace: s.workspace, logger: logger)
        var options = GKGFetcher.Options(from: Day(iso: "2015-09-01")!, to: Day(iso: "2015-09-02")!)
        options.baseURL = s.server.base + "/gdelt"
        options.retryDelay = 0
        let client = HTTPClient(logger: logger, sleep: { _ in })
        return try GKGFetcher(pipeline: pipeline, client: client, options: options).run()
    }

    static var quiet: Logger {
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        return logger
    }

    static func counts(_ w: Workspace) throws -> [String: [String]] {
        let db = try w.openDatabase()
        var out: [String: [String]] = [:]
        for s in try db.read({ try $0.series(measure: .news) }) {
            let k = s.series.key
            out[k.person + " " + k.source] = s.series.labels
        }
        return out
    }

    @Test func fetchCountsRerunAndRebuild() throws {
        let s = try Self.serve()
        defer { s.server.stop(); s.folder.remove() }
        let summary = try Self.fetch(s)
        #expect(summary.processed == 2)
        #expect(summary.failed == 2)
        #expect(summary.files.filter { $0.outcome == .absent }.count == 192 - 4)
        let first = summary.files.first { $0.name == "20150901000000.gkg.csv.zip" }!
        #expect(first.rows == 9 && first.skippedRows == 2)
        let failures = summary.files.filter { $0.outcome == .failed }.map { $0.error ?? "" }
        #expect(failures[0].contains("20150902000000.gkg.csv.zip") && failures[0].contains("MD5"))
        #expect(failures[1].contains("20150902001500.gkg.csv.zip") && failures[1].contains("zip"))
        #expect(summary.incompleteDays["gkg"] == [Day(iso: "2015-09-02")!])

        let counts = try Self.counts(s.workspace)
        #expect(counts["liu-xia gkg"] == ["2015-09-01=1/7", "2015-09-02=NA/-"])  // u1 twice counts once; u8 excluded (judo)
        #expect(counts["liu-xia gkg/mentions"] == ["2015-09-01=2/-", "2015-09-02=NA/-"])
        #expect(counts["wang-yu gkg"] == ["2015-09-01=1/7", "2015-09-02=NA/-"])  // the lawyer, not the actor
        #expect(counts["khadija-ismayilova gkg"] == ["2015-09-01=1/7", "2015-09-02=NA/-"])  // title only
        #expect(counts["nadiya-savchenko gkg"] == ["2015-09-01=1/7", "2015-09-02=NA/-"])
        #expect(counts["gao-yu gkg"] == ["2015-09-01=0/7", "2015-09-02=NA/-"])

        // The second download of the 500 file happened; the list was read; nothing else reached out.
        let paths = s.server.requests().map(\.path)
        #expect(paths.filter { $0 == "/gdelt/20150901001500.gkg.csv.zip" }.count == 2)

        // A rerun asks again only for what failed, and adds nothing.
        let db = try s.workspace.openDatabase()
        let before = try db.read { try $0.gkgFiles() }
        let rerun = try Self.fetch(s)
        #expect(rerun.processed == 0 && rerun.failed == 2)
        #expect(try Self.counts(s.workspace) == counts)
        #expect(try db.read { try $0.gkgFiles() }.map(\.indexSHA256) == before.map(\.indexSHA256))
        let again = s.server.requests().map(\.path).dropFirst(paths.count)
        #expect(!again.contains("/gdelt/20150901000000.gkg.csv.zip"))

        // Rebuild from the name indexes alone gives the same counts.
        let roster = try Roster.load(contentsOf: Fixtures.roster)
        let changes = try Rebuilder(roster: roster, workspace: s.workspace, logger: Self.quiet).rebuild()
        #expect(changes.first { $0.kind == .gkg }?.rematched == 2)
        #expect(changes.filter { !$0.isEmpty }.isEmpty)
        #expect(try Self.counts(s.workspace) == counts)

        // Every count can be audited.
        let text = try Explanation.text(person: "khadija-ismayilova", day: Day(iso: "2015-09-01")!, source: "gkg", in: db)
        #expect(text.contains("1 article(s) in gkg name khadija-ismayilova on 2015-09-01"))
        #expect(text.contains("Azerbaijan jails journalist Khadija Ismayilova for 7½ years"))
        #expect(text.contains("in title = alias 'Khadija Ismayilova'"))
        let wang = try Explanation.text(person: "wang-yu", day: Day(iso: "2015-09-01")!, source: "gkg", in: db)
        #expect(wang.contains("https://a.example/u2") && !wang.contains("https://a.example/u3"))
        #expect(wang.contains("context term 'lawyer'"))
    }

    @Test func rebuildFollowsARosterChange() throws {
        let s = try Self.serve()
        defer { s.server.stop(); s.folder.remove() }
        _ = try Self.fetch(s)
        // A roster in which Someone Else is a person: the stored name indexes find her offline.
        let yaml = """
            roster: test
            people:
              - id: someone-else
                name: "Someone Else"
                aliases: ["Someone Else"]
            """
        let file = try s.folder.write("roster.yaml", yaml)
        _ = try Rebuilder(roster: try Roster.load(contentsOf: file), workspace: s.workspace, logger: Self.quiet).rebuild()
        let counts = try Self.counts(s.workspace)
        #expect(counts["someone-else gkg"] == ["2015-09-01=1/7", "2015-09-02=NA/-"])  // u5 in two files, once
    }

    @Test func importsLocalFilesAndFolders() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("mirror"), withIntermediateDirectories: true)
        try folder.write("mirror/20150901000000.gkg.csv", try Self.dayASecond().replacingOccurrences(of: "20150901001500", with: "20150901000000"))
        try SyntheticGKG.zip(try Self.dayASecond(), entry: "20150901001500.gkg.csv").write(
            to: folder.url.appendingPathComponent("mirror/20150901001500.gkg.csv.zip"))
        try folder.write("mirror/20150901003000.gkg.csv", "")  // an empty file
        try Data("PK\u{3}\u{4}broken".utf8).write(to: folder.url.appendingPathComponent("mirror/20150901004500.gkg.csv.zip"))
        try folder.write("mirror/notes.txt", "not a GKG file")
        let workspace = Workspace(databasePath: folder.path("glare.sqlite"))
        let pipeline = try GKGPipeline(roster: try Roster.load(contentsOf: Fixtures.roster), workspace: workspace, logger: .quiet)
        let summary = try GKGImporter(pipeline: pipeline).importPaths([folder.path("mirror")])
        #expect(summary.files.count == 4)
        // The broken zip fails, and so does the empty file: a slot with no readable record is never "processed".
        #expect(summary.processed == 2 && summary.failed == 2)
        let failures = summary.files.filter { $0.outcome == .failed }.map { $0.error ?? "" }
        #expect(failures.contains { $0.contains("20150901004500.gkg.csv.zip") })
        #expect(failures.contains { $0.contains("20150901003000.gkg.csv") && $0.contains("no readable GKG record") })
        // The broken file leaves its day incomplete: missing, not zero.
        #expect(try Self.counts(workspace)["nadiya-savchenko gkg"] == ["2015-09-01=NA/-"])
        let again = try GKGImporter(pipeline: pipeline).importPaths([folder.path("mirror")])
        // The two processed slots are skipped; the failed ones are tried again (and fail again).
        #expect(again.processed == 0 && again.files.filter { $0.outcome == .skipped }.count == 2 && again.failed == 2)
    }

    /// Issue 20: `glare gkg index` (a pure function of the file, as on a Spark executor) then
    /// `glare import gkg-index` gives the store exactly what `glare import gkg` of the same files gives:
    /// series, coverage, rows and skipped rows, name-index snapshots.
    @Test func indexesImportToTheSameCountsAsTheFiles() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let mirror = folder.url.appendingPathComponent("mirror")
        try FileManager.default.createDirectory(at: mirror, withIntermediateDirectories: true)
        var first = Data(try Self.dayAFirst().utf8)
        first.replaceSubrange(first.range(of: Data("\u{FFFD}".utf8))!, with: [0xFF])
        try SyntheticGKG.zip(data: first, entry: "20150901000000.gkg.csv").write(to: mirror.appendingPathComponent("20150901000000.gkg.csv.zip"))
        try folder.write("mirror/20150901001500.gkg.csv", try Self.dayASecond())
        try folder.write(
            "mirror/20150902000000.gkg.csv", try Self.dayASecond().replacingOccurrences(of: "20150901001500", with: "20150902000000"))
        let roster = try Roster.load(contentsOf: Fixtures.roster)

        let direct = Workspace(databasePath: folder.path("direct.sqlite"), environment: [:])
        let viaFiles = try GKGImporter(pipeline: try GKGPipeline(roster: roster, workspace: direct, logger: .quiet)).importPaths([mirror.path])
        #expect(viaFiles.processed == 3)

        let indexes = folder.url.appendingPathComponent("indexes")
        try FileManager.default.createDirectory(at: indexes, withIntermediateDirectories: true)
        for name in try FileManager.default.contentsOfDirectory(atPath: mirror.path) {
            try GKGIndexFile.make(file: mirror.appendingPathComponent(name)).write(to: indexes)
        }
        let viaIndexes = Workspace(databasePath: folder.path("indexed.sqlite"), environment: [:])
        let importer = GKGIndexImporter(pipeline: try GKGPipeline(roster: roster, workspace: viaIndexes, logger: .quiet))
        let summary = try importer.importPaths([indexes.path])
        #expect(summary.processed == 3 && summary.failed == 0)
        #expect(summary.files.map(\.rows).reduce(0, +) == viaFiles.files.map(\.rows).reduce(0, +))
        #expect(summary.files.map(\.skippedRows).reduce(0, +) == viaFiles.files.map(\.skippedRows).reduce(0, +))
        #expect(summary.files.map(\.skippedRows).reduce(0, +) == 2)
        #expect(try Self.counts(viaIndexes) == Self.counts(direct))
        #expect(!(try Self.counts(direct)).isEmpty)
        for stream in ["gkg"] {
            let a = try direct.openDatabase().read { try $0.gkgCoverage(stream: stream) }
            let b = try viaIndexes.openDatabase().read { try $0.gkgCoverage(stream: stream) }
            #expect(a.mapValues(\.observed) == b.mapValues(\.observed) && !a.isEmpty)
        }
        let snapshots = { (w: Workspace) in Set(try w.openDatabase().read { try $0.snapshots() }.map(\.snapshot.sha256)) }
        #expect(try snapshots(direct) == snapshots(viaIndexes))
        // Idempotent: a second import skips every slot.
        #expect(try importer.importPaths([indexes.path]).files.allSatisfy { $0.outcome == .skipped })
        // A damaged index is refused by its checksum, and names itself.
        let damaged = folder.url.appendingPathComponent("damaged")
        try FileManager.default.createDirectory(at: damaged, withIntermediateDirectories: true)
        for suffix in ["", ".json"] {
            try FileManager.default.copyItem(
                at: indexes.appendingPathComponent("20150902000000.gkg.csv.names" + suffix),
                to: damaged.appendingPathComponent("20150902000000.gkg.csv.names" + suffix))
        }
        var bytes = try Data(contentsOf: damaged.appendingPathComponent("20150902000000.gkg.csv.names"))
        bytes[bytes.count - 3] ^= 0x20
        try bytes.write(to: damaged.appendingPathComponent("20150902000000.gkg.csv.names"))
        let fresh = Workspace(databasePath: folder.path("fresh.sqlite"), environment: [:])
        let refused = try GKGIndexImporter(pipeline: try GKGPipeline(roster: roster, workspace: fresh, logger: .quiet)).importPaths([damaged.path])
        #expect(refused.failed == 1 && refused.files.first?.error?.contains("does not match its metadata's SHA-256") == true)
    }

    /// Issue 20: a result in BigQuery's export layout, built from the same files (every record sent,
    /// per slot the distinct FNV-1a hashes of the URLs, computed here independently), imports to the
    /// counts of importing the files (with a master list naming them, so both make their days complete).
    @Test(arguments: ["csv", "jsonl"])
    func aBigQueryResultImportsToTheSameCountsAsTheFiles(_ format: String) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let mirror = folder.url.appendingPathComponent("mirror")
        try FileManager.default.createDirectory(at: mirror, withIntermediateDirectories: true)
        let files = [
            "20150901000000.gkg.csv": try Self.dayAFirst(), "20150901001500.gkg.csv": try Self.dayASecond(),
            "20150902000000.gkg.csv": try Self.dayASecond().replacingOccurrences(of: "20150901001500", with: "20150902000000"),
        ]
        var list = ""
        for (name, text) in files {
            try folder.write("mirror/" + name, text)
            list += "1 0123456789abcdef0123456789abcdef http://data.gdeltproject.org/gdeltv2/\(name).zip\n"
        }
        list += "1 0123456789abcdef0123456789abcdef http://data.gdeltproject.org/gdeltv2/20150903000000.gkg.csv.zip\n"  // the list reaches past the last day
        try folder.write("masterfilelist.txt", list)
        let roster = try Roster.load(contentsOf: Fixtures.roster)
        let direct = Workspace(databasePath: folder.path("direct.sqlite"), environment: [:])
        _ = try GKGImporter(pipeline: try GKGPipeline(roster: roster, workspace: direct, logger: .quiet))
            .importPaths([mirror.path], masterList: folder.path("masterfilelist.txt"))

        func fnv(_ s: String) -> String {
            var h: UInt64 = 14_695_981_039_346_656_037
            for b in s.utf8 { h = (h ^ UInt64(b)) &* 1_099_511_628_211 }
            return String(h, radix: 16)
        }
        let columns = [
            "row_kind", "slot", "GKGRECORDID", "DATE", "SourceCommonName", "DocumentIdentifier", "Themes", "Persons", "V2Persons",
            "Organizations", "AllNames", "title", "records", "url_hashes",
        ]
        var rows: [[String: String]] = [["row_kind": "query", "slot": "20150901-20150902"]]
        for (name, text) in files.sorted(by: { $0.key < $1.key }) {
            let slot = String(name.prefix(14))
            var urls: [String] = []
            _ = GKGReader.read(Data(text.utf8)) { urls.append($0.url) }
            rows.append(["row_kind": "slot", "slot": slot, "records": String(urls.count), "url_hashes": Set(urls.map(fnv)).sorted().joined(separator: " ")])
            for line in text.split(separator: "\n") {
                let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
                guard f.count == 27 else { continue }  // what GDELT's loader would not load
                let title = f[26].components(separatedBy: "<PAGE_TITLE>").dropFirst().first?.components(separatedBy: "</PAGE_TITLE>").first ?? ""
                rows.append([
                    "row_kind": "record", "slot": slot, "GKGRECORDID": f[0], "DATE": f[1], "SourceCommonName": f[3], "DocumentIdentifier": f[4],
                    "Themes": f[7], "Persons": f[11], "V2Persons": f[12], "Organizations": f[13], "AllNames": f[23], "title": title,
                ])
            }
        }
        let result: String
        if format == "csv" {
            func quoted(_ s: String) -> String { s.contains(",") || s.contains("\"") ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s }
            result =
                ([columns.joined(separator: ",")] + rows.map { r in columns.map { quoted(r[$0] ?? "") }.joined(separator: ",") })
                .joined(separator: "\n") + "\n"
        } else {
            result =
                try rows.map { r in
                    String(decoding: try JSONSerialization.data(withJSONObject: r.mapValues { $0 as Any }, options: [.sortedKeys]), as: UTF8.self)
                }.joined(separator: "\n") + "\n"
        }
        try folder.write("result." + format, result)
        let viaBigQuery = Workspace(databasePath: folder.path("bq.sqlite"), environment: [:])
        let importer = GKGBigQueryImporter(pipeline: try GKGPipeline(roster: roster, workspace: viaBigQuery, logger: .quiet))
        let summary = try importer.importResult(folder.path("result." + format))
        #expect(summary.processed == 3 && summary.files.filter { $0.outcome == .absent }.count == 2 * 96 - 3)
        #expect(summary.incompleteDays.isEmpty)
        let (a, b) = (try Self.counts(viaBigQuery), try Self.counts(direct))
        #expect(a == b, "\(a.filter { $0.key.hasPrefix("liu-xia") }) \(b.filter { $0.key.hasPrefix("liu-xia") })")
        #expect(try Self.counts(direct)["liu-xia gkg"]?.allSatisfy { !$0.contains("NA") } == true)
        #expect(try importer.importResult(folder.path("result." + format)).processed == 0)

        let sql = GKGBigQuery.sql(from: Day(iso: "2015-09-01")!, to: Day(iso: "2015-09-02")!, roster: roster)
        #expect(sql.contains("FROM `gdelt-bq.gdeltv2.gkg_partitioned`"))
        #expect(sql.contains("_PARTITIONTIME BETWEEN TIMESTAMP(\"2015-09-01\") AND TIMESTAMP(\"2015-09-02\")"))
        #expect(sql.contains("'20150901-20150902' AS slot") && sql.contains("savchenko") && sql.contains("ismayilova"))
        #expect(!sql.contains("GCAM"), "the largest column is never read")
    }

    /// A snapshot folder that cannot be written is an I/O failure (exit 74), not a damaged file: the slot
    /// is not recorded as failed, and a later run with the folder fixed processes it.
    @Test func anUnwritableSnapshotFolderLeavesTheSlotToRetry() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try SyntheticGKG.zip(try Self.dayASecond(), entry: "20150901001500.gkg.csv").write(
            to: folder.url.appendingPathComponent("20150901001500.gkg.csv.zip"))
        let workspace = Workspace(databasePath: folder.path("glare.sqlite"))
        // A plain file where the snapshot folder should be (root ignores permissions; this it cannot get round).
        try folder.write("glare-snapshots", "in the way")
        let pipeline = try GKGPipeline(roster: try Roster.load(contentsOf: Fixtures.roster), workspace: workspace, logger: .quiet)
        let error = #expect(throws: (any Error).self) { try GKGImporter(pipeline: pipeline).importPaths([folder.path("20150901001500.gkg.csv.zip")]) }
        #expect(error.map(ExitStatus.of) == .ioError)
        let db = try workspace.openDatabase()
        #expect(try db.read { try $0.gkgStatus(stream: "gkg", slot: "20150901001500") } == nil)
        try FileManager.default.removeItem(at: folder.url.appendingPathComponent("glare-snapshots"))
        let again = try GKGImporter(pipeline: pipeline).importPaths([folder.path("20150901001500.gkg.csv.zip")])
        #expect(again.processed == 1 && again.failed == 0)
    }
}
