import Foundation

/// Names compared the way Glare compares them: folded by `TextFolder`, the one normalisation for
/// aliases and document text alike.
public enum NameFolding {
    /// The folded form of `text` (see `TextFolder`).
    public static func fold(_ text: String) -> String {
        String(decoding: TextFolder.fold(text).bytes, as: UTF8.self)
    }

    /// A lowercase slug (`Hurricane Maria` -> `hurricane-maria`, `刘霞` -> `刘霞`), for ids made from free text:
    /// folded letters and digits of any script, other runs replaced by one hyphen.
    public static func slug(_ text: String) -> String {
        var out = ""
        var dash = false
        for scalar in fold(text).unicodeScalars {
            if scalar.properties.isAlphabetic || scalar.properties.numericType == .decimal {
                out.unicodeScalars.append(scalar)
                dash = false
            } else if !dash, !out.isEmpty {
                out.append("-")
                dash = true
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return out.isEmpty ? "term" : out
    }

    static func isLatin(_ v: UInt32) -> Bool {
        (0x41...0x5A).contains(v) || (0x61...0x7A).contains(v) || (0xC0...0x24F).contains(v) || (0x1E00...0x1EFF).contains(v)
    }
}
