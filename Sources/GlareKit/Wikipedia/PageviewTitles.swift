import GlareCore
import GlareParsers

/// Which dump titles a roster cares about: per edition, each confirmed title and the person it counts
/// for (only these are counted); and which lines a file's extract keeps: those of confirmed titles and
/// of every title sharing a name word (three letters or more) with a roster name, alias or title, so that
/// a title confirmed later (a new spelling, an article found afterwards) can be counted from the
/// extracts already stored, by `glare rebuild`, without the dumps.
struct PageviewTitles {
    /// Edition → dump title → person, for confirmed titles only.
    let confirmed: [String: [String: String]]
    /// Lowercased name words of the roster.
    let words: Set<String>

    init(roster: Roster) {
        var confirmed: [String: [String: String]] = [:]
        var words = Set<String>()
        for person in roster.people {
            var names = person.aliases.map(\.text) + [person.name]
            for (lang, title) in person.wikipedia {
                confirmed[lang, default: [:]][PageviewDumpLine.dumpTitle(title)] = person.id
                names.append(title)
            }
            guard person.matchable || !person.wikipedia.isEmpty else { continue }
            for name in names { words.formUnion(Self.words(PageviewDumpLine.dumpTitle(name)).filter { $0.count >= 3 }) }
        }
        self.confirmed = confirmed
        self.words = words
    }

    /// The lowercased words of a dump title (split at underscores, brackets and punctuation).
    static func words(_ title: String) -> [String] {
        title.lowercased().split { $0 == "_" || $0 == "(" || $0 == ")" || $0 == "," || $0 == "." || $0 == "-" || $0 == "'" }.map(String.init)
    }

    /// The person a line counts for, if its title is confirmed in its edition.
    func person(_ line: PageviewDumpLine) -> String? { confirmed[line.project]?[line.title] }

    /// Whether a line belongs in the extract.
    func keeps(_ line: PageviewDumpLine) -> Bool {
        person(line) != nil || Self.words(line.title).contains { words.contains($0) }
    }
}
