import Foundation
import GlareCore
import GlareKit
import GlareTestSupport
import Testing

/// A newcomer's path: `glare init` outside the repository, store safety (66 and nothing created),
/// `glare forget`, `--version` and completions.
extension CommandLineTests {
    /// Runs glare in `directory` with no GLARE_* variables (so only the folder's files count).
    func glare(_ arguments: [String], at directory: URL, environment extra: [String: String] = [:]) throws -> Run {
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("GLARE_") }
        environment.merge(extra) { _, b in b }
        return try Self.run(arguments, at: directory, environment: environment)
    }

    @Test func initStartsAStudyThatImportsAnalysesAndReportsWithNoFlags() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        #expect(!folder.url.path.hasPrefix(Fixtures.root.path))
        let made = try glare(["init", "study"], at: folder.url)
        #expect(made.status == 0, "\(made.stderr)")
        #expect(made.stdout.contains("created: study/roster.yaml"))
        #expect(made.stdout.contains("Next steps"))
        let study = folder.url.appendingPathComponent("study")
        let files = try FileManager.default.contentsOfDirectory(atPath: study.path).sorted()
        #expect(files == ["NEXT-STEPS.md", "examples", "roster.yaml", "sources.yaml"])
        // The example is the repository's roster, byte for byte (scripts/embed-example-roster keeps them together).
        #expect(
            try String(contentsOf: study.appendingPathComponent("examples/freethe20-roster.yaml"), encoding: .utf8)
                == String(contentsOf: Fixtures.roster, encoding: .utf8))
        #expect(try glare(["roster"], at: study).stdout.hasPrefix("roster.yaml: My study, 2 people; event 2015-09-01"))
        #expect(try glare(["roster", "--roster", "examples/freethe20-roster.yaml"], at: study).status == 0)
        // Every kind commented out: a valid, empty sources file.
        let status = try glare(["status"], at: study)
        #expect(status.status == 66, "no store yet: \(status.stderr)")
        #expect(!FileManager.default.fileExists(atPath: study.appendingPathComponent("glare.sqlite").path))

        let table = Fixtures.root.appendingPathComponent("Tests/Fixtures/counts/weekly_long_date_name_count_total.csv").path
        let imported = try glare(["import", "counts", table, "--source", "mine"], at: study)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(FileManager.default.fileExists(atPath: study.appendingPathComponent("glare.sqlite").path))
        let analysed = try glare(["analyze", "--format", "json"], at: study)
        #expect(analysed.status == 0, "\(analysed.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(analysed.stdout.utf8)) as! [String: Any]
        let results = object["results"] as! [[String: Any]]
        #expect(results.map { $0["person"] as? String } == ["gao-yu", "liu-xia"])
        #expect(results.allSatisfy { $0["event_date"] as? String == "2015-09-01" })
        #expect((object["provenance"] as? [String: Any])?["command_line"] as? String == "glare analyze --format json")
        let reported = try glare(["report"], at: study)
        #expect(reported.status == 0, "\(reported.stderr)")
        let html = try String(contentsOf: study.appendingPathComponent("glare-report.html"), encoding: .utf8)
        #expect(html.contains("made by Glare \(GlareVersion.current): glare report"))
        #expect(html.contains(try Self.sha256(of: table)))
        #expect(try glare(["status"], at: study).status == 0)

        // A second init into the same folder writes nothing.
        let again = try glare(["init", "study"], at: folder.url)
        #expect(again.status == 73)
        #expect(again.stderr.contains("already holds roster.yaml"))
    }

    static func sha256(of path: String) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["sha256sum", path]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(String(decoding: data, as: UTF8.self).prefix(64))
    }

    /// Every command's missing store or missing input: 66, a message naming the path, and nothing created.
    @Test(arguments: [
        ["series"], ["export"], ["export", "--format", "json"], ["analyze"], ["report"], ["explain", "liu-xia", "2015-09-01"], ["status"],
        ["vacuum"], ["rebuild"], ["forget", "1"], ["forget", "--source", "counts:x"],
    ])
    func aMissingStoreIs66AndNothingIsCreated(_ command: [String]) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let typo = folder.path("typo.sqlite")
        let r = try glare(command + ["--db", typo], at: Fixtures.root)
        #expect(r.status == 66, "\(command): \(r.stderr)")
        #expect(r.stderr.contains("no database at \(typo)") && r.stderr.contains("--db"), "\(r.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).isEmpty, "\(command) created something")
    }

    @Test(arguments: [
        ["import", "trends", "NOPE"], ["import", "archive", "NOPE"], ["import", "gkg", "NOPE"], ["import", "pageviews", "NOPE"],
        ["import", "counts", "NOPE", "--source", "x"], ["import", "gkg", "Snapshots", "--master-list", "NOPE"], ["match", "NOPE"],
        ["analyze", "--input", "NOPE", "--event", "2015-09-01"], ["report", "--input", "NOPE", "--event", "2015-09-01"],
        ["fetch", "--sources", "NOPE"], ["status", "--sources", "NOPE"], ["roster", "--roster", "NOPE"],
        ["import", "trends", "--roster", "NOPE", "Snapshots/google-trends/weekly_1term_US.csv"], ["rebuild", "--roster", "NOPE"],
        ["wikipedia", "resolve", "--roster", "NOPE"], ["fetch", "gkg", "--from", "2015-09-01", "--to", "2015-09-01", "--roster", "NOPE"],
        ["import", "gkg-index", "NOPE"], ["import", "gkg-bigquery", "NOPE"],
    ])
    func aMissingInputFileIs66AndNothingIsCreated(_ command: [String]) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let missing = folder.path("missing-file")
        let db = folder.path("g.sqlite")
        let r = try glare(
            command.map { $0 == "NOPE" ? missing : $0 } + (command.first == "roster" || command.first == "match" ? [] : ["--db", db]), at: Fixtures.root)
        #expect(r.status == 66, "\(command): \(r.stderr)")
        #expect(r.stderr.contains(missing), "\(r.stderr)")
        if command.contains("--roster") { #expect(r.stderr.contains("--roster FILE or GLARE_ROSTER")) }
        #expect(!FileManager.default.fileExists(atPath: db), "\(command) created a store")
    }

    @Test func outsideTheRepositoryTheRosterErrorNamesTheFlagAndVariable() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let r = try glare(["import", "trends", Fixtures.root.appendingPathComponent("Snapshots/google-trends/weekly_1term_US.csv").path], at: folder.url)
        #expect(r.status == 66)
        #expect(r.stderr.contains("no roster at Feeds/roster.yaml") && r.stderr.contains("--roster FILE or GLARE_ROSTER") && r.stderr.contains("glare init"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).isEmpty)
    }

    @Test func forgetReturnsTheStoreToItsEarlierState() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        // Trends: two overlapping pieces stitched together; forgetting the second restores the first alone.
        let latent = SyntheticTrends(start: Day(iso: "2015-07-01")!, days: 160, spikeDay: 100, seed: 3)
        let first = try folder.write("a.csv", latent.csv(from: 0, to: 90, names: ["Liu Xia"]))
        let second = try folder.write("b.csv", latent.csv(from: 60, to: 150, names: ["Liu Xia"]))
        let archive = "Tests/Fixtures/archives/lexisnexis_freethe20_1.txt"
        #expect(try glare(["import", "trends", first.path], in: folder).status == 0)
        #expect(try glare(["import", "archive", "--covers", "2015-09-01..2015-09-03", archive], in: folder).status == 0)
        let before = try glare(["export"], in: folder)
        #expect(before.status == 0 && before.stdout.contains("archive:lexisnexis"))

        let added = try glare(["import", "trends", second.path], in: folder)
        #expect(added.status == 0, "\(added.stderr)")
        #expect(try glare(["export"], in: folder).stdout != before.stdout)
        let listed = try glare(["series"], in: folder)
        #expect(listed.stdout.contains("3 imports (forget one with 'glare forget ID'):"), "\(listed.stdout)")
        #expect(listed.stdout.contains("#3  "), "\(listed.stdout)")
        let forgot = try glare(["forget", second.path], in: folder)
        #expect(forgot.status == 0, "\(forgot.stderr)")
        #expect(forgot.stdout.hasPrefix("forgot: #3 "), "\(forgot.stdout)")
        #expect(try glare(["export"], in: folder).stdout == before.stdout)

        // An archive import by id: its documents and coverage go, the series with them.
        #expect(try glare(["forget", "#2"], in: folder).status == 0)
        let trendsOnly = try glare(["export"], in: folder).stdout
        #expect(!trendsOnly.contains("archive:lexisnexis"))
        #expect(trendsOnly.contains("google-trends/"))
        // Nothing left to name: 64, nothing changed.
        let none = try glare(["forget", "#2"], in: folder)
        #expect(none.status == 64)
        #expect(none.stderr.contains("no snapshot with id 2"))
        // And importing it again brings the same export back.
        #expect(try glare(["import", "archive", "--covers", "2015-09-01..2015-09-03", archive], in: folder).status == 0)
        #expect(try glare(["export"], in: folder).stdout == before.stdout)
    }

    @Test func versionCompletionsAndProvenance() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let version = try glare(["--version"], in: folder)
        #expect(version.status == 0 && version.stdout == GlareVersion.current + "\n")
        for shell in ["bash", "zsh", "fish"] {
            let c = try glare(["completions", shell], in: folder)
            #expect(c.status == 0 && c.stdout.contains("forget") && c.stdout.contains("provenance"), "\(shell)")
        }
        #expect(try glare(["completions", "zsh"], in: folder).stdout.hasPrefix("#compdef glare"))
        #expect(try glare(["completions", "tcsh"], in: folder).status == 64)
        // The citation names the version Glare stamps on its outputs.
        let citation = try String(contentsOf: Fixtures.root.appendingPathComponent("CITATION.cff"), encoding: .utf8)
        #expect(citation.contains("\nversion: \"\(GlareVersion.current)\"\n"))
        #expect(citation.contains("\nlicense: MIT\n"))
        #expect(try String(contentsOf: Fixtures.root.appendingPathComponent("LICENSE"), encoding: .utf8).hasPrefix("MIT License"))

        let file = "Snapshots/google-trends/monthly_2terms_US_lt1_partial.csv"
        #expect(try glare(["import", "trends", "--allow-unknown-terms", file], in: folder).status == 0)
        let plain = try glare(["export"], in: folder).stdout
        // An output that cannot be created (its folder would be inside a file) is 73, and nothing is left behind.
        let blocked = try glare(["export", "--out", folder.path("g.sqlite") + "/x.csv"], in: folder)
        #expect(blocked.status == 73, "\(blocked.stderr)")
        #expect(blocked.stderr.contains("cannot create"))
        #expect(plain.hasPrefix("date,"))
        let stamped = try glare(["export", "--provenance"], in: folder).stdout
        let comments = stamped.split(separator: "\r\n").prefix { $0.hasPrefix("# ") }
        #expect(comments.first == "# made by Glare \(GlareVersion.current): glare export --provenance")
        #expect(comments.contains { $0.hasPrefix("# roster: ") && $0.count == "# roster: ".count + 16 })
        #expect(
            comments.contains(
                "# input: sha256 \(try Self.sha256(of: Fixtures.root.appendingPathComponent(file).path)) \(URL(fileURLWithPath: file).lastPathComponent)"))
        #expect(stamped.hasSuffix(plain))
        let json = try glare(["export", "--format", "json"], in: folder).stdout
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        let provenance = try #require(object["provenance"] as? [String: Any])
        #expect(provenance["glare_version"] as? String == GlareVersion.current)
        #expect(provenance["command_line"] as? String == "glare export --format json")
        #expect((provenance["inputs"] as? [[String: String]])?.count == 1)
    }

    /// The new long CSV (resolution and state columns, provenance comments) still reads as `--input`, to the same results as the store.
    @Test func analyzeInputReadsTheLongExport() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let imported = try glare(["import", "counts", "Tests/Fixtures/counts/weekly_long_date_name_count_total.csv", "--source", "mine"], in: folder)
        #expect(imported.status == 0, "\(imported.stderr)")
        let file = folder.path("export.csv")
        #expect(try glare(["export", "--provenance", "--out", file], in: folder).status == 0)
        let options = ["--event", "2015-09-01", "--permutations", "99", "--format", "json"]
        func results(_ r: Run) throws -> [[String: String]] {
            #expect(r.status == 0, "\(r.stderr)")
            let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
            return (object["results"] as! [[String: Any]]).map { r in
                ["person": r["person"] as! String, "verdict": r["verdict"] as! String, "resolution": r["resolution"] as! String]
            }
        }
        let stored = try results(try glare(["analyze"] + options, in: folder))
        let read = try results(try glare(["analyze", "--input", file] + options, in: folder))
        #expect(stored.count == 2)
        #expect(read == stored)
    }

    /// Every report format carries the provenance (CSV results only with --provenance).
    @Test func everyReportFormatCarriesTheProvenance() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let file = "Tests/Fixtures/counts/weekly_long_date_name_count_total.csv"
        #expect(try glare(["import", "counts", file, "--source", "mine"], in: folder).status == 0)
        let sha = try Self.sha256(of: Fixtures.root.appendingPathComponent(file).path)
        let common = ["--event", "2015-09-01", "--permutations", "99"]
        for (format, out, main) in [
            ("md", "r/report.md", "r/report.md"), ("tex", "t", "t/report.tex"), ("json", "r.json", "r.json"), ("html", "r.html", "r.html"),
        ] {
            let r = try glare(["report", "--format", format, "--out", folder.path(out)] + common, in: folder)
            #expect(r.status == 0, "\(format): \(r.stderr)")
            let text = try String(contentsOfFile: folder.path(main), encoding: .utf8)
            if format != "json" { #expect(text.contains("made by Glare \(GlareVersion.current): glare report --format \(format)"), "\(format)") }
            #expect(text.contains(sha), "\(format)")
        }
        #expect(try String(contentsOfFile: folder.path("t/table-results.tex"), encoding: .utf8).hasPrefix("% made by Glare "))
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder.path("r.json")))) as! [String: Any]
        #expect((json["provenance"] as? [String: Any])?["glare_version"] as? String == GlareVersion.current)
        #expect(((json["provenance"] as? [String: Any])?["command_line"] as? String)?.hasPrefix("glare report --format json --out ") == true)
        #expect(try glare(["report", "--format", "csv", "--out", folder.path("plain.csv")] + common, in: folder).status == 0)
        #expect(try String(contentsOfFile: folder.path("plain.csv"), encoding: .utf8).hasPrefix("person,"))
        #expect(try glare(["report", "--format", "csv", "--provenance", "--out", folder.path("stamped.csv")] + common, in: folder).status == 0)
        let stamped = try String(contentsOfFile: folder.path("stamped.csv"), encoding: .utf8)
        #expect(stamped.hasPrefix("# made by Glare ") && stamped.contains("# input: sha256 \(sha) "))
    }
}
