import Foundation

/// The one normalisation Glare applies to names before comparing them.
///
/// Unicode NFKC, case folding, Latin diacritics removed (`Bùi Thị Minh Hằng` = `bui thi minh hang`),
/// Turkish/Azerbaijani dotted and dotless i unified, and runs of whitespace, hyphens and apostrophes
/// unified. Non-Latin scripts keep their marks: Arabic or Vietnamese-in-Han text is compared as written.
public enum NameFolding {
    /// The folded form of `text`.
    public static func fold(_ text: String) -> String {
        let compatible = text.precomposedStringWithCompatibilityMapping
        var out = String.UnicodeScalarView()
        var lastWasSpace = true
        var previousBaseIsLatin = false
        for scalar in compatible.decomposedStringWithCanonicalMapping.unicodeScalars {
            let v = scalar.value
            // Combining marks on Latin letters are dropped; elsewhere they are kept.
            if scalar.properties.generalCategory == .nonspacingMark {
                if previousBaseIsLatin { continue }
                out.append(scalar)
                continue
            }
            if scalar.properties.isWhitespace || v == 0x2D || (0x2010...0x2015).contains(v) || v == 0x5F {
                if !lastWasSpace { out.append(" ") }
                lastWasSpace = true
                previousBaseIsLatin = false
                continue
            }
            // Apostrophes and their look-alikes are dropped: O'Neil = O’Neil = ONeil.
            if v == 0x27 || v == 0x2019 || v == 0x2018 || v == 0x02BC || v == 0x60 || v == 0xB4 { continue }
            lastWasSpace = false
            previousBaseIsLatin = isLatin(v)
            if v == 0x131 { out.append("i"); continue }          // dotless ı
            for lower in String(scalar).lowercased().unicodeScalars {
                out.append(lower)
            }
        }
        var s = String(out)
        if s.hasSuffix(" ") { s.removeLast() }
        return s.precomposedStringWithCanonicalMapping
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
