/// The spelling of the identifiers a user writes: a person's id, a source's id, a Wikipedia language code.
public enum Identifier {
    /// Whether `text` is lower-case ASCII letters, digits and hyphens, beginning with a letter (or, with
    /// `digitFirst`, a digit). Checked by hand: a regular expression set up ICU's regex sets (a few
    /// milliseconds of every command's start), and its `$` let a final line break through.
    public static func isValid(_ text: String, digitFirst: Bool = true) -> Bool {
        var bytes = text.utf8.makeIterator()
        guard let first = bytes.next(), (0x61...0x7A).contains(first) || (digitFirst && (0x30...0x39).contains(first)) else { return false }
        while let b = bytes.next() {
            guard (0x61...0x7A).contains(b) || (0x30...0x39).contains(b) || b == 0x2D else { return false }
        }
        return true
    }
}
