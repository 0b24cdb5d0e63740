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
        for line in lines {
            // Line breaks become spaces, byte by byte (a CR or LF may belong to a larger character).
            text += "# " + String(decoding: line.utf8.map { $0 == 0x0D || $0 == 0x0A ? 0x20 : $0 }, as: UTF8.self) + "\r\n"
        }
    }

    /// Appends one record.
    public mutating func row(_ cells: [String]) {
        for (i, cell) in cells.enumerated() {
            if i > 0 { text += "," }
            Self.append(cell, to: &text)
        }
        text += "\r\n"
    }

    /// A cell as it appears in the file.
    public static func field(_ raw: String) -> String {
        var out = ""
        append(raw, to: &out)
        return out
    }

    /// Appends `raw` as a cell to `text`. The characters that matter are ASCII, so the cell's UTF-8 bytes are
    /// looked at, not its characters: a line break written CR LF is one `Character` to Swift, equal neither to
    /// CR nor to LF, and a cell holding one must be quoted too.
    static func append(_ raw: String, to text: inout String) {
        let bytes = raw.utf8
        let guarded = bytes.first.map(startsFormula) == true && Double(raw) == nil
        let quoted = bytes.contains(where: needsQuotes)
        guard quoted else {
            text += guarded ? "'" + raw : raw
            return
        }
        // Quotes doubled byte by byte: a search for `"` through Foundation passes over one followed by a combining mark.
        var field: [UInt8] = [0x22]
        if guarded { field.append(0x27) }
        for byte in bytes {
            field.append(byte)
            if byte == 0x22 { field.append(0x22) }
        }
        field.append(0x22)
        text += String(decoding: field, as: UTF8.self)
    }

    /// Whether a text cell starting with `byte` is one a spreadsheet would run as a formula: `=`, `+`, `-`, `@`, tab, CR.
    private static func startsFormula(_ byte: UInt8) -> Bool {
        byte == 0x3D || byte == 0x2B || byte == 0x2D || byte == 0x40 || byte == 0x09 || byte == 0x0D
    }

    /// Whether `byte` makes a cell quoted: comma, quote, LF, CR.
    private static func needsQuotes(_ byte: UInt8) -> Bool { byte == 0x2C || byte == 0x22 || byte == 0x0A || byte == 0x0D }
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
