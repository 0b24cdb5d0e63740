import GlareCore
import Testing

@Suite struct NameFoldingTests {
    @Test func latinDiacriticsAndCase() {
        #expect(NameFolding.fold("Bùi Thị Minh Hằng") == NameFolding.fold("BUI THI MINH HANG"))
        #expect(NameFolding.fold("María Lourdes Afiuni") == "maria lourdes afiuni")
        #expect(NameFolding.fold("Nadja Savčenko") == "nadja savcenko")
    }

    @Test func turkishAndAzerbaijaniI() {
        #expect(NameFolding.fold("Xədicə İsmayılova") == "xədicə ismayilova")
        #expect(NameFolding.fold("İSMAYILOVA") == NameFolding.fold("ismayılova"))
    }

    @Test func separatorsAndCompatibilityForms() {
        #expect(NameFolding.fold("  Phyoe\u{00A0}Phyoe -- Aung ") == "phyoe phyoe aung")
        #expect(NameFolding.fold("O’Neil") == NameFolding.fold("O'Neil"))
        #expect(NameFolding.fold("ＬＩＵ　ＸＩＡ") == "liu xia")  // full-width forms (NFKC)
    }

    @Test func otherScriptsKeepTheirMarks() {
        #expect(NameFolding.fold("刘霞") == "刘霞")
        #expect(NameFolding.fold("سناء سيف") == "سناء سيف")
        #expect(NameFolding.fold("Надежда Савченко") == "надежда савченко")
    }

    @Test func slugs() {
        #expect(NameFolding.slug("Hurricane Maria: (United States)") == "hurricane-maria-united-states")
        #expect(NameFolding.slug("刘霞") == "刘霞")
        #expect(NameFolding.slug("=cmd|' /C calc'!A0") == "cmd-c-calc-a0")
        #expect(NameFolding.slug("***") == "term")
    }
}
