import GlareCore
import Testing

/// Identifiers are lower-case ASCII letters, digits and hyphens, beginning with a letter (or a digit where allowed).
@Suite struct IdentifierTests {
    @Test func lowerCaseLettersDigitsAndHyphens() {
        for id in ["gao-yu", "1st-prisoner", "a", "feed-12", "zh-yue"] { #expect(Identifier.isValid(id), "\(id)") }
        for id in ["", "-gao", "Gao", "gao_yu", "gaö", "gao yu", "gao\n", "gao\r\n", "gao\u{2028}", "ｇao", "gao."] {
            #expect(!Identifier.isValid(id), "\(id.debugDescription)")
        }
        #expect(Identifier.isValid("zh-yue", digitFirst: false) && !Identifier.isValid("1en", digitFirst: false))
    }
}
