import GlareCore
import GlareTestSupport
import Testing

@Suite struct PersonMatcherTests {
    static let roster = try! Roster.load(contentsOf: Fixtures.roster)
    let matcher = PersonMatcher(roster: PersonMatcherTests.roster)

    func ids(_ text: String, title: String? = nil) -> [String] { matcher.match(text: text, title: title).ids }

    @Test func plainAliasesInAnyForm() {
        #expect(ids("Azerbaijani reporter Khadija Ismayilova was freed.") == ["khadija-ismayilova"])
        #expect(ids("KHADIJA ISMAYILOVA") == ["khadija-ismayilova"])
        #expect(ids("Activist Bui Thi Minh Hang") == ["bui-thi-minh-hang"])
        #expect(ids("Nhà hoạt động Bùi Thị Minh Hằng được trả tự do.") == ["bui-thi-minh-hang"])
        #expect(ids("Xədicə İsmayılova azadlığa buraxıldı") == ["khadija-ismayilova"])
        #expect(ids("Nadiya&nbsp;Savchenko returned to Kyiv") == ["nadiya-savchenko"])
        #expect(ids("Надежда Савченко вернулась") == ["nadiya-savchenko"])
    }

    @Test func invisibleMarksAreFoldedAwayOnBothSides() {
        // In the text: a zero-width space and a left-to-right mark inside the name, a word joiner, a BOM.
        #expect(ids("Khadija\u{200B} Ismayilova was freed.") == ["khadija-ismayilova"])
        #expect(ids("Khadija \u{200E}Ismayilova\u{2060} was freed.") == ["khadija-ismayilova"])
        #expect(ids("\u{FEFF}Nadiya Savchenko") == ["nadiya-savchenko"])
        // In an alias: pasted with a right-to-left mark and a zero-width non-joiner, it still matches plain text.
        let roster = Roster(name: "t", people: [Person(id: "x", name: "Sanaa Seif", aliases: [Alias(text: "\u{200F}Sanaa\u{200C} Seif\u{200F}")])])
        #expect(PersonMatcher(roster: roster).match(text: "Activist Sanaa Seif was sentenced.", title: nil).ids == ["x"])
        #expect(NameFolding.fold("Liu\u{200B} Xia") == NameFolding.fold("Liu Xia"))
    }

    @Test func wordBoundaries() {
        #expect(ids("Khadija Ismayilovas") == [])
        #expect(ids("the pilot Nadiya Savchenko's release") == ["nadiya-savchenko"])
    }

    @Test func ambiguousNamesNeedContext() {
        #expect(ids("Wang Yu won the high jump in Beijing.") == [])
        #expect(ids("Human rights lawyer Wang Yu was detained in the 709 crackdown.") == ["wang-yu"])
        #expect(ids("Wang Yu, the kung fu actor, starred with the lawyer's friends.") == [])  // exclusion wins
        #expect(ids("Liu Xia, the widow of Nobel laureate Liu Xiaobo, left for Berlin.") == ["liu-xia"])
        #expect(ids("Liu Xiaobo's prize was announced.") == [])
        #expect(ids("Sanaa Seif, sister of Alaa Abd El-Fattah, was pardoned in Egypt.") == ["sanaa-seif"])
    }

    @Test func evidenceIsAuditable() throws {
        let text = "Poet Liu Xia, wife of Liu Xiaobo, spoke."
        let m = try #require(matcher.match(text: text, title: "Nobel widow LIU XIA").people.first)
        #expect(m.person == "liu-xia")
        #expect(m.mentions == 2)
        #expect(m.evidence[0].field == "title")
        #expect(m.evidence[0].matched == "LIU XIA")
        #expect(m.evidence[0].rule == .context)
        #expect(m.evidence[1].field == "text")
        let bytes = Array(text.utf8)
        #expect(String(decoding: bytes[m.evidence[1].start..<m.evidence[1].end], as: UTF8.self) == "Liu Xia")
        #expect(["wife", "Liu Xiaobo", "poet", "Nobel", "widow"].contains(m.evidence[1].context ?? ""))
    }

    /// The context term cited is the first near one in the text, however long the text (the automaton
    /// scans long texts in interleaved parts and finds terms out of order).
    @Test func citedContextTermIsTheFirstNearOne() throws {
        let filler = String(repeating: "The weather was mild and the markets were calm. ", count: 40)
        for (before, after) in [(filler, ""), ("", filler), (filler, filler)] {
            let text = before + "The widow Liu Xia, wife of Liu Xiaobo, spoke. " + after
            let m = try #require(matcher.match(text: text).people.first)
            #expect(m.evidence.map(\.context) == ["widow"], "\(text.utf8.count) bytes")
        }
    }

    @Test func unspacedScripts() {
        #expect(ids("诺贝尔和平奖得主刘晓波的妻子刘霞抵达柏林") == ["liu-xia"])
    }

    @Test func emptyAndCollectiveEntries() {
        #expect(ids("") == [])
        #expect(ids("Women political prisoners, North Korea (unnamed)") == [])
    }
}

@Suite struct PersonMatcherFailureTests {
    @Test func aFiftyMegabyteDocument() throws {
        let roster = try Roster.load(contentsOf: Fixtures.roster)
        let matcher = PersonMatcher(roster: roster)
        let filler = String(repeating: "The court adjourned and the reporters left the building. ", count: 60_000)
        let text = filler + "Khadija Ismayilova was freed. " + filler + "Nadiya Savchenko returned. " + filler
        let big = String(repeating: text, count: 5)  // 5 × 3 × 3.4 MB of filler: over 50 MB
        let m = matcher.match(text: big)
        #expect(m.ids == ["khadija-ismayilova", "nadiya-savchenko"])
        #expect(m.people[0].mentions == 5)
        let first = m.people[0].evidence[0]
        #expect(first.start == filler.utf8.count)
        #expect(first.matched == "Khadija Ismayilova")
        // The last mention, past the 50th megabyte, is found where it is: the whole text was read.
        #expect(m.people[1].evidence.last?.start == 4 * text.utf8.count + 2 * filler.utf8.count + "Khadija Ismayilova was freed. ".utf8.count)
    }

    @Test func aPersonWithoutAliasesIsNeverMatched() throws {
        let roster = try Roster.parse(
            yaml: """
                people:
                  - id: nk
                    name: Women political prisoners, North Korea
                    group: collective
                    match: false
                    aliases: []
                  - id: a
                    name: Aster Yohannes
                    aliases: ["Aster Yohannes"]
                """, file: "r.yaml")
        let matcher = PersonMatcher(roster: roster)
        #expect(matcher.match(text: "Women political prisoners, North Korea; Aster Yohannes").ids == ["a"])
        #expect(matcher.match(text: "").ids.isEmpty)
        #expect(matcher.match(text: "   \n\n  ").ids.isEmpty)
    }
}
