import Foundation
import GlareCore
import GlareTestSupport
import Testing

@Suite struct RosterTests {
    @Test func bundledRosterHasTheCampaign() throws {
        let roster = try Roster.load(contentsOf: Fixtures.roster)
        #expect(roster.name == "#FreeThe20")
        #expect(roster.eventDate?.iso == "2015-09-01")
        #expect(roster.people(in: .featured).count == 19)
        #expect(roster.people(in: .collective).map(\.id) == ["north-korea-women-prisoners"])
        #expect(roster.people(in: .control).count >= 5)
        #expect(Set(roster.people.compactMap(\.campaignDay)) == Set(1...20))

        let liu = try #require(roster["liu-xia"])
        #expect(liu.ambiguous)
        #expect(liu.aliases.contains { $0.text == "刘霞" && $0.language == "zh-Hans" })
        #expect(liu.released?.exactDay?.iso == "2018-07-10")
        #expect(liu.contextTerms.contains("Liu Xiaobo"))

        let nk = try #require(roster["north-korea-women-prisoners"])
        #expect(!nk.matchable)
        #expect(roster["blen-mesfin"]?.arrested?.description == "2015-04")
    }

    @Test func termsFindPeopleInAnyScriptAndSpelling() throws {
        let roster = try Roster.load(contentsOf: Fixtures.roster)
        #expect(roster.people(named: "liu xia").map(\.id) == ["liu-xia"])
        #expect(roster.people(named: "刘霞").map(\.id) == ["liu-xia"])
        #expect(roster.people(named: "Bui Thi Minh Hang").map(\.id) == ["bui-thi-minh-hang"])
        #expect(roster.people(named: "Maria Lourdes Afiuni").map(\.id) == ["maria-lourdes-afiuni"])
        #expect(roster.people(named: "Nadia Savchenko").map(\.id) == ["nadiya-savchenko"])
        #expect(roster.people(named: "Reeyot Alemu").map(\.id) == ["reeyot-alemu"])
        #expect(roster.people(named: "Women political prisoners, North Korea (unnamed)").isEmpty)
        #expect(roster.people(named: "Hurricane Maria").isEmpty)
    }

    func error(_ yaml: String) -> RosterError? {
        do {
            _ = try Roster.parse(yaml: yaml, file: "r.yaml")
            return nil
        } catch let e as RosterError {
            return e
        } catch {
            return nil
        }
    }

    /// Ids are lower-case letters, digits and hyphens, beginning with a letter or digit; Wikipedia language
    /// codes the same, beginning with a letter.
    @Test(arguments: [
        ("gao-yu", "en", true), ("1st-prisoner", "zh-yue", true), ("a", "az", true),
        ("-gao", "en", false), ("Gao-Yu", "en", false), ("gao_yu", "en", false), ("gaö", "en", false), ("gao yu", "en", false),
        ("\"gao\\n\"", "en", false), ("gao", "1en", false), ("gao", "EN", false), ("gao", "zh_yue", false), ("gao", "\"en\\n\"", false),
    ])
    func idsAndLanguageCodesAreLowerCaseCodes(id: String, language: String, valid: Bool) {
        let yaml = "people:\n  - id: \(id)\n    name: Gao Yu\n    aliases: [Gao Yu]\n    wikipedia: {\(language): Gao_Yu}\n"
        #expect(((try? Roster.parse(yaml: yaml, file: "r.yaml")) != nil) == valid, "\(id) \(language)")
    }

    @Test func duplicateIdNamesBothLines() {
        let e = error(
            """
            people:
              - id: a
                name: A
                aliases: [Ann Lee]
              - id: a
                name: B
                aliases: [Bo Chen]
            """)
        #expect(e?.description == "r.yaml:5: person 'a': duplicate id (first used on line 2)")
    }

    @Test func hostileAliasesAreErrorsNamingTheLine() {
        // The same key twice in one mapping: YAML keeps the last silently; the roster refuses it.
        let twice = error("people:\n  - id: a\n    name: Ann Lee\n    aliases: [Ann Lee]\n    aliases: [Annie Lee]\n")
        #expect(twice?.line == 5 && twice?.reason.contains("given twice") == true, "\(String(describing: twice))")
        // One spelling under two people.
        let shared = error("people:\n  - {id: a, name: Wang Yu, aliases: [Wang Yu]}\n  - {id: b, name: Yu Wang, aliases: [Yu Wang, Wang Yu]}\n")
        #expect(shared?.person == "b" && shared?.reason.contains("also an alias of a (line 2)") == true, "\(String(describing: shared))")
        // One Han character matches inside other words.
        let han = error("people:\n  - {id: a, name: Wang Yi, aliases: [Wang Yi, 王]}\n")
        #expect(han?.reason.contains("one character of a script written without spaces") == true)
        // Common words only match everything; punctuation only matches nothing.
        #expect(error("people:\n  - {id: a, name: Ann Lee, aliases: [Ann Lee, and the]}\n")?.reason.contains("common words only") == true)
        #expect(error("people:\n  - {id: a, name: Ann Lee, aliases: [Ann Lee, \"--!\"]}\n")?.reason.contains("no letters or digits") == true)
        // Two-character Han names and one-word names in spaced scripts stay allowed.
        #expect(error("people:\n  - {id: a, name: Liu Xia, aliases: [Liu Xia, 刘霞]}\n") == nil)
    }

    @Test func emptyAliasIsAnError() {
        #expect(
            error(
                """
                people:
                  - id: a
                    name: A
                    aliases: ["Ann Lee", "  "]
                """)?.description == "r.yaml:4: person 'a': empty alias")
        #expect(
            error(
                """
                people:
                  - id: a
                    name: A
                    aliases: []
                """)?.description == "r.yaml:4: person 'a': no aliases: give at least one, or set 'match: false' for an entry that is never matched in text")
    }

    @Test func unknownFieldIsAnError() {
        let e = error(
            """
            people:
              - id: gao-yu
                name: Gao Yu
                alias: [Gao Yu]
            """)
        #expect(e?.line == 4)
        #expect(e?.person == "gao-yu")
        #expect(e?.description.hasPrefix("r.yaml:4: person 'gao-yu': unknown field 'alias' (known: aliases, ambiguous,") == true)
    }

    @Test func badDatesAreErrors() {
        #expect(
            error(
                """
                people:
                  - id: a
                    name: A
                    aliases: [Ann Lee]
                    released: 2015-02-30
                """)?.description == "r.yaml:5: person 'a': released '2015-02-30' is not a date (YYYY-MM-DD, YYYY-MM or YYYY; null when unknown)")
        #expect(
            error(
                """
                event: {date: 2015-9-1}
                people: []
                """)?.description == "r.yaml:1: event date '2015-9-1' is not YYYY-MM-DD")
    }

    @Test func malformedYAMLAndMissingFile() {
        #expect(error("people:\n  - id: a\n   name: [unclosed\n")?.line != nil)
        #expect(throws: RosterError.self) { try Roster.load(contentsOf: URL(fileURLWithPath: "/nonexistent/roster.yaml")) }
    }

    @Test func nameIsAlwaysAnAlias() throws {
        let r = try Roster.parse(
            yaml: """
                people:
                  - id: a
                    name: Gao Yu
                    aliases: [{text: "高瑜", lang: zh-Hans}]
                """, file: "r.yaml")
        #expect(r["a"]?.aliases.map(\.text) == ["Gao Yu", "高瑜"])
    }

    /// Issue 18 item 3: a deeply nested flow sequence overflowed the stack inside the YAML parser; the
    /// nesting is bounded on the raw text first, and the error names the line.
    @Test func deepNestingIsRefusedWithItsLine() {
        let flow = "people:\n  - id: a\n    aliases: " + String(repeating: "[", count: 200_000) + "\n"
        #expect(error(flow)?.description == "r.yaml:3: not a roster: the YAML nests more than 64 levels deep here")
        let compact = "people:\n" + String(repeating: "- ", count: 100_000) + "x\n"
        #expect(error(compact)?.line == 2)
        let indented = (0..<200).map { String(repeating: " ", count: $0 * 2) + "k\($0):" }.joined(separator: "\n")
        #expect(error(indented)?.line == 65)
        // A quote inside a plain scalar is a character of it, not a quoted scalar hiding the brackets after it
        // (a YAML parser nests them: this overflowed the stack).
        let deep = String(repeating: "[", count: 30_000)
        for head in [
            "x: a \"b\ny: ", "x: a 'b\ny: ", "x: a - \"b\ny: ", "[a:\"b, ", "x: a:'b\ny: ", "x: &a \"[ \"\ny: ", "[&a \"[ \", ",
            "x: !!str \"[ \"\ny: ", "x: a\n  \"b\ny: ", "note: |\n  \"q\ny: ", "x: a[ \"b\ny: ", "x: a[\ny: b, \"c\nz: ",
        ] {
            #expect(YAMLNesting.firstLineTooDeep(head + deep) == head.filter { $0 == "\n" }.count + 1, "\(head)")
        }
    }

    /// The bound never refuses an ordinary roster: brackets in quotes and comments do not count, and the
    /// rosters shipped with Glare pass.
    @Test func nestingBoundLeavesRealRostersAlone() throws {
        let quoted = "# [[[[[[[[ a comment\npeople:\n  - id: a\n    note: \"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\"\n"
        #expect(YAMLNesting.firstLineTooDeep(quoted) == nil)
        let brackets = String(repeating: "[", count: 70)
        for text in [
            "a: '\(brackets)'", "a: 'it''s \(brackets)'", "{\"a\":\"\(brackets)\"}", "- \"\(brackets)\"", "[x, '\(brackets)']", "a:\n  - '\(brackets)'",
            "x: &a \"\(brackets)\"", "--- \"\(brackets)\"", "x: !!str '\(brackets)'", "[&a '\(brackets)', !t \"\(brackets)\"]",
        ] {
            #expect(YAMLNesting.firstLineTooDeep(text) == nil, "\(text)")
        }
        #expect(YAMLNesting.firstLineTooDeep(String(repeating: "[", count: 64)) == nil)
        #expect(YAMLNesting.firstLineTooDeep(String(repeating: "[", count: 65)) == 1)
        for url in [Fixtures.roster, Fixtures.root.appendingPathComponent("Feeds/sources.yaml")] {
            let text = try String(contentsOf: url, encoding: .utf8)
            #expect(YAMLNesting.firstLineTooDeep(text) == nil, "\(url.path)")
        }
    }
}
