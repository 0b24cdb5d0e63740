import Foundation
import GlareTestSupport
import Testing

/// Every CSV export shape read untouched by Python's csv module and `pandas.read_csv(parse_dates=...)`
/// (Tests/Fixtures/pandas/read_exports.py): types, dates on their grid, missing values as NaN.
extension CommandLineTests {
    /// Whether python3 with pandas is on the PATH (scripts/bootstrap installs it; else `pip install pandas`).
    static let hasPandas: Bool = {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", "import pandas"]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return false }
        p.waitUntilExit()
        return p.terminationStatus == 0
    }()

    @Test(.enabled(if: hasPandas, "skipped: needs python3 with pandas (pip install pandas, or scripts/bootstrap)"))
    func pandasReadsEveryExport() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        for args in [
            ["import", "trends", "--allow-unknown-terms", "Snapshots/google-trends/hourly_time_2terms_US.csv"],
            ["import", "trends", "--allow-unknown-terms", "Snapshots/google-trends/weekly_1term_US.csv"],
            ["import", "trends", "--allow-unknown-terms", "Snapshots/google-trends/monthly_2terms_US_lt1_partial.csv"],
            ["import", "archive", "--covers", "2015-08-20..2015-09-10", "Tests/Fixtures/archives/lexisnexis_freethe20_1.txt"],
        ] {
            let r = try glare(args, in: folder)
            #expect(r.status == 0, "\(args): \(r.stderr)")
        }
        var shapes: [String] = []
        for (resolution, source) in [
            ("hour", "google-trends/hourly"), ("week", "google-trends/weekly"), ("month", "google-trends/monthly"), ("day", "archive:"),
        ] {
            for wide in [false, true] {
                let file = folder.path("\(wide ? "wide" : "long")-\(resolution).csv")
                let r = try glare(["export", "--source", source, "--out", file] + (wide ? ["--wide"] : []), in: folder)
                #expect(r.status == 0, "\(r.stderr)")
                shapes += ["\(wide ? "wide" : "long")-\(resolution)", file]
            }
        }
        let stamped = folder.path("long-day-provenance.csv")
        #expect(try glare(["export", "--source", "archive:", "--provenance", "--out", stamped], in: folder).status == 0)
        shapes += ["long-day", stamped]

        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", Fixtures.root.appendingPathComponent("Tests/Fixtures/pandas/read_exports.py").path] + shapes
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "\(text)")
        #expect(text.hasSuffix("ok\n"), "\(text)")
        #expect(text.contains("long hour: 336 rows"), "\(text)")
        #expect(text.contains("long-month.csv: long month:") && text.contains("'below-one'"), "\(text)")
        #expect(text.contains("long-day.csv: long day:") && !text.contains("long day: 0 rows"), "\(text)")
    }
}
