public import GlareCore

/// Random short strings over the characters JSON writers treat differently: every control character,
/// quote, backslash, slash, DEL, line and paragraph separators, a byte-order mark, letters outside ASCII.
public enum JSONTrickyStrings {
    public static let alphabet: [Unicode.Scalar] =
        (0..<0x20).map { Unicode.Scalar(UInt8($0)) } + Array("\"\\/ aZ09{}[]:,\u{7F}\u{85}é\u{2028}\u{2029}\u{FEFF}Ω中😀".unicodeScalars)

    /// Up to 11 characters drawn from `alphabet`.
    public static func next(_ rng: inout SplitMix64) -> String {
        var s = String.UnicodeScalarView()
        for _ in 0..<rng.next(below: 12) { s.append(alphabet[Int(rng.next(below: UInt64(alphabet.count)))]) }
        return String(s)
    }
}
