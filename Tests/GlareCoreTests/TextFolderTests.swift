import Foundation
import GlareCore
import Testing

@Suite struct TextFolderTests {
    func folded(_ s: String) -> String { String(decoding: TextFolder.fold(s).bytes, as: UTF8.self) }

    /// The original text of folded range `a..<b`.
    func original(_ s: String, _ needle: String) -> String? {
        let f = TextFolder.fold(s)
        let text = String(decoding: f.bytes, as: UTF8.self)
        guard let r = text.range(of: needle) else { return nil }
        let a = text.utf8.distance(from: text.startIndex, to: r.lowerBound)
        let b = text.utf8.distance(from: text.startIndex, to: r.upperBound)
        let bytes = Array(s.utf8)
        return String(decoding: bytes[f.originalOffset(a)..<f.originalOffset(b)], as: UTF8.self)
    }

    @Test func foldsLikeNames() {
        #expect(folded("  Liu   XIA,\tpoet ") == "liu xia, poet")
        #expect(folded("Xədicə İsmayılova") == "xədicə ismayilova")
        #expect(folded("Bu\u{0300}i Thi\u{0323} Minh Ha\u{0306}\u{0300}ng") == "bui thi minh hang")  // decomposed input
        #expect(folded("Abd El-Fattah’s sister") == "abd el fattah s sister")
        #expect(folded("Caf&eacute; &amp; bar &#8212; &#x4E2D;") == "cafe & bar 中")
        #expect(folded("刘霞在北京") == "刘霞在北京")
        #expect(folded("بهاره هدایت") == "بهاره هدایت")
        #expect(folded("ＬＩＵ　ＸＩＡ") == "liu xia")
        #expect(folded("") == "")
        #expect(folded("&unknown; & &;") == "&unknown; & &;")
    }

    @Test func offsetsLeadBackToTheOriginal() {
        #expect(original("Poet  LIU\n\nXia spoke", "liu xia") == "LIU\n\nXia")
        #expect(original("Judge María Lourdes Afiuni Mora said", "maria lourdes afiuni") == "María Lourdes Afiuni")
        #expect(original("The judge, Mar&iacute;a Lourdes Afiuni, said", "maria lourdes") == "Mar&iacute;a Lourdes")
        #expect(original("据报道，刘霞今天在北京", "刘霞") == "刘霞")
        #expect(original("Xədicə İsmayılova (RFE/RL)", "ismayilova") == "İsmayılova")
        #expect(original("ＬＩＵ　ＸＩＡ wrote", "wrote") == "wrote")
        #expect(original("O’Neil and Bùi Thị Minh Hằng met", "bui thi minh hang") == "Bùi Thị Minh Hằng")
    }

    @Test func paragraphs() {
        let f = TextFolder.fold("First para.\n\nSecond para.\r\n\r\nThird.\nStill third.")
        #expect(f.paragraphBreaks.count == 2)
        let text = String(decoding: f.bytes, as: UTF8.self)
        let second = text.utf8.distance(from: text.startIndex, to: text.range(of: "second")!.lowerBound)
        let still = text.utf8.distance(from: text.startIndex, to: text.range(of: "still")!.lowerBound)
        #expect(f.paragraph(0) == 0)
        #expect(f.paragraph(second) == 1)
        #expect(f.paragraph(still) == 2)
    }
}
