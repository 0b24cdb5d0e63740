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

    /// The names a table lists, and the records naming any of a set of them, as the entries say.
    @Test(arguments: [1, 2, 3]) func recordsNamingFlaggedStrings(seed: UInt64) throws {
        let entries = Self.entries(300, seed: seed)
        let table = try #require(try GKGNameIndexTable(GKGNameIndex.encode(entries), source: "test"))
        let strings = (0..<table.stringCount).map(table.string)
        let names = Set(entries.flatMap { ($0.persons + $0.names).map(\.text) })
        #expect(Set(table.nameStrings.map { strings[Int($0)] }) == names && table.nameStrings == table.nameStrings.sorted())
        var rng = SeededGenerator(seed: seed)
        for _ in 0..<5 {
            let chosen = Set(names.sorted().filter { _ in Int.random(in: 0..<4, using: &rng) == 0 })
            let flags = strings.map { chosen.contains($0) }
            #expect(table.records(namingAnyOf: flags) == entries.map { e in (e.persons + e.names).contains { chosen.contains($0.text) } })
        }
    }

    /// An import reads a file's rows into its name index and matches in it: the same matches and per-day
    /// URL hashes as reading every record as an entry and matching record by record.
    @Test(arguments: [1, 2, 3]) func anImportMatchesAsRecordByRecord(seed: UInt64) throws {
        // GKG rows made of the entries (names repeated as often as they are counted; a title's line break a reference).
        let rows = Self.entries(600, seed: seed).map { e -> String in
            func counted(_ names: [GKGEntry.Name]) -> String {
                names.flatMap { n in (0..<n.count).map { k in "\(n.text),\(k * 10)" } }.joined(separator: ";")
            }
            var f = [String](repeating: "", count: 27)
            (f[0], f[1], f[3], f[4], f[7]) = (e.recordId, e.date, e.outlet, e.url, e.themes.joined(separator: ";"))
            (f[12], f[13], f[23]) = (counted(e.persons), e.organizations.joined(separator: ";"), counted(e.names))
            f[26] = "<PAGE_TITLE>" + e.title.replacingOccurrences(of: "\n", with: "&#10;") + "</PAGE_TITLE>"
            return f.joined(separator: "\t")
        }
        let text = Data((rows.joined(separator: "\n") + "\n").utf8)
        var entries: [GKGEntry] = []
        let tally = GKGReader.read(text) { entries.append($0) }
        #expect(entries.count == 600)
        let slot = try #require(GKGSlot(stamp: "20150901000000"))
        let expected = try Self.processor.result(entries, tally: tally, name: "20150901000000.gkg.csv", slot: slot, translingual: false)
        for input in [GKGFileProcessor.Input.data(text), .data(try SyntheticGKG.zip(data: text, entry: "20150901000000.gkg.csv"))] {
            let name = {
                if case .data(let d) = input, d.starts(with: [0x50, 0x4B]) { return "20150901000000.gkg.csv.zip" } else { return "20150901000000.gkg.csv" }
            }()
            let output = try Self.processor.process(input, name: name, slot: nil, translingual: nil)
            #expect(output.result.matches == expected.matches && !expected.matches.isEmpty)
            #expect(output.result.days.mapValues(\.records) == expected.days.mapValues(\.records))
            #expect(output.result.days.mapValues(\.urlHashes) == expected.days.mapValues(\.urlHashes))
            #expect(output.result.days.count == 2 && output.result.rows == 600 && output.result.slot == "20150901000000")
            #expect(output.index == GKGNameIndex.encode(entries))
        }
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
