import Foundation
import GlareCore
import GlareKit
import GlareParsers
import GlareStore
import GlareTestSupport
import Testing

/// Issue 19: a rebuild matches a stored name index in place (`GKGNameIndexTable`: each distinct name
/// once by its number, the titles folded and scanned together, entries made only for candidates). It
/// must give exactly the rows the record-by-record path gives, whatever the names and titles.
@Suite struct GKGNameIndexTableTests {
    static let processor = GKGFileProcessor(matcher: GKGNameMatcher(roster: try! Roster.load(contentsOf: Fixtures.roster)))

    /// Titles and names meant to trip a filter: folding (case, entities, diacritics, dotted i, dashes),
    /// aliases in other scripts, an alias only with a word glued on, context terms, combining marks at
    /// a title's start and end (where titles meet in the joined text), empty and space-only titles.
    static let titles = [
        "", " ", "Khadija Ismayilova jailed", "KHADIJA ISMAYILOVA", "Khadija&nbsp;Ismayilova freed", "khadija-ismayilova",
        "Xkhadija Ismayilovax", "Ismajilova", "Azerbaijan jails journalist Khadija Ismayilova for 7½ years", "\u{301}Khadija Ismayilova",
        "Khadija Ismayilova\u{301}", "Wang Yu, kung fu star", "Lawyer Wang Yu held", "王宇被捕", "律师王宇", "بهاره هدایت", "وبهاره هدایت",
        "ብሌን መስፍን ታሰረች", "Story number 12 of 20150901000000", "Liu Xia", "liu xiaobo and LIU XIA", "İsmayilova Khadija", "Gao Yu&#39;s trial",
        "Nadiya Savchenko", "Nadiya\nSavchenko", "Savchenko", "Nadiya", "Khadija", "Ismayilova\u{300}", "刘霞", "Meron Alemayehu",
    ]
    static let names = [
        "Liu Xia", "LIU XIA", " Liu Xia ", "Liu Xiaobo", "Wang Yu", "王宇", "Khadija Ismayilova", "Khadija Ismayil", "Someone Else", "James Smith",
        "Nadiya Savchenko", "Nadiya  Savchenko", "Gao Yu", "Xadija", "Liu&amp;Xia", "Bahareh Hedayat", "Smith Ministry",
    ]
    static let themes = ["TAX_FNCACT_LAWYER", "ARREST", "TAX_FNCACT_ACTOR", "MOVIES", "MILITARY", "LEADER"]
    static let organizations = ["International Judo Federation", "United Nations", "Nobel Committee"]

    static func entries(_ n: Int, seed: UInt64) -> [GKGEntry] {
        var rng = SeededGenerator(seed: seed)
        func some<T>(_ pool: [T], _ most: Int) -> [T] { (0..<Int.random(in: 0...most, using: &rng)).map { _ in pool.randomElement(using: &rng)! } }
        return (0..<n).map { i in
            GKGEntry(
                recordId: "20150901000000-\(i)", date: Bool.random(using: &rng) ? "20150901000000" : "20150902001500",
                outlet: "outlet\(Int.random(in: 1...5, using: &rng)).example", url: "https://a.example/\(Int.random(in: 0..<(n / 2 + 1), using: &rng))",
                title: titles.randomElement(using: &rng)!,
                persons: some(names, 3).map { GKGEntry.Name($0, count: Int.random(in: 1...4, using: &rng)) },
                names: some(names, 4).map { GKGEntry.Name($0, count: Int.random(in: 1...4, using: &rng)) },
                organizations: some(organizations, 2), themes: some(themes, 3))
        }
    }

    @Test(arguments: [1, 2, 3, 4, 5]) func matchesInPlaceEqualRecordByRecord(seed: UInt64) throws {
        let entries = Self.entries(400, seed: seed)
        let index = GKGNameIndex.encode(entries)
        let table = try #require(try GKGNameIndexTable(index, source: "test"))
        #expect(table.count == entries.count)
        #expect((0..<table.count).map(table.entry) == entries)
        #expect((0..<table.count).map(table.recordId) == entries.map(\.recordId))
        var a = GKGNameMatcher.NameCache(), b = GKGNameMatcher.NameCache()
        let byRecord = try Self.processor.matches(entries, cache: &a)
        let inPlace = try Self.processor.matches(table, cache: &b)
        #expect(inPlace == byRecord)
        // The inputs reach every path: name matches, title matches, context admitted and refused.
        #expect(Set(byRecord.map(\.person)).count >= 4)
        #expect(byRecord.contains { $0.evidence.contains("\"field\":\"title\"") })
        #expect(byRecord.contains { $0.evidence.contains("\"context\"") })
    }

    @Test func everyTitleAloneAndBesideEveryOther() throws {
        // Each title beside each other one (both orders), so every pair of neighbours in the joined text is met.
        var entries: [GKGEntry] = []
        for a in Self.titles {
            for b in Self.titles {
                for t in [a, b] {
                    entries.append(
                        GKGEntry(
                            recordId: "r\(entries.count)", date: "20150901000000", outlet: "o", url: "u\(entries.count)", title: t,
                            persons: [], names: [], organizations: ["lawyer"], themes: ["TAX_FNCACT_LAWYER"]))
                }
            }
        }
        let table = try #require(try GKGNameIndexTable(GKGNameIndex.encode(entries), source: "test"))
        var a = GKGNameMatcher.NameCache(), b = GKGNameMatcher.NameCache()
        let byRecord = try Self.processor.matches(entries, cache: &a)
        #expect(try Self.processor.matches(table, cache: &b) == byRecord)
        #expect(byRecord.count > 100)
    }

    @Test func damageIsReportedAsDecodeReportsIt() throws {
        let index = GKGNameIndex.encode(Self.entries(20, seed: 9))
        #expect(try GKGNameIndexTable(GKGNameIndex.encodeV1(Self.entries(3, seed: 9)), source: "v1") == nil)
        for cut in [index.count - 1, index.count - 7, index.count / 2, 40] {
            let damaged = index.prefix(cut)
            var decodeError = "", tableError = ""
            do { _ = try GKGNameIndex.decode(damaged, source: "x.names") } catch { decodeError = "\(error)" }
            do { _ = try GKGNameIndexTable(damaged, source: "x.names") } catch { tableError = "\(error)" }
            #expect(!decodeError.isEmpty && tableError == decodeError, "cut at \(cut)")
        }
        // Invalid UTF-8 in a string of the table.
        var bytes = [UInt8](index)
        let at = try #require(bytes.firstIndex(of: UInt8(ascii: "L")))
        bytes[at] = 0xFF
        #expect(throws: ParseError.self) { try GKGNameIndexTable(Data(bytes), source: "x.names") }
        #expect(throws: ParseError.self) { try GKGNameIndex.decode(Data(bytes), source: "x.names") }
    }

    /// SplitMix64: the same inputs on every run.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}
