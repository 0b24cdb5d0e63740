import Foundation

/// Writes RFC 4180 CSV: comma-separated, CRLF line ends, fields quoted when they hold a comma, quote or
/// line break. Text cells a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, tab or
/// CR, and not a number) get a leading `'` so they open as text.
public struct CSVWriter {
    public private(set) var text = ""

    public init() {}

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
}
