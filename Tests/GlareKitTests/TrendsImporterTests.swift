import Foundation
import GlareCore
import GlareKit
import GlareStore
import GlareTestSupport
import Logging
import Testing

@Suite struct TrendsImporterTests {
    let roster: Roster

    init() throws { roster = try Roster.load(contentsOf: Fixtures.roster) }

    func importer(_ folder: TemporaryFolder) -> TrendsImporter {
        TrendsImporter(
            roster: roster, rosterName: "roster.yaml",
            workspace: Workspace(databasePath: folder.path("g.sqlite"), environment: [:]),
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
    }

    /// Every row of every table, to compare whole stores.
    func dump(_ folder: TemporaryFolder) throws -> String {
        let db = try GlareDatabase(path: folder.path("g.sqlite"))
        let snapshots = try db.read { try $0.snapshots() }.map { "\($0.snapshot.sha256) \($0.originalName) \($0.importedAt)" }
        let csv = try SeriesQuery(format: .json).render(from: db)
        return snapshots.joined(separator: "\n") + csv
    }

    @Test func importingTwiceChangesNothing() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = Fixtures.trends("daily_3terms_US_2017_maria.csv").path
        let first = try importer(folder).importFiles([path], options: .init(allowUnknownTerms: true))
        #expect(first.files.map(\.status) == [.imported])
        #expect(first.series.map(\.series.key.person) == ["hurricane-harvey", "hurricane-irma", "hurricane-maria"])
        let before = try dump(folder)
        let second = try importer(folder).importFiles([path, path], options: .init(allowUnknownTerms: true))
        #expect(second.files.map(\.status) == [.alreadyImported, .alreadyImported])
        #expect(try dump(folder) == before)
    }

    @Test func aFailingBatchStoresNothing() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let good = Fixtures.trends("weekly_1term_US.csv").path
        _ = try importer(folder).importFiles([good], options: .init(allowUnknownTerms: true))
        let before = try dump(folder)
        let bad = try folder.write("cut.csv", "Day,Gao Yu: (Worldwide)\n2015-09-01,3\n2015-09-02")
        let other = Fixtures.trends("monthly_2terms_US_lt1_partial.csv").path
        #expect(throws: Error.self) { try importer(folder).importFiles([other, bad.path], options: .init(allowUnknownTerms: true)) }
        #expect(try dump(folder) == before)
    }

    @Test func unknownTermsAreNamed() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = Fixtures.trends("weekly_1term_US.csv").path
        #expect(throws: ImportError.unknownTerm(file: path, term: "mental health", roster: "roster.yaml")) {
            try importer(folder).importFiles([path])
        }
        #expect(
            ImportError.unknownTerm(file: "f.csv", term: "mental health", roster: "roster.yaml").description
                == "f.csv: term 'mental health' is not on the roster (roster.yaml); add it as an alias there, use --person ID for a single-term file, or --allow-unknown-terms to keep it as a series of its own"
        )
        // Nothing was created but the empty database.
        #expect(try GlareDatabase(path: folder.path("g.sqlite")).read { try $0.snapshots() }.isEmpty)
    }

    @Test func personOverrideAndAliases() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let edited = Fixtures.trends("weekly_user_edited_header.csv").path
        let r = try importer(folder).importFiles([edited], options: .init(person: "liu-xia"))
        #expect(r.series.map(\.series.key) == [SeriesKey(person: "liu-xia", source: "google-trends/weekly/unspecified/freq", measure: .search)])
        let multi = Fixtures.trends("hourly_time_2terms_US.csv").path
        #expect(throws: ImportError.personForMultiTermFile(file: multi, terms: 2)) {
            try importer(folder).importFiles([multi], options: .init(person: "liu-xia"))
        }
        #expect(throws: ImportError.unknownPerson("nobody", roster: "roster.yaml")) {
            try importer(folder).importFiles([edited], options: .init(person: "nobody"))
        }
        let native = try folder.write("native.csv", "Day,刘霞: (Worldwide),Bùi Thị Minh Hằng: (Worldwide)\n2015-09-01,100,3\n2015-09-02,40,<1\n")
        let n = try importer(folder).importFiles([native.path])
        #expect(n.files[0].people == ["liu-xia", "bui-thi-minh-hang"])
    }

    @Test func apiResponsesNeedTheirTerms() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let api = Fixtures.trends("api_multiline_daily_2terms_2021_pytrends_cassette.txt").path
        #expect(throws: ImportError.apiTermsNeeded(file: api, values: 2, given: 1)) {
            try importer(folder).importFiles([api], options: .init(terms: ["Liu Xia"]))
        }
        let r = try importer(folder).importFiles([api], options: .init(terms: ["Liu Xia", "Gao Yu"], geo: "Worldwide"))
        #expect(r.series.map(\.series.key.source) == ["google-trends/daily/worldwide/gao-yu", "google-trends/daily/worldwide/liu-xia"])
    }

    @Test func windowsImportedInAnyOrderAreStitched() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let truth = SyntheticTrends(start: Day(iso: "2015-06-01")!, days: 500, terms: 2, spikeDay: 92)
        let names = ["Liu Xia", "Gao Yu"]
        let a = try folder.write("multiTimeline.csv", truth.csv(from: 0, to: 270, names: names))
        let b = try folder.write("multiTimeline (1).csv", truth.csv(from: 230, to: 500, names: names))
        // Importing the late window alone, then the early one, gives the same series as both at once.
        _ = try importer(folder).importFiles([b.path])
        let r = try importer(folder).importFiles([a.path])
        let liu = try #require(r.series.first { $0.series.key.person == "liu-xia" })
        #expect(liu.series.periods.count == 500)
        #expect(liu.series.observedCount == 500)
        #expect(liu.inputs.count == 2)
        #expect(liu.inputs.contains { $0.ontoSHA256 != nil && $0.overlapPoints == 80 })
        let expected = truth.truth(term: 0, from: 0, to: 500)
        // A period without a number counts as an infinite error (NaN would be skipped by `max`).
        let worst = zip(liu.series.observations, expected).map { abs(($0.numeric() ?? .infinity) - $1) }.max() ?? .infinity
        // The README's bound for stitched windows (measured here: 0.4998, Trends' own rounding).
        #expect(worst < 0.5, "worst absolute error \(worst) index points")

        let other = try TemporaryFolder()
        defer { other.remove() }
        let both = try importer(other).importFiles([a.path, b.path])
        #expect(both.series.first { $0.series.key.person == "liu-xia" }?.series == liu.series)
    }

    @Test func disjointWindowsAreRefusedAndNothingIsStored() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let truth = SyntheticTrends(start: Day(iso: "2015-06-01")!, days: 400, spikeDay: 50)
        let a = try folder.write("a.csv", truth.csv(from: 0, to: 200, names: ["Gao Yu"]))
        let b = try folder.write("b.csv", truth.csv(from: 198, to: 400, names: ["Gao Yu"]))
        do {
            _ = try importer(folder).importFiles([a.path, b.path])
            Issue.record("stitched exports that overlap by 2 days")
        } catch let e as StitchError {
            #expect("\(e)".hasPrefix("cannot put 'Gao Yu' (Worldwide) on one daily scale: 'a.csv ["))
            #expect("\(e)".contains("overlap in 2 period(s)"))
        }
        #expect(try GlareDatabase(path: folder.path("g.sqlite")).read { try $0.snapshots() }.isEmpty)
    }
}
