import Crypto
import Foundation
import GlareCore
import GlareKit
import GlareTestSupport
import Logging
import Testing

/// `glare bundle` then `glare verify`: identical on an untouched bundle; one changed count is named,
/// with the file it is in, the period, both values and the results it moves.
@Suite struct BundleTests {
    static let quiet = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

    static func bundle(in folder: TemporaryFolder, withSnapshots: Bool) throws -> String {
        let roster = try Roster.load(contentsOf: Fixtures.roster)
        let workspace = Workspace(databasePath: folder.path("g.sqlite"), environment: [:])
        _ = try ArchiveImporter(roster: roster, workspace: workspace, logger: quiet)
            .importFiles(["lexisnexis_freethe20_1.txt", "lexisnexis_freethe20_2.txt"].map { Fixtures.archive($0).path })
        let out = folder.path(withSnapshots ? "full" : "light")
        try EvidenceBundle(
            analysis: AnalysisRequest(sources: ["archive:lexisnexis"], permutations: 99), rosterFile: Fixtures.roster.path, output: out,
            withSnapshots: withSnapshots, glareVersion: "test", command: ["glare", "bundle", "--out", out]
        ).write(roster: roster, workspace: workspace)
        return out
    }

    /// Sets Savchenko's count on 2015-09-01 (2: two articles) in the bundle's series.json to 3.
    static func changeOneCount(_ bundle: String) throws {
        let url = URL(fileURLWithPath: bundle).appendingPathComponent("series.json")
        var series = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [[String: Any]])
        let i = try #require(series.firstIndex { $0["person"] as? String == "nadiya-savchenko" && $0["source"] as? String == "archive:lexisnexis" })
        var values = try #require(series[i]["values"] as? [Any])
        #expect(values.first as? Int == 2)
        values[0] = 3
        series[i]["values"] = values
        try JSONSerialization.data(withJSONObject: series, options: [.prettyPrinted, .sortedKeys]).write(to: url)
    }

    @Test func anUntouchedBundleVerifiesIdentical() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let out = try Self.bundle(in: folder, withSnapshots: true)
        let files = Set(try FileManager.default.subpathsOfDirectory(atPath: out))
        for name in ["README.md", "SHA256SUMS", "bundle.json", "roster.yaml", "series.json", "series.csv", "results.json", "store/glare.sqlite"] {
            #expect(files.contains(name), "\(name) missing")
        }
        #expect(files.contains { $0.hasPrefix("snapshots/") && $0.hasSuffix(".gz") })
        // SHA256SUMS is what sha256sum -c reads, and holds every file's real checksum.
        let sums = try String(contentsOfFile: out + "/SHA256SUMS", encoding: .utf8)
        for line in sums.split(separator: "\n") {
            let parts = line.components(separatedBy: "  ")
            let data = try Data(contentsOf: URL(fileURLWithPath: out).appendingPathComponent(parts[1]))
            #expect(SHA256.hash(data: data).hex == parts[0], "\(parts[1])")
        }
        #expect(!files.contains { $0.hasSuffix("-journal") })
        let outcome = try BundleVerifier(folder: out, glareVersion: "test", logger: Self.quiet).verify()
        #expect(outcome.identical, "\(outcome.text)")
        #expect(outcome.text.hasSuffix("identical\n"))
        #expect(Set(try FileManager.default.subpathsOfDirectory(atPath: out)) == files, "verifying changed the bundle's files")
        #expect(outcome.checked.contains { $0.hasPrefix("every series derived again") })
        let description = try String(contentsOfFile: out + "/bundle.json", encoding: .utf8)
        #expect(description.contains("\"provenance\" : {"))
        #expect(description.contains("\"permutations\" : 99"))
    }

    @Test func oneChangedCountIsNamed() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let out = try Self.bundle(in: folder, withSnapshots: true)
        try Self.changeOneCount(out)
        let outcome = try BundleVerifier(folder: out, glareVersion: "test", logger: Self.quiet).verify()
        #expect(!outcome.identical)
        let text = outcome.differences.joined(separator: "\n")
        #expect(text.contains("series.json: changed after the bundle was made"))
        #expect(text.contains("series nadiya-savchenko · archive:lexisnexis · news, 2015-09-01: series.json says 3, the evidence gives 2"), "\(text)")
        #expect(text.contains("results[") && text.contains("(nadiya-savchenko · archive:lexisnexis · news).windows.event.sum: bundle 2, again 3"), "\(text)")
        // Only that series' results move.
        #expect(!outcome.differences.contains { $0.contains("results[") && !$0.contains("nadiya-savchenko") && $0.hasPrefix("  ") })
    }

    @Test func anotherRosterIsNamed() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let out = try Self.bundle(in: folder, withSnapshots: false)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: out + "/roster.yaml"))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("# edited\n".utf8))
        try handle.close()
        let outcome = try BundleVerifier(folder: out, glareVersion: "test", logger: Self.quiet).verify()
        #expect(outcome.differences.contains { $0.hasPrefix("roster.yaml: changed after the bundle was made") })
        #expect(outcome.differences.contains { $0.hasPrefix("roster.yaml: not the roster the bundle was made with") })
    }

    /// Without the evidence store, an edit whose checksum was also rewritten still shows: the results no
    /// longer follow from the series.
    @Test func aRewrittenChecksumDoesNotHideTheChange() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let out = try Self.bundle(in: folder, withSnapshots: false)
        #expect(!FileManager.default.fileExists(atPath: out + "/store"))
        try Self.changeOneCount(out)
        let sumsURL = URL(fileURLWithPath: out).appendingPathComponent("SHA256SUMS")
        let sums = try String(contentsOf: sumsURL, encoding: .utf8).split(separator: "\n").map { line -> String in
            let parts = line.components(separatedBy: "  ")
            guard parts[1] == "series.json" else { return String(line) }
            return SHA256.hash(data: try! Data(contentsOf: URL(fileURLWithPath: out).appendingPathComponent("series.json"))).hex + "  series.json"
        }
        try (sums.joined(separator: "\n") + "\n").write(to: sumsURL, atomically: true, encoding: .utf8)
        let outcome = try BundleVerifier(folder: out, glareVersion: "test", logger: Self.quiet).verify()
        #expect(!outcome.identical)
        #expect(outcome.checked.contains { $0.hasPrefix("series taken as bundled") })
        #expect(outcome.differences.first?.hasPrefix("results.json: 3 value(s) differ") == true, "\(outcome.text)")
        #expect(outcome.differences.contains { $0.contains("(nadiya-savchenko · archive:lexisnexis · news).windows.event.sum: bundle 2, again 3") })
    }
}
