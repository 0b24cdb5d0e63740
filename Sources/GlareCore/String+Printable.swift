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

extension StringProtocol {
    /// The text cut to `limit` characters (`…` marking the cut): for quoting input in a message.
    public func clipped(to limit: Int = 80) -> String { count > limit ? String(prefix(limit - 1)) + "…" : String(self) }
}

extension String {
    /// A message safe to show whatever input it quotes: each quoted run (`'…'` opened after a space,
    /// a bracket or the start, so an apostrophe is not a quote) longer than 80 characters is clipped
    /// with its length noted, and the whole message is at most 1,000 characters. A 10 MB cell in a
    /// CSV never reaches a terminal or a log whole.
    public var clippedForMessage: String {
        guard count > 80 else { return self }
        var out = ""
        var rest = self[...]
        while let open = rest.firstIndex(of: "'") {
            let before = open == rest.startIndex ? nil : rest[rest.index(before: open)]
            let opens = open == startIndex || before == " " || before == "(" || before == "[" || before == ":"
            out += rest[...open]
            rest = rest[rest.index(after: open)...]
            guard opens, let close = rest.firstIndex(of: "'") else { continue }
            let quoted = rest[..<close]
            out += quoted.count > 80 ? quoted.clipped(to: 80) + " (\(quoted.count) characters)" : String(quoted)
            out += "'"
            rest = rest[rest.index(after: close)...]
        }
        out += rest
        return out.clipped(to: 1000)
    }
}
