import Foundation

/// Text made safe for LaTeX under pdflatex and lualatex alike: every character is either plain ASCII,
/// a Latin letter both engines set from the report's preamble (utf8 inputenc with T1 under pdflatex,
/// Latin Modern under lualatex), or mapped to a command; anything else is written as its code point, so
/// nothing in a name, title or source can stop the compile or run as a command.
public enum LaTeXText {
    /// Characters mapped to commands that work in text mode in both engines.
    static let mapped: [Character: String] = [
        "\\": "\\textbackslash{}", "&": "\\&", "%": "\\%", "$": "\\$", "#": "\\#", "_": "\\_", "{": "\\{", "}": "\\}",
        "~": "\\textasciitilde{}", "^": "\\textasciicircum{}", "<": "\\textless{}", ">": "\\textgreater{}", "|": "\\textbar{}",
        "\"": "\\textquotedbl{}", "/": "/\\allowbreak{}",
        "–": "--\\allowbreak{}", "—": "---\\allowbreak{}", "−": "\\ensuremath{-}", "‐": "-", "‑": "-", "‒": "--",
        "√": "\\ensuremath{\\surd}", "×": "\\ensuremath{\\times}", "÷": "\\ensuremath{\\div}", "±": "\\ensuremath{\\pm}",
        "≤": "\\ensuremath{\\leq}", "≥": "\\ensuremath{\\geq}", "≠": "\\ensuremath{\\neq}", "≈": "\\ensuremath{\\approx}",
        "∞": "\\ensuremath{\\infty}", "→": "\\ensuremath{\\rightarrow}", "←": "\\ensuremath{\\leftarrow}", "·": "\\ensuremath{\\cdot}",
        "•": "\\textbullet{}", "…": "\\ldots{}", "‘": "`", "’": "'", "“": "``", "”": "''", "„": ",,", "«": "\\guillemotleft{}",
        "»": "\\guillemotright{}", "²": "\\textsuperscript{2}", "³": "\\textsuperscript{3}", "¹": "\\textsuperscript{1}",
        "°": "\\textdegree{}", "€": "\\texteuro{}", "£": "\\pounds{}", "§": "\\S{}", "¶": "\\P{}", "©": "\\copyright{}",
        "®": "\\textregistered{}", "™": "\\texttrademark{}", "†": "\\dag{}", "‡": "\\ddag{}", "¡": "!`", "¿": "?`",
        "\u{00A0}": "~", "\u{2009}": "\\,", "\u{202F}": "\\,", "\u{2002}": "\\enspace{}", "\u{2003}": "\\quad{}", "\u{200B}": "",
        "\u{00AD}": "\\-", "′": "\\ensuremath{'}", "″": "\\ensuremath{''}", "µ": "\\ensuremath{\\mu}", "‰": "\\textperthousand{}",
        "α": "\\ensuremath{\\alpha}", "β": "\\ensuremath{\\beta}", "γ": "\\ensuremath{\\gamma}", "δ": "\\ensuremath{\\delta}",
        "ε": "\\ensuremath{\\varepsilon}", "κ": "\\ensuremath{\\kappa}", "λ": "\\ensuremath{\\lambda}", "μ": "\\ensuremath{\\mu}",
        "π": "\\ensuremath{\\pi}", "ρ": "\\ensuremath{\\rho}", "σ": "\\ensuremath{\\sigma}", "τ": "\\ensuremath{\\tau}",
        "χ": "\\ensuremath{\\chi}", "Δ": "\\ensuremath{\\Delta}", "Σ": "\\ensuremath{\\Sigma}", "\t": " ", "\n": " ", "\r": " ",
    ]

    /// Latin letters outside ASCII that pdflatex's utf8 inputenc sets in T1 (and lualatex's Latin Modern has):
    /// Latin-1 and Latin Extended-A, less the few T1 has no glyph for (ħ, ĸ, ŀ, ŉ, ŧ, ſ).
    static func isSetLetter(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0xC0...0xFF: u.value != 0xD7 && u.value != 0xF7
        case 0x100...0x17F: ![0x126, 0x127, 0x138, 0x13F, 0x140, 0x149, 0x166, 0x167, 0x17F].contains(u.value)
        default: false
        }
    }

    public static func escape(_ s: String) -> String {
        var out = ""
        for c in s {
            if let m = mapped[c] {
                out += m
            } else if c.isASCII {
                if let a = c.asciiValue, a >= 0x20, a < 0x7F { out.append(c) }
            } else if c.unicodeScalars.count == 1, let u = c.unicodeScalars.first, isSetLetter(u) {
                out.append(c)
            } else {
                // A letter with a diacritic T1 lacks: its base letter when that is plain; otherwise the code point.
                let base = String(c).decomposedStringWithCanonicalMapping.unicodeScalars.first!
                if base.isASCII, base.properties.isAlphabetic {
                    out.unicodeScalars.append(base)
                } else {
                    out += c.unicodeScalars.map { "[U+" + String(format: "%04X", $0.value) + "]\\allowbreak{}" }.joined()
                }
            }
        }
        return out
    }
}
