import Foundation

/// A chart as a list of marks in a width × height box (y grows downwards), rendered to SVG for HTML
/// and Markdown and to TikZ for LaTeX, so every format draws the same picture.
public struct Chart: Sendable {
    /// Colours from the Okabe–Ito palette, safe for colour-blind readers and in greyscale print.
    public enum Colour: String, Sendable {
        case black = "000000", orange = "E69F00", sky = "56B4E9", green = "009E73", yellow = "F0E442"
        case blue = "0072B2", vermillion = "D55E00", purple = "CC79A7", grey = "999999", light = "EEEEEE", white = "FFFFFF"
    }

    public enum Anchor: String, Sendable { case start, middle, end }

    public enum Mark: Sendable {
        case rect(x: Double, y: Double, width: Double, height: Double, fill: Colour, opacity: Double)
        case line(x1: Double, y1: Double, x2: Double, y2: Double, colour: Colour, width: Double, dashed: Bool)
        case polyline(points: [(Double, Double)], colour: Colour, width: Double)
        /// A filled outline (an uncertainty band).
        case polygon(points: [(Double, Double)], fill: Colour, opacity: Double)
        case circle(x: Double, y: Double, radius: Double, fill: Colour)
        case text(x: Double, y: Double, text: String, size: Double, anchor: Anchor, colour: Colour)
    }

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

    // MARK: SVG

    public func svg() -> String {
        var out =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(n(width)) \(n(height))\" width=\"\(n(width))\" height=\"\(n(height))\" role=\"img\" aria-label=\"\(Self.escapeXML(description))\" font-family=\"Helvetica, Arial, sans-serif\">\n"
        out += "<title>\(Self.escapeXML(description))</title>\n"
        for m in marks {
            switch m {
            case let .rect(x, y, w, h, fill, opacity):
                out +=
                    "<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(w))\" height=\"\(n(h))\" fill=\"#\(fill.rawValue)\""
                    + (opacity < 1 ? " fill-opacity=\"\(n(opacity))\"" : "") + "/>\n"
            case let .line(x1, y1, x2, y2, c, w, dashed):
                out +=
                    "<line x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\" stroke=\"#\(c.rawValue)\" stroke-width=\"\(n(w))\""
                    + (dashed ? " stroke-dasharray=\"4 3\"" : "") + "/>\n"
            case let .polyline(points, c, w):
                out +=
                    "<polyline fill=\"none\" stroke=\"#\(c.rawValue)\" stroke-width=\"\(n(w))\" stroke-linejoin=\"round\" points=\""
                    + points.map { "\(n($0.0)),\(n($0.1))" }.joined(separator: " ") + "\"/>\n"
            case let .polygon(points, fill, opacity):
                out +=
                    "<polygon fill=\"#\(fill.rawValue)\" fill-opacity=\"\(n(opacity))\" points=\""
                    + points.map { "\(n($0.0)),\(n($0.1))" }.joined(separator: " ") + "\"/>\n"
            case let .circle(x, y, r, fill):
                out += "<circle cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"\(n(r))\" fill=\"#\(fill.rawValue)\"/>\n"
            case let .text(x, y, text, size, anchor, c):
                out +=
                    "<text x=\"\(n(x))\" y=\"\(n(y))\" font-size=\"\(n(size))\" text-anchor=\"\(anchor.rawValue)\" fill=\"#\(c.rawValue)\">\(Self.escapeXML(text))</text>\n"
            }
        }
        return out + "</svg>\n"
    }

    // MARK: TikZ

    /// A `tikzpicture` in points, scaled to the line width; y is flipped so the picture matches the SVG.
    public func tikz() -> String {
        var out =
            "% \(description.replacingOccurrences(of: "\n", with: " "))\n\\resizebox{\\linewidth}{!}{%\n\\begin{tikzpicture}[x=1pt,y=1pt,font=\\sffamily]\n"
        func p(_ x: Double, _ y: Double) -> String { "(\(n(x)),\(n(height - y)))" }
        var colours: Set<Colour> = []
        for m in marks {
            switch m {
            case let .rect(_, _, _, _, c, _), let .line(_, _, _, _, c, _, _), let .polyline(_, c, _), let .polygon(_, c, _), let .circle(_, _, _, c),
                let .text(_, _, _, _, _, c):
                colours.insert(c)
            }
        }
        for c in colours.sorted(by: { $0.rawValue < $1.rawValue }) { out += "\\definecolor{glare\(c.rawValue)}{HTML}{\(c.rawValue)}\n" }
        out += "\\path[use as bounding box] (0,0) rectangle (\(n(width)),\(n(height)));\n"
        for m in marks {
            switch m {
            case let .rect(x, y, w, h, fill, opacity):
                out += "\\fill[glare\(fill.rawValue)" + (opacity < 1 ? ",fill opacity=\(n(opacity))" : "") + "] \(p(x, y + h)) rectangle \(p(x + w, y));\n"
            case let .line(x1, y1, x2, y2, c, w, dashed):
                out += "\\draw[glare\(c.rawValue),line width=\(n(w))pt" + (dashed ? ",dashed" : "") + "] \(p(x1, y1)) -- \(p(x2, y2));\n"
            case let .polyline(points, c, w):
                out += "\\draw[glare\(c.rawValue),line width=\(n(w))pt,line join=round] " + points.map { p($0.0, $0.1) }.joined(separator: " -- ") + ";\n"
            case let .polygon(points, fill, opacity):
                out += "\\fill[glare\(fill.rawValue),fill opacity=\(n(opacity))] " + points.map { p($0.0, $0.1) }.joined(separator: " -- ") + " -- cycle;\n"
            case let .circle(x, y, r, fill):
                out += "\\fill[glare\(fill.rawValue)] \(p(x, y)) circle (\(n(r))pt);\n"
            case let .text(x, y, text, size, anchor, c):
                let a = anchor == .start ? "base west" : anchor == .end ? "base east" : "base"
                out +=
                    "\\node[anchor=\(a),inner sep=0,text=glare\(c.rawValue),font=\\sffamily\\fontsize{\(n(size))}{\(n(size * 1.2))}\\selectfont] at \(p(x, y)) {\(Self.escapeTeX(text))};\n"
            }
        }
        return out + "\\end{tikzpicture}%\n}\n"
    }

    func n(_ v: Double) -> String {
        let r = (v * 100).rounded() / 100
        return r == r.rounded() ? String(Int(r)) : String(format: "%.2f", r)
    }

    public static func escapeXML(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    public static func escapeTeX(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "\\": out += "\\textbackslash{}"
            case "&", "%", "$", "#", "_", "{", "}": out += "\\\(c)"
            case "~": out += "\\textasciitilde{}"
            case "^": out += "\\textasciicircum{}"
            case "–": out += "--"
            case "—": out += "---"
            case "<": out += "\\textless{}"
            case ">": out += "\\textgreater{}"
            default: out.append(c)
            }
        }
        return out
    }
}
