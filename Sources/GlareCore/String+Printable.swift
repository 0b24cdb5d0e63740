extension String {
    /// The string safe to print to a terminal or a log: control characters (C0 except tab and line feed,
    /// DEL, C1, and the bidirectional overrides a name could hide behind) written as `\u{1B}`, so a
    /// term like `ESC]0;…BEL` in a file shows as text instead of retitling the terminal or colouring it.
    public var printable: String {
        var out = ""
        out.reserveCapacity(utf8.count)
        for scalar in unicodeScalars {
            let v = scalar.value
            let control = (v < 0x20 && v != 0x09 && v != 0x0A) || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
            if control {
                out += "\\u{" + String(v, radix: 16, uppercase: true) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
