import Foundation

/// A chart as a list of marks in a width × height box measured in points (1/72 inch; y grows
/// downwards). `ChartRenderer` draws it through cairo to SVG, PDF and PNG, so every output (the figure
/// files, the HTML and Markdown reports, the LaTeX figures) shows the same picture from one drawing code.
public struct Chart: Sendable {
    /// Colours from the Okabe–Ito palette, safe for colour-blind readers. Roles are also told apart by
    /// line style, marker shape and labels, so a chart read in greyscale loses nothing.
    public enum Colour: String, Sendable, CaseIterable {
        case black = "000000", orange = "E69F00", sky = "56B4E9", green = "009E73", yellow = "F0E442"
        case blue = "0072B2", vermillion = "D55E00", purple = "CC79A7", grey = "999999", dark = "555555", light = "EEEEEE", white = "FFFFFF"

        /// Red, green and blue, each 0...1.
        public var rgb: (red: Double, green: Double, blue: Double) {
            let v = Int(rawValue, radix: 16) ?? 0
            return (Double((v >> 16) & 0xFF) / 255, Double((v >> 8) & 0xFF) / 255, Double(v & 0xFF) / 255)
        }

        /// The grey level this colour prints as (Rec. 709 luma of the sRGB values): 0 black, 1 white.
        public var greyLevel: Double { 0.2126 * rgb.red + 0.7152 * rgb.green + 0.0722 * rgb.blue }
    }

    public enum Anchor: String, Sendable { case start, middle, end }

    /// How a line is drawn: roles that share a colour family differ in stroke too.
    public enum Stroke: Sendable { case solid, dashed, dotted }

    public enum Mark: Sendable {
        case rect(x: Double, y: Double, width: Double, height: Double, fill: Colour, opacity: Double)
        case line(x1: Double, y1: Double, x2: Double, y2: Double, colour: Colour, width: Double, stroke: Stroke)
        case polyline(points: [(Double, Double)], colour: Colour, width: Double)
        /// A filled outline (an uncertainty band, a diamond marker).
        case polygon(points: [(Double, Double)], fill: Colour, opacity: Double)
        /// A dot; a hollow one is an outline of width 1.
        case circle(x: Double, y: Double, radius: Double, fill: Colour, hollow: Bool)
        /// Text on its baseline at (x, y); `angle` in degrees, −90 reads upwards (a y-axis label).
        case text(x: Double, y: Double, text: String, size: Double, anchor: Anchor, colour: Colour, angle: Double, bold: Bool)
    }

    /// Width and height in points.
    public let width: Double
    public let height: Double
    /// A description for screen readers and alt text.
    public let description: String
    public var marks: [Mark] = []

    public init(width: Double, height: Double, description: String) {
        self.width = width
        self.height = height
        self.description = description
    }

    /// Adds text (upright, regular weight unless told).
    mutating func text(
        _ s: String, x: Double, y: Double, size: Double, anchor: Anchor = .start, colour: Colour = .black, angle: Double = 0, bold: Bool = false
    ) {
        marks.append(.text(x: x, y: y, text: s, size: size, anchor: anchor, colour: colour, angle: angle, bold: bold))
    }

    /// Adds a line.
    mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, colour: Colour = .black, width: Double = 0.6, stroke: Stroke = .solid) {
        marks.append(.line(x1: x1, y1: y1, x2: x2, y2: y2, colour: colour, width: width, stroke: stroke))
    }

    /// Every text the chart shows, in drawing order (for tests and for alt text).
    public var texts: [String] {
        marks.compactMap { if case let .text(_, _, t, _, _, _, _, _) = $0 { t } else { nil } }
    }

    /// The marks moved by (dx, dy).
    static func shifted(_ marks: [Mark], _ dx: Double, _ dy: Double) -> [Mark] {
        marks.map { m in
            switch m {
            case let .rect(x, y, w, h, f, o): .rect(x: x + dx, y: y + dy, width: w, height: h, fill: f, opacity: o)
            case let .line(x1, y1, x2, y2, c, w, s): .line(x1: x1 + dx, y1: y1 + dy, x2: x2 + dx, y2: y2 + dy, colour: c, width: w, stroke: s)
            case let .polyline(points, c, w): .polyline(points: points.map { ($0.0 + dx, $0.1 + dy) }, colour: c, width: w)
            case let .polygon(points, f, o): .polygon(points: points.map { ($0.0 + dx, $0.1 + dy) }, fill: f, opacity: o)
            case let .circle(x, y, r, f, h): .circle(x: x + dx, y: y + dy, radius: r, fill: f, hollow: h)
            case let .text(x, y, t, s, a, c, angle, b): .text(x: x + dx, y: y + dy, text: t, size: s, anchor: a, colour: c, angle: angle, bold: b)
            }
        }
    }

    public static func escapeXML(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
