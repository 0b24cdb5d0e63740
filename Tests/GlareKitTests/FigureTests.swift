import CCairo
import EventWindow
import Foundation
import GlareCore
import GlareKit
import GlareReport
import GlareTestSupport
import Testing

/// `glare figures`: the four figures in three formats, checked as files (PDFs rendered by poppler, fonts
/// embedded, PNG size, resolution and colours) and as charts (units, labels, missing periods apart from zero).
@Suite struct FigureTests {
    static let names = ["roster", "rate-ratios", "event-study-news", "coverage"]

    static func run(_ tool: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: tool)
        p.arguments = arguments
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static let poppler = ["/usr/bin/pdftoppm", "/usr/bin/pdffonts"].allSatisfy(FileManager.default.isExecutableFile)
    static let skipPDFTools = ProcessInfo.processInfo.environment["GLARE_SKIP_PDF_TOOLS"] == "1"

    /// A PNG's pixels through cairo: width, height and each pixel as 0xRRGGBB.
    static func pixels(_ png: Data, in folder: TemporaryFolder) throws -> (width: Int, height: Int, rgb: [UInt32]) {
        let path = folder.path("read-\(UUID().uuidString).png")
        try png.write(to: URL(fileURLWithPath: path))
        let surface = try #require(cairo_image_surface_create_from_png(path))
        defer { cairo_surface_destroy(surface) }
        #expect(cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS)
        let w = Int(cairo_image_surface_get_width(surface)), h = Int(cairo_image_surface_get_height(surface))
        let stride = Int(cairo_image_surface_get_stride(surface))
        let base = try #require(cairo_image_surface_get_data(surface))
        var rgb: [UInt32] = []
        rgb.reserveCapacity(w * h)
        for y in 0..<h {
            let row = UnsafeRawPointer(base + y * stride).assumingMemoryBound(to: UInt32.self)
            for x in 0..<w { rgb.append(row[x] & 0xFF_FFFF) }
        }
        return (w, h, rgb)
    }

    @Test func writesAllFourFiguresInThreeFormats() throws {
        let request = FiguresRequest(report: ReportRequest(analysis: AnalysisRequest()), output: "unused")
        let files = try request.files(ReportTests.data)
        var expected: Set<String> = ["figures.json"]
        for n in Self.names { for f in FigureFormat.allCases { expected.insert("\(n).\(f.rawValue)") } }
        #expect(Set(files.keys) == expected)
        for n in Self.names {
            #expect(files["\(n).pdf"]!.prefix(5) == Data("%PDF-".utf8))
            #expect(files["\(n).png"]!.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
            let svg = String(decoding: files["\(n).svg"]!, as: UTF8.self)
            #expect(svg.contains("<svg") && svg.hasSuffix("</svg>\n"))
        }
        let manifest = try JSONSerialization.jsonObject(with: files["figures.json"]!) as! [String: Any]
        let figures = manifest["figures"] as! [[String: Any]]
        #expect(figures.map { $0["name"] as! String } == Self.names)
        #expect(manifest["png_dpi"] as? Double == 300)
        #expect(manifest["provenance"] is [String: Any])
        // Journal widths: two columns for the roster, the forest plot and the coverage; one for the event study.
        let widths = Dictionary(uniqueKeysWithValues: figures.map { ($0["name"] as! String, $0["width_in"] as! Double) })
        #expect(
            widths == [
                "roster": FigureSize.twoColumns, "rate-ratios": FigureSize.twoColumns, "coverage": FigureSize.twoColumns,
                "event-study-news": FigureSize.oneColumn,
            ])
        for f in figures { #expect((f["height_in"] as! Double) <= FigureSize.maximumHeight) }
    }

    /// The PNG is the chart's printed size at 300 dpi, says so in its pHYs chunk, and shows the palette's
    /// roles: the series in blue, the three windows in their shades, a white background.
    @Test func pngsAre300DotsPerInchWithThePalettesColours() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        for figure in JournalFigures.all(ReportTests.data) {
            let png = try ChartRenderer.render(figure.chart, as: .png)
            let image = try Self.pixels(png, in: folder)
            #expect(image.width == Int((figure.chart.width / 72 * 300).rounded()) && image.height == Int((figure.chart.height / 72 * 300).rounded()))
            // pHYs: 11811 pixels per metre (300 dpi) both ways, unit metre.
            let phys = try #require(png.range(of: Data("pHYs".utf8)))
            let body = [UInt8](png[phys.upperBound..<phys.upperBound + 9])
            #expect(body == [0, 0, 0x2E, 0x23, 0, 0, 0x2E, 0x23, 1])
            #expect(image.rgb[0] == 0xFF_FFFF && image.rgb[image.rgb.count - 1] == 0xFF_FFFF, "\(figure.name): background not white")
            var counts: [UInt32: Int] = [:]
            for p in image.rgb { counts[p, default: 0] += 1 }
            func share(near colour: UInt32, within: Int = 6) -> Double {
                let (r, g, b) = (Int(colour >> 16), Int(colour >> 8 & 0xFF), Int(colour & 0xFF))
                let n = counts.filter { p, _ in abs(Int(p >> 16) - r) <= within && abs(Int(p >> 8 & 0xFF) - g) <= within && abs(Int(p & 0xFF) - b) <= within }
                    .values.reduce(0, +)
                return Double(n) / Double(image.rgb.count)
            }
            let blue: UInt32 = 0x0072B2
            #expect(share(near: blue) > 0.001, "\(figure.name): no series blue")
            if figure.name == "roster" {
                // Window shades as drawn: pre light grey, event orange at half strength, post sky blue at 30%.
                #expect(share(near: 0xEEEEEE) > 0.02, "pre window shade missing")
                #expect(share(near: 0xF0CF80, within: 8) > 0.01, "event window shade missing")
                #expect(share(near: 0xCCE8F8, within: 8) > 0.02, "post window shade missing")
            }
        }
    }

    /// Printed in greyscale, the roles still differ: the window shades are three grey levels, the series
    /// line is darker than every shade, and the missing strip differs from all of them.
    @Test func paletteSurvivesGreyscale() {
        func blended(_ c: Chart.Colour, _ opacity: Double) -> Double { 1 - opacity * (1 - c.greyLevel) }
        let pre = blended(.light, 1), event = blended(.orange, 0.5), post = blended(.sky, 0.3)
        let shades = [pre, event, post].sorted()
        #expect(zip(shades, shades.dropFirst()).allSatisfy { $1 - $0 >= 0.03 }, "\(shades)")
        #expect(Chart.Colour.blue.greyLevel < shades[0] - 0.4)
        #expect(shades.allSatisfy { abs($0 - Chart.Colour.grey.greyLevel) > 0.15 })
        // Coverage: covered, partly covered and not covered.
        let coverage = [Chart.Colour.blue.greyLevel, Chart.Colour.orange.greyLevel, 1].sorted()
        #expect(zip(coverage, coverage.dropFirst()).allSatisfy { $1 - $0 >= 0.2 })
    }

    /// Every PDF renders in poppler (pdftoppm) and embeds its fonts (pdffonts); the rendering is not blank.
    @Test(.enabled(if: poppler || !skipPDFTools, "poppler-utils is not installed and GLARE_SKIP_PDF_TOOLS=1"))
    func pdfsRenderInPopplerWithEmbeddedFonts() throws {
        #expect(Self.poppler, "pdftoppm/pdffonts missing: run scripts/bootstrap --with-pdf-tools (or set GLARE_SKIP_PDF_TOOLS=1 to skip)")
        guard Self.poppler else { return }
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        for figure in JournalFigures.all(ReportTests.data) {
            let pdf = folder.path("\(figure.name).pdf")
            try ChartRenderer.render(figure.chart, as: .pdf).write(to: URL(fileURLWithPath: pdf))
            let fonts = try Self.run("/usr/bin/pdffonts", [pdf])
            #expect(fonts.status == 0)
            let rows = fonts.output.split(separator: "\n").dropFirst(2)
            #expect(!rows.isEmpty, "\(figure.name): no fonts listed")
            for row in rows {
                // name type encoding emb sub uni object ID: emb is the fifth column from the end.
                let cells = row.split(separator: " ", omittingEmptySubsequences: true)
                #expect(cells.count >= 7 && cells[cells.count - 5] == "yes", "\(figure.name): font not embedded: \(row)")
                #expect(row.contains("DejaVuSans"), "\(figure.name): unexpected font \(row)")
            }
            let (status, _) = try Self.run("/usr/bin/pdftoppm", ["-r", "50", "-png", "-singlefile", pdf, folder.path(figure.name + "-poppler")])
            #expect(status == 0)
            let rendered = try Self.pixels(try Data(contentsOf: URL(fileURLWithPath: folder.path(figure.name + "-poppler.png"))), in: folder)
            #expect(abs(Double(rendered.width) - figure.chart.width * 50 / 72) <= 1)
            #expect(rendered.rgb.contains(where: { $0 != 0xFF_FFFF }), "\(figure.name): poppler rendered a blank page")
        }
    }

    /// Axis labels name their units, date ticks are labelled, and the markers say what they mark.
    @Test func axesAndMarkersAreLabelled() throws {
        let data = ReportTests.data
        let series = Charts.series(data.entries[1], data: data)
        #expect(series.texts.contains("articles per day"))
        #expect(series.texts.contains("event 2015-09-01"))
        #expect(series.texts.contains("released 2016-01-15"))
        #expect(series.texts.contains("Sep") && series.texts.contains { $0.hasPrefix("Jun 2015") || $0 == "2016" || $0.hasPrefix("Jan 2016") })
        #expect(["pre", "event", "post"].allSatisfy(series.texts.contains))
        let roster = Charts.roster(data)
        #expect(roster.texts.contains("articles per day") && roster.texts.contains("+90") && roster.texts.contains("−90"))
        let forest = Charts.forest(data)
        #expect(forest.texts.contains("event / pre rate ratio (log scale)") && forest.texts.contains("Pooled (random effects)"))
        #expect(forest.texts.contains("Featured") && forest.texts.contains("Controls"))
        let study = Charts.eventStudy(try #require(data.analysis.eventStudies.first))
        #expect(study.texts.contains("weeks from each person's own event date") && study.texts.contains("rate ratio (log scale)"))
        #expect(Charts.unit(data.entries[0].series, share: true) == "share of the day's articles (%)")
        let search = AttentionSeries(key: SeriesKey(person: "x", source: "google-trends/daily", measure: .search), resolution: .day, points: [:])
        #expect(Charts.unit(search) == "search index (0–100)")
    }

    /// In the forest plot the level shift's event/pre dot sits at log2 of its ratio between the axis's 1 and 2,
    /// the ratio computed here from the fixture's window means.
    @Test func forestDotSitsAtTheRatioComputedByHand() throws {
        let level = try ReportTests.ByHand("level_shift")
        let forest = Charts.forest(ReportTests.data)
        var tickX: [String: Double] = [:]
        var dots: [Double] = []
        for m in forest.marks {
            if case let .text(x, _, t, _, .middle, _, 0, false) = m, tickX[t] == nil { tickX[t] = x }
            if case let .circle(x, _, r, .blue, false) = m, r == 2 { dots.append(x) }
        }
        let one = try #require(tickX["1"]), two = try #require(tickX["2"])
        let expected = one + (two - one) * log2(level.eventRatio)
        #expect(dots.contains { abs($0 - expected) < 0.01 }, "\(dots) vs \(expected)")
    }

    /// A day not covered is drawn as the grey strip under the axis and breaks the line; a zero is drawn on the axis.
    @Test func missingPeriodsAreDrawnApartFromZero() throws {
        let d = ReportTests.data
        let first = d.entries[0]
        var points: [Period: Observation] = [:]
        for (i, p) in first.series.periods.enumerated() {
            let day = p.start
            let offset = d.design.eventDate.distance(to: day)
            points[p] = (40...49).contains(offset) ? .missing : (60...69).contains(offset) ? .value(0) : first.series.observations[i]
        }
        let series = AttentionSeries(key: first.series.key, resolution: .day, points: points)
        let entry = ReportData.Entry(series: series, result: first.result, name: first.name, released: nil)
        let chart = Charts.series(entry, data: d)
        let bottom = chart.height - 34
        var strips: [(Double, Double)] = []
        var lines = 0
        for m in chart.marks {
            if case let .rect(x, y, w, h, .grey, _) = m, abs(y - bottom - 0.6) < 0.01, h < 3 { strips.append((x, w)) }
            if case .polyline = m { lines += 1 }
        }
        #expect(strips.count == 1, "one strip for the ten missing days")
        let strip = try #require(strips.first)
        let dayWidth = (chart.width - 62) / Double(series.periods.count)
        #expect(abs(strip.1 - 10 * dayWidth) < dayWidth, "\(strip.1) for 10 days of \(dayWidth)")
        #expect(lines == 2, "the line breaks at the missing days, and only there")
    }

    /// `glare figures` on a store writes the files, and the HTML report embeds the same drawing.
    @Test func htmlEmbedsTheSameSVG() throws {
        let html = try HTMLReport.render(ReportTests.data)
        let forest = try ChartRenderer.inlineSVG(Charts.forest(ReportTests.data), idPrefix: "f2-")
        // cairo numbers its SVG ids per process, so compare the drawings with the ids left out.
        func anonymous(_ s: String) -> String { s.replacing(/(id="|#)f\d+-[A-Za-z]+[\d-]*/, with: "$1") }
        #expect(anonymous(html).contains(anonymous(forest)))
        // Every inline SVG's ids are unique on the page (glyphs of one chart never stand in for another's).
        let ids = html.matches(of: #/ id="([^"]+)"/#).map { String($0.output.1) }
        #expect(Set(ids).count == ids.count)
    }
}
