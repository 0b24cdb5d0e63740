import CCairo
import CGlareZlib
public import Foundation

/// Draws a `Chart` through cairo: one drawing code for SVG, PDF (fonts embedded as subsets) and PNG
/// (300 dots per inch, the resolution recorded in the file).
public enum ChartRenderer {
    /// The PNG resolution journals ask for.
    public static let pngDPI = 300.0
    /// The typeface: DejaVu Sans (Debian's fonts-dejavu-core) has every glyph the charts use (−, √, τ, ², ·).
    public static let fontFamily = "DejaVu Sans"

    /// An error from cairo (out of memory, a surface that could not be written).
    public struct RenderError: Error, CustomStringConvertible {
        public let description: String
    }

    /// The chart as a file of the given format.
    public static func render(_ chart: Chart, as format: FigureFormat) throws -> Data {
        let sink = Sink()
        let closure = Unmanaged.passUnretained(sink).toOpaque()
        let write: cairo_write_func_t = { closure, bytes, length in
            let sink = Unmanaged<Sink>.fromOpaque(closure!).takeUnretainedValue()
            if let bytes { sink.data.append(bytes, count: Int(length)) }
            return CAIRO_STATUS_SUCCESS
        }
        let surface: OpaquePointer?
        switch format {
        case .svg: surface = cairo_svg_surface_create_for_stream(write, closure, chart.width, chart.height)
        case .pdf:
            surface = cairo_pdf_surface_create_for_stream(write, closure, chart.width, chart.height)
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, chart.description)
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Glare")
        case .png:
            let scale = pngDPI / 72
            surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32((chart.width * scale).rounded()), Int32((chart.height * scale).rounded()))
        }
        guard let surface, cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else {
            throw RenderError(description: "cairo could not create a \(format.rawValue) surface")
        }
        defer { cairo_surface_destroy(surface) }
        let cr = cairo_create(surface)
        defer { cairo_destroy(cr) }
        if format == .png { cairo_scale(cr, pngDPI / 72, pngDPI / 72) }
        draw(chart, on: cr)
        cairo_surface_flush(surface)
        if format == .png {
            guard cairo_surface_write_to_png_stream(surface, write, closure) == CAIRO_STATUS_SUCCESS else {
                throw RenderError(description: "cairo could not write the PNG")
            }
            return withResolution(sink.data, dotsPerInch: pngDPI)
        }
        cairo_surface_finish(surface)
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else {
            throw RenderError(
                description: "cairo could not finish the \(format.rawValue): \(String(cString: cairo_status_to_string(cairo_surface_status(surface))))")
        }
        return sink.data
    }

    /// The chart's SVG to put inline in an HTML page: no XML declaration, a title and label for screen
    /// readers, and every id prefixed with `idPrefix` so that several charts on one page keep their glyphs apart.
    public static func inlineSVG(_ chart: Chart, idPrefix: String) throws -> String {
        var svg = String(decoding: try render(chart, as: .svg), as: UTF8.self)
        if let start = svg.range(of: "<svg") { svg = String(svg[start.lowerBound...]) }
        svg = svg.replacingOccurrences(of: " id=\"", with: " id=\"\(idPrefix)")
            .replacingOccurrences(of: "href=\"#", with: "href=\"#\(idPrefix)")
            .replacingOccurrences(of: "url(#", with: "url(#\(idPrefix)")
        let label = Chart.escapeXML(chart.description)
        if let end = svg.range(of: ">") {
            svg.replaceSubrange(end, with: " role=\"img\" aria-label=\"\(label)\">\n<title>\(label)</title>")
        }
        return svg.hasSuffix("\n") ? svg : svg + "\n"
    }

    /// The width of a text in points, as the charts will draw it.
    public static func textWidth(_ text: String, size: Double, bold: Bool = false) -> Double {
        let surface = cairo_image_surface_create(CAIRO_FORMAT_A8, 1, 1)
        defer { cairo_surface_destroy(surface) }
        let cr = cairo_create(surface)
        defer { cairo_destroy(cr) }
        cairo_select_font_face(cr, fontFamily, CAIRO_FONT_SLANT_NORMAL, bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
        cairo_set_font_size(cr, size)
        var extents = cairo_text_extents_t()
        cairo_text_extents(cr, text, &extents)
        return extents.x_advance
    }

    static func draw(_ chart: Chart, on cr: OpaquePointer?) {
        cairo_set_source_rgb(cr, 1, 1, 1)
        cairo_paint(cr)
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT)
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND)
        func colour(_ c: Chart.Colour, _ alpha: Double = 1) {
            let (r, g, b) = c.rgb
            cairo_set_source_rgba(cr, r, g, b, alpha)
        }
        func stroke(_ s: Chart.Stroke, _ width: Double) {
            cairo_set_line_width(cr, width)
            switch s {
            case .solid: cairo_set_dash(cr, nil, 0, 0)
            case .dashed: [3.5 * max(width, 0.6), 2.5 * max(width, 0.6)].withUnsafeBufferPointer { cairo_set_dash(cr, $0.baseAddress, 2, 0) }
            case .dotted:
                cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND)
                [0.01, 2.2 * max(width, 0.6)].withUnsafeBufferPointer { cairo_set_dash(cr, $0.baseAddress, 2, 0) }
            }
        }
        for m in chart.marks {
            cairo_new_path(cr)
            switch m {
            case let .rect(x, y, w, h, fill, opacity):
                colour(fill, opacity)
                cairo_rectangle(cr, x, y, w, h)
                cairo_fill(cr)
            case let .line(x1, y1, x2, y2, c, w, s):
                colour(c)
                stroke(s, w)
                cairo_move_to(cr, x1, y1)
                cairo_line_to(cr, x2, y2)
                cairo_stroke(cr)
                cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT)
            case let .polyline(points, c, w):
                guard let first = points.first else { continue }
                colour(c)
                stroke(.solid, w)
                cairo_move_to(cr, first.0, first.1)
                for p in points.dropFirst() { cairo_line_to(cr, p.0, p.1) }
                cairo_stroke(cr)
            case let .polygon(points, fill, opacity):
                guard let first = points.first else { continue }
                colour(fill, opacity)
                cairo_move_to(cr, first.0, first.1)
                for p in points.dropFirst() { cairo_line_to(cr, p.0, p.1) }
                cairo_close_path(cr)
                cairo_fill(cr)
            case let .circle(x, y, r, fill, hollow):
                cairo_arc(cr, x, y, r, 0, 2 * .pi)
                if hollow {
                    colour(.white)
                    cairo_fill_preserve(cr)
                    colour(fill)
                    stroke(.solid, 0.9)
                    cairo_stroke(cr)
                } else {
                    colour(fill)
                    cairo_fill(cr)
                }
            case let .text(x, y, text, size, anchor, c, angle, bold):
                cairo_select_font_face(cr, fontFamily, CAIRO_FONT_SLANT_NORMAL, bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
                cairo_set_font_size(cr, size)
                var extents = cairo_text_extents_t()
                cairo_text_extents(cr, text, &extents)
                let dx = anchor == .start ? 0 : anchor == .middle ? -extents.x_advance / 2 : -extents.x_advance
                cairo_save(cr)
                cairo_translate(cr, x, y)
                if angle != 0 { cairo_rotate(cr, angle * .pi / 180) }
                cairo_move_to(cr, dx, 0)
                colour(c)
                cairo_show_text(cr, text)
                cairo_restore(cr)
            }
        }
    }

    /// Collects what cairo writes.
    final class Sink {
        var data = Data()
    }

    /// The PNG with a `pHYs` chunk after its header, recording the resolution (cairo writes none).
    static func withResolution(_ png: Data, dotsPerInch: Double) -> Data {
        let ihdrEnd = 8 + 4 + 4 + 13 + 4  // signature, IHDR length, type, body, CRC
        guard png.count > ihdrEnd else { return png }
        let perMetre = UInt32((dotsPerInch / 0.0254).rounded())
        var body = Data("pHYs".utf8)
        for _ in 0..<2 { withUnsafeBytes(of: perMetre.bigEndian) { body.append(contentsOf: $0) } }
        body.append(1)  // the unit is the metre
        var chunk = Data()
        withUnsafeBytes(of: UInt32(9).bigEndian) { chunk.append(contentsOf: $0) }
        chunk.append(body)
        let crc = body.withUnsafeBytes { UInt32(crc32(0, $0.bindMemory(to: UInt8.self).baseAddress, uInt($0.count))) }
        withUnsafeBytes(of: crc.bigEndian) { chunk.append(contentsOf: $0) }
        var out = png.prefix(ihdrEnd)
        out.append(chunk)
        out.append(png.dropFirst(ihdrEnd))
        return Data(out)
    }
}
