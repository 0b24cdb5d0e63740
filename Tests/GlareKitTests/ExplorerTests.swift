import Foundation
import GlareCore
import GlareKit
import GlareReport
import GlareTestSupport
import Logging
import Testing

/// `glare explore`: the page works offline in headless Chromium. A harness script appended to a copy of
/// the page ticks people off, switches the resolution and the view, clicks the highest point, and writes
/// what the page then shows into the DOM, which `--dump-dom` returns.
@Suite struct ExplorerTests {
    /// A store with two LexisNexis downloads (2015-09-01 to 03): Savchenko named twice on the 1st.
    static func page(in folder: TemporaryFolder) throws -> String {
        let roster = try Roster.load(contentsOf: Fixtures.roster)
        let workspace = Workspace(databasePath: folder.path("g.sqlite"), environment: [:])
        _ = try ArchiveImporter(roster: roster, workspace: workspace, logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
            .importFiles(["lexisnexis_freethe20_1.txt", "lexisnexis_freethe20_2.txt"].map { Fixtures.archive($0).path })
        let request = ExplorerRequest(analysis: AnalysisRequest(sources: ["archive:lexisnexis"]))
        return try ExplorerPage.render(try request.model(roster: roster, workspace: workspace))
    }

    @Test func pageIsSelfContainedAndCarriesTheDocuments() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let html = try Self.page(in: folder)
        #expect(!html.contains("src=") && !html.contains("<link"), "nothing is loaded from elsewhere")
        #expect(html.contains("default-src 'none'"))
        #expect(html.contains("2 document(s) mention nadiya-savchenko on 2015-09-01"))
        // No text in the data can close the script element.
        let json = try #require(html.firstMatch(of: /<script type="application\/json" id="glare-data">([^<]*)<\/script>/)).output.1
        #expect(!json.isEmpty)
    }

    static let harness = #"""
        <script>
        (function () {
          var r = {};
          var boxes = document.querySelectorAll('#people input[data-person]');
          r.people = boxes.length;
          r.chartsBefore = document.querySelectorAll('#charts .chart').length;
          boxes.forEach(function (b) { if (b.getAttribute('data-person') !== 'nadiya-savchenko' && b.checked) b.click(); });
          var sources = document.querySelectorAll('#sources input[data-source]');
          sources.forEach(function (b) { if (b.getAttribute('data-source') !== 'archive:lexisnexis') b.click(); });
          r.charts = document.querySelectorAll('#charts .chart').length;
          r.title = document.querySelector('#charts .chart h3').textContent;
          r.dayPoints = document.querySelectorAll('#charts circle.point').length;
          var sel = document.getElementById('resolution');
          sel.value = 'week'; sel.dispatchEvent(new Event('change'));
          r.weekPoints = document.querySelectorAll('#charts circle.point').length;
          r.weekUnit = document.querySelector('#charts .unit').textContent;
          sel.value = 'day'; sel.dispatchEvent(new Event('change'));
          document.querySelector('input[name=mode][value=share]').click();
          r.shareUnit = document.querySelector('#charts .unit').textContent;
          document.querySelector('input[name=mode][value=raw]').click();
          var peak = null;
          document.querySelectorAll('#charts circle.point').forEach(function (c) { if (!peak || +c.getAttribute('cy') < +peak.getAttribute('cy')) peak = c; });
          r.peakDay = peak.getAttribute('data-key');
          peak.dispatchEvent(new MouseEvent('click', { bubbles: true }));
          r.documents = document.getElementById('documents').textContent;
          r.links = document.querySelectorAll('#documents a').length;
          var out = document.createElement('pre');
          out.id = 'harness-result';
          out.textContent = JSON.stringify(r);
          document.body.appendChild(out);
        })();
        </script>
        """#

    @Test(.enabled(if: ReportTests.chromium != nil || !ReportTests.skipBrowser, "headless Chromium is not installed and GLARE_SKIP_BROWSER=1"))
    func switchesPersonResolutionAndListsThePeaksDocumentsInHeadlessChromium() throws {
        let chromium = try #require(
            ReportTests.chromium, "chromium is not installed: run scripts/bootstrap --with-browser (or set GLARE_SKIP_BROWSER=1 to skip this test)")
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let html = try Self.page(in: folder)
        let page = try folder.write("explore.html", html.replacingOccurrences(of: "</body>", with: Self.harness + "\n</body>"))
        let p = Process()
        p.executableURL = URL(fileURLWithPath: chromium)
        p.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(folder.path("profile"))", "--virtual-time-budget=5000", "--dump-dom",
            "--host-resolver-rules=MAP * ~NOTFOUND",  // no network
            page.absoluteString,
        ]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let dom = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        let text = try #require(dom.firstMatch(of: /<pre id="harness-result">([^<]*)<\/pre>/), "the harness did not finish: \(dom.suffix(500))").output.1
        let json = text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
        let r = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let roster = try Roster.load(contentsOf: Fixtures.roster)
        #expect(r["people"] as? Int == roster.people.filter(\.matchable).count)
        #expect((r["chartsBefore"] as? Int ?? 0) == 2 * (r["people"] as? Int ?? -1), "a chart per person and source")
        #expect(r["charts"] as? Int == 1)
        #expect(r["title"] as? String == "Nadiya Savchenko · archive:lexisnexis (featured)")
        #expect(r["dayPoints"] as? Int == 3, "three covered days")
        #expect(r["weekPoints"] as? Int == 1, "2015-09-01 to 03 fall in one week (from Monday 2015-08-31)")
        #expect(r["weekUnit"] as? String == "articles per week")
        #expect(r["shareUnit"] as? String == "share of the day's total (%)")
        #expect(r["peakDay"] as? String == "2015-09-01")
        let documents = r["documents"] as? String ?? ""
        #expect(documents.contains("2 document(s) mention nadiya-savchenko on 2015-09-01"), "\(documents)")
        #expect(documents.contains("via alias"), "the matched passages are listed")
    }
}
