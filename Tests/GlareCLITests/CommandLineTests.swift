import Foundation
import GlareCore
import GlareTestSupport
import Testing

/// End-to-end runs of the built `glare` executable, checking output and sysexits statuses.
@Suite struct CommandLineTests {
    struct Run {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// The `glare` binary built beside this test bundle.
    static let binary: URL = {
        if let path = ProcessInfo.processInfo.environment["GLARE_BINARY"] { return URL(fileURLWithPath: path) }
        let here = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var folder = here.deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("glare")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder.deleteLastPathComponent()
        }
        return Fixtures.root.appendingPathComponent(".build/debug/glare")
    }()

    func glare(_ arguments: [String], in folder: TemporaryFolder) throws -> Run {
        var environment = ProcessInfo.processInfo.environment
        environment["GLARE_DB"] = folder.path("g.sqlite")
        environment.removeValue(forKey: "GLARE_ROSTER")
        return try Self.run(arguments, at: Fixtures.root, environment: environment)
    }

    /// Runs the binary in `directory` with exactly `environment`, collecting its status and output.
    static func run(_ arguments: [String], at directory: URL, environment: [String: String]) throws -> Run {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    @Test func helpReadsWell() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let top = try glare(["--help"], in: folder)
        #expect(top.status == 0)
        for command in ["import", "export", "series", "roster"] { #expect(top.stdout.contains("  \(command) ")) }
        #expect(top.stdout.contains("64 usage, 65 bad input data"))
        let imp = try glare(["import", "trends", "--help"], in: folder)
        #expect(imp.stdout.contains("--allow-unknown-terms"))
        #expect(imp.stdout.contains("stitched onto one scale"))
        let exp = try glare(["export", "--help"], in: folder)
        #expect(exp.stdout.contains("date,person,source,measure,resolution,state,value,total"))
    }

    @Test func importThenExport() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let imported = try glare(["import", "trends", "--allow-unknown-terms", "Snapshots/google-trends/monthly_2terms_US_lt1_partial.csv"], in: folder)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(
            imported.stdout.hasPrefix(
                "imported: Snapshots/google-trends/monthly_2terms_US_lt1_partial.csv (monthly, 111 rows; black lives matter -> black-lives-matter, blm -> blm)")
        )
        let again = try glare(["import", "trends", "--allow-unknown-terms", "Snapshots/google-trends/monthly_2terms_US_lt1_partial.csv"], in: folder)
        #expect(again.stdout.hasPrefix("already imported: "))

        let out = folder.path("out.csv")
        let exported = try glare(["export", "--person", "black-lives-matter", "--to", "2013-03-31", "--out", out], in: folder)
        #expect(exported.status == 0)
        #expect(
            try String(contentsOfFile: out, encoding: .utf8) == """
                date,person,source,measure,resolution,state,value,total,coverage,se\r
                2013-01-01,black-lives-matter,google-trends/monthly/united-states/black-lives-matter,search,month,value,0,,,\r
                2013-02-01,black-lives-matter,google-trends/monthly/united-states/black-lives-matter,search,month,below-one,0.5,,,\r
                2013-03-01,black-lives-matter,google-trends/monthly/united-states/black-lives-matter,search,month,below-one,0.5,,,\r

                """)
        let listed = try glare(["series"], in: folder)
        #expect(listed.stdout.contains("blm  google-trends/monthly/united-states/blm  monthly 2013-01-01..2022-03-01  111/111 periods observed"))
    }

    @Test func exitStatusesFollowSysexits() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let usage = try glare(["export", "--from", "2015-13-01"], in: folder)
        #expect(usage.status == 64)
        let unknown = try glare(["import", "trends", "Snapshots/google-trends/weekly_1term_US.csv"], in: folder)
        #expect(unknown.status == 65)
        #expect(
            unknown.stderr
                == "glare: error: Snapshots/google-trends/weekly_1term_US.csv: term 'mental health' is not on the roster (Feeds/roster.yaml); add it as an alias there, use --person ID for a single-term file, or --allow-unknown-terms to keep it as a series of its own\n"
        )
        let bad = try folder.write("bad.csv", "name,age\nAlice,30\n")
        let badData = try glare(["import", "trends", bad.path], in: folder)
        #expect(badData.status == 65)
        #expect(badData.stderr == "glare: error: \(bad.path): not a Google Trends export: no header row followed by dated rows in the first 30 lines\n")
        let missing = try glare(["import", "trends", folder.path("nope.csv")], in: folder)
        #expect(missing.status == 66)
        #expect(missing.stderr == "glare: error: no input file at \(folder.path("nope.csv")): check the path (relative paths start from the current folder)\n")
        let badRoster = try folder.write("r.yaml", "people:\n  - id: a\n    name: A\n")
        let roster = try glare(["roster", "--roster", badRoster.path], in: folder)
        #expect(roster.status == 65)
        #expect(
            roster.stderr
                == "glare: error: \(badRoster.path):2: person 'a': no aliases: give at least one, or set 'match: false' for an entry that is never matched in text\n"
        )
    }

    @Test func analyzeASeriesFile() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let json = try glare(["analyze", "--input", "scripts/reference/series/level_shift.csv", "--format", "json", "--permutations", "99"], in: folder)
        #expect(json.status == 0, "\(json.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        let result = (object["results"] as! [[String: Any]])[0]
        #expect(result["person"] as? String == "level_shift")
        #expect(result["verdict"] as? String == "rose-and-persisted")
        #expect((object["design"] as! [String: Any])["event_date"] as? String == "2015-09-01")  // the roster's event

        let text = try glare(["analyze", "--input", "scripts/reference/series/flat.csv", "--event", "2015-09-01", "--permutations", "99"], in: folder)
        #expect(text.stdout.contains("flat "))
        #expect(text.stdout.contains("no-rise"))

        let overlap = try glare(["analyze", "--input", "scripts/reference/series/flat.csv", "--pre", "2015-06-01..2015-09-05"], in: folder)
        #expect(overlap.status == 64)
        #expect(overlap.stderr == "glare: error: the windows do not fit together: the pre window must end before the event window starts\n")

        let bad = try folder.write("bad.csv", "date,count\n2015-09-01,3\n2015-09-02,lots\n")
        let badData = try glare(["analyze", "--input", bad.path], in: folder)
        #expect(badData.status == 65)
        #expect(
            badData.stderr
                == "glare: error: \(bad.path):3: 'lots' in column 'count' is not a count (a number of at least 0, or empty or NA for a missing period)\n")
    }

    @Test func analyzeStoredSeriesThroughTheLongExport() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        _ = try glare(["import", "trends", "--allow-unknown-terms", "Snapshots/google-trends/daily_3terms_US_2017_maria.csv"], in: folder)
        let out = folder.path("long.csv")
        _ = try glare(["export", "--out", out], in: folder)
        let arguments = [
            "--event", "2017-09-06", "--pre", "2017-07-01..2017-09-05", "--event-window", "2017-09-06..2017-09-15",
            "--post", "2017-09-16..2017-11-10", "--permutations", "99", "--format", "json",
        ]
        let fromStore = try glare(["analyze", "--source", "google-trends/daily"] + arguments, in: folder)
        let fromFile = try glare(["analyze", "--input", out] + arguments, in: folder)
        #expect(fromStore.status == 0 && fromFile.status == 0, "\(fromStore.stderr) \(fromFile.stderr)")
        // The same results and design; the file's analysis adds notes on how it was read.
        func parts(_ json: String) throws -> [String] {
            let o = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
            return try ["results", "design", "pooled"].map {
                String(decoding: try JSONSerialization.data(withJSONObject: o[$0]!, options: .sortedKeys), as: UTF8.self)
            }
        }
        #expect(try parts(fromStore.stdout) == parts(fromFile.stdout))
        #expect(fromStore.stdout.contains("hurricane-irma"))
    }

    @Test func matchReadsJSONLinesAndReportsBadLines() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var data = Data()
        data.append(Data(#"{"id":"a","title":"Nobel widow freed","text":"Liu Xia, wife of Liu Xiaobo, arrived in Berlin."}"#.utf8))
        data.append(Data("\n".utf8))
        data.append(Data(#"{"id":"b","text":"Wang Yu won the high jump."}"#.utf8))
        data.append(Data("\n".utf8))
        data.append(Data([0x7B, 0x22, 0x69, 0x64, 0x22, 0x3A, 0xFF, 0x7D, 0x0A]))  // invalid UTF-8
        data.append(Data(#"{"text":"no id"}"#.utf8))
        data.append(Data("\n".utf8))
        data.append(Data(#"{"id":"e","text":""}"#.utf8))
        data.append(Data("\n".utf8))
        let input = folder.url.appendingPathComponent("docs.jsonl")
        try data.write(to: input)
        let run = try glare(["match", input.path], in: folder)
        #expect(run.status == 65)
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix(#"{"id":"a","people":[{"evidence":[{"alias":"Liu Xia","context":"#))
        #expect(lines[0].contains(#""field":"text""#) && lines[0].contains(#""rule":"context""#))
        #expect(lines[1] == #"{"id":"b","people":[]}"#)
        #expect(lines[2] == #"{"id":"e","people":[]}"#)
        #expect(
            run.stderr == """
                glare: error: \(input.path):3: not UTF-8 text; the line was skipped
                glare: error: \(input.path):4: not a document: expected a JSON object with "id" and "text" (no "id"); the line was skipped

                """)
    }

    @Test func importArchivesThenExplain() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let run = try glare(
            [
                "import", "archive", "Tests/Fixtures/archives/lexisnexis_freethe20_1.txt",
                "Tests/Fixtures/archives/lexisnexis_truncated.txt", "Tests/Fixtures/archives/nexis_uni_sample.DOCX",
            ], in: folder)
        #expect(run.status == 0)
        #expect(
            run.stdout == """
                imported: Tests/Fixtures/archives/lexisnexis_freethe20_1.txt (lexisnexis-text, 4 documents, 4 new, 0 already stored, 1 without text, covering 2015-09-01..2015-09-02)
                imported: Tests/Fixtures/archives/lexisnexis_truncated.txt (lexisnexis-text, 1 documents, 0 new, 1 already stored, 1 skipped: document 2, covering 2015-09-01..2015-09-01)
                imported: Tests/Fixtures/archives/nexis_uni_sample.DOCX (nexis-uni-docx, 10 documents, 10 new, 0 already stored, covering 2019-07-01..2019-07-04)

                """)
        #expect(
            run.stderr == """
                glare: warning: Tests/Fixtures/archives/lexisnexis_freethe20_1.txt: no --covers range given; taken as 2015-09-01..2015-09-02, its first to last document: days the search covered outside it are missing, not zero
                glare: warning: Tests/Fixtures/archives/lexisnexis_truncated.txt:39: skipped document 2 of 2 stops before its LOAD-DATE and LANGUAGE lines: the file is truncated (--strict refuses the file instead)
                glare: warning: Tests/Fixtures/archives/lexisnexis_truncated.txt: no --covers range given; taken as 2015-09-01..2015-09-01, its first to last document: days the search covered outside it are missing, not zero
                glare: warning: Tests/Fixtures/archives/nexis_uni_sample.DOCX: no --covers range given; taken as 2019-07-01..2019-07-04, its first to last document: days the search covered outside it are missing, not zero

                """)
        // --strict refuses the file as a damaged one: nothing stored from it, exit status 65.
        let strict = try glare(
            ["import", "archive", "--strict", "Tests/Fixtures/archives/lexisnexis_truncated.txt", "Tests/Fixtures/archives/lexisnexis_blocked_entry.html"],
            in: folder)
        #expect(strict.status == 65)
        #expect(strict.stdout.isEmpty, "\(strict.stdout)")
        #expect(
            strict.stderr == """
                glare: error: Tests/Fixtures/archives/lexisnexis_truncated.txt:39: document 2 of 2 stops before its LOAD-DATE and LANGUAGE lines: the file is truncated
                glare: error: Tests/Fixtures/archives/lexisnexis_blocked_entry.html:49: document 2 of 3: 'The Blocked Gazette' stands where the publication date belongs and there is no body: an entry the archive withheld (e.g. for copyright)

                """)
        // With the range the search covered, the days around the hits are zero, not missing.
        let covered = try glare(["import", "archive", "--covers", "2015-08-25..2015-09-05", "Tests/Fixtures/archives/lexisnexis_freethe20_2.txt"], in: folder)
        #expect(covered.status == 0 && covered.stderr.isEmpty, "\(covered.stderr)")
        #expect(covered.stdout.contains("covering 2015-08-25..2015-09-05"))
        let explain = try glare(["explain", "nadiya-savchenko", "2015-09-01"], in: folder)
        #expect(explain.status == 0)
        #expect(explain.stdout.hasPrefix("2 document(s) mention nadiya-savchenko on 2015-09-01:"))
        #expect(explain.stdout.contains("\"Nadja Savchenko\" via alias 'Nadja Savchenko', alias"))
        let csv = try glare(["export", "--source", "archive:", "--person", "nadiya-savchenko"], in: folder)
        #expect(csv.stdout.contains("2015-09-01,nadiya-savchenko,archive:lexisnexis,news,day,value,2,2,24/24 hours,\r\n"))
        #expect(csv.stdout.contains("2015-08-25,nadiya-savchenko,archive:lexisnexis,news,day,value,0,0,24/24 hours,\r\n"))
        #expect(csv.stdout.contains("2019-06-30,nadiya-savchenko,archive:lexisnexis,news,day,missing,,,0/24 hours,\r\n"))
    }

    @Test func rebuildAfterARosterEditAndTheWarningBeforeIt() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let imported = try glare(["import", "archive", "--covers", "2015-09-01..2015-09-03", "Tests/Fixtures/archives/lexisnexis_freethe20_1.txt"], in: folder)
        #expect(imported.status == 0, "\(imported.stderr)")
        // A roster in which the laureate is a person: the stored documents name him.
        let roster = try folder.write(
            "roster.yaml",
            """
            roster: edited
            people:
              - {id: liu-xiaobo, name: "Liu Xiaobo", aliases: ["Liu Xiaobo"]}
            """)
        let listed = try glare(["series", "--roster", roster.path], in: folder)
        #expect(listed.status == 0)
        #expect(listed.stderr.contains("glare: warning: ") && listed.stderr.contains("run 'glare rebuild'"), "\(listed.stderr)")
        let rebuilt = try glare(["rebuild", "--roster", roster.path], in: folder)
        #expect(rebuilt.status == 0, "\(rebuilt.stderr)")
        #expect(rebuilt.stdout.contains("archive: 4 item(s) matched again; 2 series added, 48 removed, 0 changed, 0 unchanged\n"), "\(rebuilt.stdout)")
        let csv = try glare(["export", "--roster", roster.path, "--source", "archive:lexisnexis", "--person", "liu-xiaobo"], in: folder)
        #expect(csv.stderr.isEmpty, "\(csv.stderr)")
        #expect(csv.stdout.contains("2015-09-01,liu-xiaobo,archive:lexisnexis,news,day,value,1,2,24/24 hours,\r\n"))
        #expect(csv.stdout.contains("2015-09-03,liu-xiaobo,archive:lexisnexis,news,day,value,0,0,24/24 hours,\r\n"))
        let again = try glare(["rebuild", "--roster", roster.path], in: folder)
        #expect(again.stdout.split(separator: "\n").allSatisfy { $0.contains(" 0 series added, 0 removed, 0 changed") }, "\(again.stdout)")
    }

    @Test func repeatedTrendsSamplesShowTheirStandardErrorAsABand() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        // Three downloads of one request; the second and third move a few values by a point or two.
        let start = Day(iso: "2015-08-01")!
        var files: [String] = []
        for k in 0..<3 {
            let rows = (0..<90).map { i -> String in
                let truth = 10 + (34..<40 ~= i ? 60 : 0) + i % 5
                return "\(start.adding(days: i).iso),\(truth + (i % 7 == k ? 2 : 0))"
            }
            files.append(try folder.write("s\(k).csv", "Category: All categories\n\nDay,Liu Xia: (Worldwide)\n" + rows.joined(separator: "\n") + "\n").path)
        }
        let imported = try glare(["import", "trends"] + files, in: folder)
        #expect(imported.status == 0, "\(imported.stderr)")
        let csv = try glare(["export", "--person", "liu-xia"], in: folder)
        #expect(csv.stdout.contains("2015-08-01,liu-xia,google-trends/daily/worldwide/liu-xia,search,"))
        let withSE = csv.stdout.split(separator: "\r\n").dropFirst().filter { !$0.hasSuffix(",") }
        #expect(withSE.count == 90, "every day has the three samples' standard error")
        let report = try glare(
            [
                "report", "--person", "liu-xia", "--event", "2015-09-04", "--pre", "2015-08-01..2015-08-31",
                "--event-window", "2015-09-04..2015-09-09", "--post", "2015-09-10..2015-10-29", "--out", folder.path("r.html"),
            ], in: folder)
        #expect(report.status == 0, "\(report.stderr)")
        // The band: sky blue (#56B4E9) at half opacity, as cairo writes it into the inline SVG.
        #expect(try String(contentsOfFile: folder.path("r.html"), encoding: .utf8).contains("fill:rgb(33.72549%,70.588235%,91.372549%);fill-opacity:0.5"))
    }

    @Test func aFileSizeLimitIsAnIOErrorNotASignal() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        // 8 blocks of 512 bytes: too small for the database, the snapshot or both.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [
            "-c", "ulimit -f 8; exec \"$0\" import trends --allow-unknown-terms --db \"$1\" Snapshots/google-trends/daily_3terms_US_2017_maria.csv",
            Self.binary.path, folder.path("g.sqlite"),
        ]
        process.currentDirectoryURL = Fixtures.root
        let err = Pipe()
        process.standardError = err
        process.standardOutput = Pipe()
        try process.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit, "killed by a signal: \(process.terminationStatus)")
        #expect(process.terminationStatus == 74, "\(message)")
        #expect(message.hasPrefix("glare: error: "))
    }

    /// The evidence commands end to end on the bundled Maria exports: figures, the explorer, a LaTeX
    /// report, and a bundle that verifies identical and then names a changed count.
    @Test func figuresExplorerBundleAndVerifyFromTheCommandLine() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let imported = try glare(
            ["import", "trends", "--allow-unknown-terms", Fixtures.trends("daily_3terms_US_2017_maria.csv").path], in: folder)
        #expect(imported.status == 0, "\(imported.stderr)")
        let design = [
            "--source", "google-trends/daily/united-states", "--event", "2017-09-20", "--pre", "2017-07-01..2017-09-19",
            "--event-window", "2017-09-20..2017-09-30", "--post", "2017-10-01..2017-11-10", "--controls", "hurricane-harvey", "--permutations", "99",
        ]
        let figures = try glare(["figures"] + design + ["--out", folder.path("figures")], in: folder)
        #expect(figures.status == 0, "\(figures.stderr)")
        let written = Set(try FileManager.default.contentsOfDirectory(atPath: folder.path("figures")))
        for name in ["roster", "rate-ratios", "coverage"] {
            for ext in ["svg", "pdf", "png"] { #expect(written.contains("\(name).\(ext)")) }
        }
        let explore = try glare(["explore"] + design + ["--out", folder.path("explore.html")], in: folder)
        #expect(explore.status == 0, "\(explore.stderr)")
        let tex = try glare(["report"] + design + ["--format", "tex", "--label", "bad label"], in: folder)
        #expect(tex.status == 64, "a label with a space is refused")
        let bundle = try glare(["bundle"] + design + ["--with-snapshots", "--out", folder.path("bundle")], in: folder)
        #expect(bundle.status == 0, "\(bundle.stderr)")
        let again = try glare(["bundle"] + design + ["--out", folder.path("bundle")], in: folder)
        #expect(again.status == 74 && again.stderr.contains("not empty"), "a bundle never overwrites another")
        let verified = try glare(["verify", folder.path("bundle")], in: folder)
        #expect(verified.status == 0 && verified.stdout.hasSuffix("identical\n"), "\(verified.stdout)\(verified.stderr)")
        // One count changed: verify names it and exits 65.
        let url = URL(fileURLWithPath: folder.path("bundle/series.json"))
        let text = try String(contentsOf: url, encoding: .utf8)
        let edited = text.replacingOccurrences(of: "\"values\" : [\n      0,", with: "\"values\" : [\n      7,")
        #expect(edited != text)
        try edited.write(to: url, atomically: true, encoding: .utf8)
        let differs = try glare(["verify", folder.path("bundle")], in: folder)
        #expect(differs.status == 65)
        #expect(differs.stdout.contains("series.json says 7, the evidence gives 0"), "\(differs.stdout)")
    }
}
