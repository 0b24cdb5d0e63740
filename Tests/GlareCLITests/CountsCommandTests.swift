import Foundation
import GlareCore
import GlareKit
import GlareTestSupport
import Testing

/// `glare analyze --input` on count tables, `glare import counts`, and the demo's verdict.
extension CommandLineTests {
    @Test func theDemosHurricaneSearchesRoseThenReturned() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        _ = try glare(["import", "trends", "--allow-unknown-terms", "Snapshots/google-trends/daily_3terms_US_2017_maria.csv"], in: folder)
        let r = try glare(
            [
                "analyze", "--source", "google-trends/daily/united-states/hurricane-maria", "--event", "2017-09-20",
                "--pre", "2017-07-01..2017-09-19", "--event-window", "2017-09-20..2017-09-30", "--post", "2017-10-01..2017-11-10",
                "--permutations", "99",
            ], in: folder)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("hurricane-maria · google-trends/daily/united-states/hurricane-maria: rose-then-returned"), "\(r.stdout)")
        #expect(r.stdout.contains("gap 3 day(s): baseline 2017-07-01..2017-09-16"))
        #expect(r.stdout.contains("✓ 0% of the spike's excess remains in post"))
    }

    @Test func aWeeklyLongTableGivesVerdictsInWeeks() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let json = try glare(
            [
                "analyze", "--input", "Tests/Fixtures/counts/weekly_long_date_name_count_total.csv", "--event", "2015-09-01",
                "--total-column", "total", "--permutations", "99", "--format", "json",
            ], in: folder)
        #expect(json.status == 0, "\(json.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        let results = object["results"] as! [[String: Any]]
        #expect(results.map { $0["person"] as? String } == ["gao-yu", "liu-xia"])
        #expect(results.allSatisfy { $0["resolution"] as? String == "week" && $0["per_total"] as? Bool == true })
        #expect(results[0]["verdict"] as? String == "rose-then-returned")
        #expect(results[1]["verdict"] as? String == "no-rise")
        #expect(((results[0]["periods"] as! [String: Any])["event"] as! [String: Any])["first"] as? String == "2015-08-31")
        #expect((object["notes"] as! [String]).contains { $0.contains("weeks labelled by their first day, a Monday") })
    }

    @Test func importCountsStoresASourceOfItsOwn() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let imported = try glare(["import", "counts", "Tests/Fixtures/counts/mediacloud_3day_quoted.csv", "--source", "mediacloud-export"], in: folder)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("as counts:mediacloud-export (1 series, 3-day,"), "\(imported.stdout)")
        let series = try glare(["export", "--source", "counts:mediacloud-export"], in: folder)
        #expect(series.stdout.split(whereSeparator: \.isNewline).count == 92, "\(series.stderr)")  // the header and 91 periods
        let analysed = try glare(
            [
                "analyze", "--source", "counts:mediacloud-export", "--event", "2015-09-30", "--per-total",
                "--permutations", "99",
            ], in: folder)
        #expect(analysed.status == 0, "\(analysed.stderr)")
        #expect(analysed.stdout.contains("3-day"))
        #expect(analysed.stdout.contains("rose-then-returned"))
        // Again under the same name: replaced, not doubled.
        let again = try glare(["import", "counts", "Tests/Fixtures/counts/mediacloud_3day_quoted.csv", "--source", "mediacloud-export"], in: folder)
        #expect(again.stdout.contains("replacing 1 series"))
        let bad = try glare(["import", "counts", "Tests/Fixtures/counts/mediacloud_3day_quoted.csv", "--source", "has space"], in: folder)
        #expect(bad.status == 64)
        let missing = try glare(["import", "counts", folder.path("nope.csv"), "--source", "x"], in: folder)
        #expect(missing.status != 0 && missing.stderr.contains("nope.csv"))
    }
}

extension CommandLineTests {
    @Test func aMonthlyTrendsSeriesGivesVerdictsInMonths() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        // From the store, after `import trends`; and straight from the export with --input.
        _ = try glare(["import", "trends", "--allow-unknown-terms", "Snapshots/google-trends/monthly_2terms_US_lt1_partial.csv"], in: folder)
        let stored = try glare(
            ["analyze", "--source", "google-trends/monthly", "--event", "2020-03-15", "--permutations", "99", "--format", "json"], in: folder)
        let direct = try glare(
            [
                "analyze", "--input", "Snapshots/google-trends/monthly_2terms_US_lt1_partial.csv", "--count-column",
                try firstTermColumn(), "--event", "2020-03-15", "--permutations", "99", "--format", "json",
            ], in: folder)
        for run in [stored, direct] {
            #expect(run.status == 0, "\(run.stderr)")
            let results = (try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as! [String: Any])["results"] as! [[String: Any]]
            #expect(!results.isEmpty)
            for r in results {
                #expect(r["resolution"] as? String == "month")
                #expect(((r["periods"] as! [String: Any])["event"] as! [String: Any])["first"] as? String == "2020-03-01")
                #expect(!(r["verdict_reasons"] as! [Any]).isEmpty)
            }
        }
    }

    func firstTermColumn() throws -> String {
        let text = try String(contentsOf: Fixtures.trends("monthly_2terms_US_lt1_partial.csv"), encoding: .utf8)
        let header = text.split(whereSeparator: \.isNewline).first { $0.hasPrefix("Month") }!
        return String(header.split(separator: ",")[1])
    }
}

extension CommandLineTests {
    /// 300 days of Gao Yu's counts from 2015-06-01 as `date,name,count`, with an optional one-day spike.
    func gaoYuTable(in folder: TemporaryFolder, spikeOnDay spike: Int? = nil) throws -> URL {
        try folder.write(
            "gao-yu.csv",
            "date,name,count\n"
                + (0..<300).map { d in
                    "\(Day(iso: "2015-06-01")!.adding(days: d).iso),gao-yu,\(d == spike ? 9 : d % 3)"
                }.joined(separator: "\n") + "\n")
    }

    @Test func featuredDatesThatAreNotConfirmedAreSaidLoudly() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let table = try gaoYuTable(in: folder, spikeOnDay: 100)
        let r = try glare(["analyze", "--input", table.path, "--featured-dates", "confirmed", "--event", "2015-09-01", "--permutations", "9"], in: folder)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(
            r.stderr.contains("glare: warning: --featured-dates: 1 featured person has no confirmed featured_on date in the roster (gao-yu)"), "\(r.stderr)")
        #expect(r.stdout.contains("warning: --featured-dates"))
    }
}

extension CommandLineTests {
    @Test func inferredFeaturedDatesAreMarkedAsAnInference() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let table = try gaoYuTable(in: folder)
        let r = try glare(
            [
                "analyze", "--input", table.path, "--featured-dates", "inferred", "--event", "2015-09-01",
                "--permutations", "9", "--format", "json",
            ], in: folder)
        #expect(r.status == 0, "\(r.stderr)")
        // Gao Yu was campaign day 7: the 7th working day from Tuesday 2015-09-01 is Wednesday 2015-09-09.
        #expect(r.stderr.contains("an inference, not confirmed"), "\(r.stderr)")
        #expect(r.stderr.contains("gao-yu day 7 → 2015-09-09"), "\(r.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        #expect((object["results"] as! [[String: Any]])[0]["event_date"] as? String == "2015-09-09")
        #expect(FeaturedDates.workingDay(1, from: Day(iso: "2015-09-01")!) == Day(iso: "2015-09-01")!)
        #expect(FeaturedDates.workingDay(5, from: Day(iso: "2015-09-01")!) == Day(iso: "2015-09-07")!)
    }
}

/// `--preset` in `glare import counts` and `glare analyze --input`.
extension CommandLineTests {
    @Test func televisionAirtimeIsImportedAndAnalysedAsAShareNotCounts() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let file = "Tests/Fixtures/counts/gdelt_tv_explorer_timeline_maria_2017.csv"
        let imported = try glare(["import", "counts", file, "--source", "tv-maria", "--preset", "gdelt-tv"], in: folder)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(
            imported.stdout.contains(
                "read gdelt_tv_explorer_timeline_maria_2017.csv as a GDELT Television Explorer CSV (--preset gdelt-tv): dates from 'Date', one series per column: 'Combined'"
            ), "\(imported.stdout)")
        #expect(imported.stdout.contains("the values are percent of airtime, not counts: they are measure 'share'"))
        #expect(
            imported.stdout.contains("as counts:tv-maria (1 series, daily, 135 periods, measure share: percent of airtime, not counts)"), "\(imported.stdout)")
        let exported = try glare(["export", "--source", "counts:tv-maria"], in: folder)
        #expect(exported.stdout.contains("2017-09-20,Combined,counts:tv-maria,share,day,value,0.5854,,"), "\(exported.stdout)")
        // From the store and straight from the file, the notes say what the values are.
        let window = [
            "--event", "2017-09-20", "--pre", "2017-07-01..2017-09-16", "--event-window", "2017-09-20..2017-09-30",
            "--post", "2017-10-01..2017-11-12", "--gap", "0", "--permutations", "99", "--format", "json",
        ]
        let stored = try glare(["analyze", "--source", "counts:tv-maria"] + window, in: folder)
        let direct = try glare(["analyze", "--input", file, "--preset", "gdelt-tv"] + window, in: folder)
        for (run, phrase) in [(stored, "measure 'share': the values are percent of coverage"), (direct, "the values are percent of airtime, not counts")] {
            #expect(run.status == 0, "\(run.stderr)")
            let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as! [String: Any]
            #expect((object["notes"] as! [String]).contains { $0.contains(phrase) }, "\(object["notes"]!)")
            let results = object["results"] as! [[String: Any]]
            #expect(results.map { $0["measure"] as? String } == ["share"])
            #expect(results.map { $0["person"] as? String } == ["Combined"])
            // Nothing on air before landfall: the exact zero-baseline tests would read percents as counts, and that is said.
            #expect(
                run.stderr.contains(
                    "glare: warning: Combined · \(run.stdout.contains("counts:tv-maria") ? "counts:tv-maria" : "input"): no share in the pre window, so the verdict"
                ), "\(run.stderr)")
        }
        // A share is never a count: naming another measure for it is refused.
        let wrong = try glare(["import", "counts", file, "--source", "tv", "--preset", "gdelt-tv", "--measure", "news"], in: folder)
        #expect(wrong.status == 65)
        #expect(wrong.stderr.contains("\(file): the values are percent of airtime, not counts: they are measure 'share', not 'news'"), "\(wrong.stderr)")
    }

    @Test func presetsReadCountsAgainstTheirTotals() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let doc = try glare(
            [
                "analyze", "--input", "Tests/Fixtures/counts/gdelt_doc_timelinevolraw_day_2017_OpenAI.csv", "--preset", "gdelt-doc",
                "--event", "2017-01-16", "--pre", "2017-01-01..2017-01-12", "--event-window", "2017-01-16..2017-01-17",
                "--post", "2017-01-18..2017-02-01", "--gap", "0", "--permutations", "99", "--format", "json",
            ], in: folder)
        #expect(doc.status == 0, "\(doc.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(doc.stdout.utf8)) as! [String: Any]
        let notes = object["notes"] as! [String]
        #expect(notes.contains { $0.contains("counts from 'Article Count', totals from 'Total Monitored Articles'") }, "\(notes)")
        #expect(notes.contains("counts are read against 'Total Monitored Articles', the denominator of a GDELT DOC API timeline CSV"), "\(notes)")
        let results = object["results"] as! [[String: Any]]
        #expect(results.map { $0["measure"] as? String } == ["news"])
        #expect(results.map { $0["per_total"] as? Bool } == [true])
        #expect(results.map { $0["resolution"] as? String } == ["day"])
        // Media Cloud's total_count, likewise; its legacy layout has none.
        let mc = try glare(["import", "counts", "Tests/Fixtures/counts/mediacloud_3day_quoted.csv", "--source", "mc", "--preset", "mediacloud"], in: folder)
        #expect(mc.status == 0 && mc.stdout.contains("counts from 'count', totals from 'total_count'"), "\(mc.stdout)\(mc.stderr)")
        let legacy = try glare(
            ["import", "counts", "Tests/Fixtures/counts/mediacloud_legacy_storycount_day_2020.csv", "--source", "mc-legacy", "--preset", "mediacloud"],
            in: folder)
        #expect(legacy.stdout.contains("as counts:mc-legacy (1 series, daily, 134 periods)"), "\(legacy.stdout)\(legacy.stderr)")
    }

    @Test func aWrongPresetNamesTheFileAndWhatWasExpected() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let r = try glare(["import", "counts", "Tests/Fixtures/counts/mediacloud_3day_quoted.csv", "--source", "x", "--preset", "gdelt-tv"], in: folder)
        #expect(r.status == 65)
        #expect(
            r.stderr.contains(
                "Tests/Fixtures/counts/mediacloud_3day_quoted.csv:1: not a GDELT Television Explorer CSV (--preset gdelt-tv): expected a 'Date' column of periods written YYYYMMDDYYYYMMDD"
            ), "\(r.stderr)")
        let series = try glare(["series"], in: folder)
        #expect(!series.stdout.contains("counts:x"))
        let analyze = try glare(
            ["analyze", "--input", "Tests/Fixtures/counts/gdelt_tv_explorer_timeline_maria_2017.csv", "--preset", "gdelt-doc", "--event", "2017-09-20"],
            in: folder)
        #expect(analyze.status == 65)
        #expect(
            analyze.stderr.contains("gdelt_tv_explorer_timeline_maria_2017.csv:1: not a GDELT DOC API timeline CSV (--preset gdelt-doc)"), "\(analyze.stderr)")
        let unknown = try glare(["import", "counts", "Tests/Fixtures/counts/mediacloud_3day_quoted.csv", "--source", "x", "--preset", "nexis"], in: folder)
        #expect(unknown.status == 64)
    }
}
