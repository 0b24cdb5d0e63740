import Foundation

/// Writes RFC 4180 CSV: comma-separated, CRLF line ends, fields quoted when they hold a comma, quote or
/// line break. Text cells a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, tab or
/// CR, and not a number) get a leading `'` so they open as text.
public struct CSVWriter {
    public private(set) var text = ""

    public init() {}

    /// Appends `# ` comment lines (before the header; `pandas.read_csv(comment="#")` and R's
    /// `read.csv(comment.char = "#")` skip them).
    public mutating func comments(_ lines: [String]) {
        for line in lines { text += "# " + line.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ") + "\r\n" }
    }

    /// Appends one record.
    public mutating func row(_ cells: [String]) {
        text += cells.map(Self.field).joined(separator: ",")
        text += "\r\n"
    }

    /// A cell as it appears in the file.
    public static func field(_ raw: String) -> String {
        var cell = raw
        if let first = cell.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first), Double(cell) == nil {
            cell = "'" + cell
        }
        if cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return cell
    }
}

/// Numbers as Glare writes them: whole numbers without a decimal point, others in the shortest form
/// that reads back to the same double.
public enum NumberFormat {
    public static func string(_ v: Double) -> String {
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return "\(v)"
    }

    /// `v` rounded to `digits` significant digits (the nearest double to the decimal: 3.919191… → 3.919).
    public static func rounded(_ v: Double, significantDigits digits: Int) -> Double {
        guard v != 0, v.isFinite else { return v }
        let k = digits - 1 - Int(floor(log10(abs(v))))
        if k >= 0 {
            let scale = pow(10, Double(k))
            return (v * scale).rounded() / scale
        }
        let scale = pow(10, Double(-k))
        return (v / scale).rounded() * scale
    }
}
