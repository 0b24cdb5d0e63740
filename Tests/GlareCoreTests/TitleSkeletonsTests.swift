import Foundation
import GlareTestSupport
import Testing

@testable import GlareCore

/// The title screen of the GKG matcher against the matcher itself: over generated titles (the roster's
/// aliases written in every case, with hyphens, underscores, apostrophes, runs of spaces, entities,
/// diacritics, curly quotes, Cyrillic and Chinese beside plain words), every title in which the title
/// matcher finds someone is kept, and so is every title the fold-and-scan screen keeps; ASCII titles are
/// judged with no fold, and most titles naming no one are left out.
struct TitleSkeletonsTests {
    static let roster = try! Roster.load(contentsOf: Fixtures.roster)

    /// A roster alias, spelled as a title might spell it.
    static func spelled(_ alias: String, _ g: inout SplitMix64) -> String {
        var s = alias
        switch g.next() % 8 {
        case 0: s = s.uppercased()
        case 1: s = s.lowercased()
        case 2: s = s.replacingOccurrences(of: " ", with: "-")
        case 3: s = s.replacingOccurrences(of: " ", with: "  _ ")
        case 4: s = s.replacingOccurrences(of: " ", with: "'")
        case 5: s = s.replacingOccurrences(of: " ", with: "&nbsp;")
        case 6: s = String(s.dropLast())  // no longer the alias
        default: break
        }
        return s
    }

    static let words = [
        "Journalist", "sentenced", "in", "Baku", "court", "prison", "Caf\u{E9}", "\u{2019}s", "&amp;", "r\u{E9}sum\u{E9}", "\u{201C}free\u{201D}",
        "\u{41F}\u{440}\u{430}\u{432}\u{430}", "\u{4EBA}\u{6743}", "e\u{301}", "--", "A.B.", "2015", "_", "Ismay", "ilova", "Khadija's", "",
    ]

    @Test func keepsEveryTitleTheMatcherMatches() {
        let matcher = GKGNameMatcher(roster: Self.roster)
        let aliases = Self.roster.people.filter(\.matchable).flatMap { $0.aliases.map(\.text) }
        var g = SplitMix64(seed: 41)
        var titles: [String] = []
        for _ in 0..<3_000 {
            var parts: [String] = []
            for _ in 0..<Int(g.next() % 9) {
                parts.append(
                    g.next() % 6 == 0 ? Self.spelled(aliases[Int(g.next() % UInt64(aliases.count))], &g) : Self.words[Int(g.next() % UInt64(Self.words.count))])
            }
            titles.append(parts.joined(separator: g.next() % 5 == 0 ? "" : " "))
        }
        var text: [UInt8] = []
        var starts: [Int32] = [], ends: [Int32] = []
        for t in titles {
            text += Array("<junk>".utf8)
            starts.append(Int32(text.count))
            text += Array(t.utf8)
            ends.append(Int32(text.count))
        }
        let kept = text.withUnsafeBufferPointer { matcher.titlesWithAliases(in: $0, starts: starts, ends: ends) }
        // The fold-and-scan screen over every title, as before the skeletons.
        var joined: [UInt8] = []
        var joinedStarts: [Int] = []
        for t in titles {
            joinedStarts.append(joined.count)
            joined += Array(t.utf8) + [0x0A]
        }
        let folded = joined.withUnsafeBufferPointer { matcher.titlesWithAliases($0, starts: joinedStarts) }
        var matched = 0, asciiMatched = 0, keptCount = 0
        for (i, t) in titles.enumerated() {
            if kept[i] { keptCount += 1 }
            #expect(!folded[i] || kept[i], "the fold keeps title \(i) (\(t)), the screen does not")
            guard !matcher.titleMatcher.match(text: t).people.isEmpty else { continue }
            matched += 1
            if t.utf8.allSatisfy({ $0 < 0x80 && $0 != 0x26 }) { asciiMatched += 1 }
            #expect(kept[i], "the title matcher finds someone in title \(i) (\(t)); the screen left it out")
        }
        // The generated titles reach both paths, and the screen leaves out most titles naming no one.
        #expect(matched > 100 && asciiMatched > 50, "\(matched) titles matched, \(asciiMatched) of them in plain ASCII")
        #expect(keptCount < matched + (titles.count - matched) / 2, "kept \(keptCount) of \(titles.count), \(matched) matched")
    }

    @Test func skeletonsSpanSeparatorsAndCaseButNotTitles() {
        let screen = TitleSkeletons(aliases: [Array("khadija ismayilova".utf8), Array("\u{4EBA}\u{6743}".utf8)])!
        let titles = ["KHADIJA -- Ismayilova freed", "khadija_ismayilova", "Khadija", "Ismayilova wins", "Khadija Ismayilov\u{E1}", "x&y khadija ismayilova"]
        var text: [UInt8] = []
        var starts: [Int32] = [], ends: [Int32] = []
        for t in titles {
            starts.append(Int32(text.count))
            text += Array(t.utf8)
            ends.append(Int32(text.count))
        }
        var kept = [Bool](repeating: false, count: titles.count)
        let unjudged = text.withUnsafeBufferPointer { screen.screen($0, starts: starts, ends: ends, kept: &kept) }
        #expect(kept == [true, true, false, false, false, false])
        // "Khadija" and "Ismayilova wins" are adjacent but apart: no occurrence runs over a title's end.
        #expect(unjudged == [4, 5])
        // An alias with no letter or digit would be in every skeleton: no screen.
        #expect(TitleSkeletons(aliases: [Array("--".utf8)]) == nil)
    }
}
