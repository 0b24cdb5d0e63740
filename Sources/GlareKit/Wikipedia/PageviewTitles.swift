import GlareCore
import GlareParsers

/// Which dump titles a roster cares about: per edition, each confirmed title and the person it counts
/// for; and the titles worth keeping in a file's extract (confirmed titles, and every alias written as
/// a title, so that a title confirmed later can be counted from extracts already stored).
struct PageviewTitles {
    /// Edition → dump title → person, for confirmed titles only (only these are counted).
    let confirmed: [String: [String: String]]
    /// Titles kept in extracts, in every edition.
    let kept: Set<String>

    init(roster: Roster) {
        var confirmed: [String: [String: String]] = [:]
        var kept = Set<String>()
        for person in roster.people {
            for (lang, title) in person.wikipedia {
                let t = PageviewDumpLine.dumpTitle(title)
                confirmed[lang, default: [:]][t] = person.id
                kept.insert(t)
            }
            guard person.matchable else { continue }
            for alias in [person.name] + person.aliases.map(\.text) {
                let t = PageviewDumpLine.dumpTitle(alias)
                kept.insert(t)
                kept.insert(t.prefix(1).uppercased() + t.dropFirst())
            }
        }
        self.confirmed = confirmed
        self.kept = kept
    }

    /// The person a line counts for, if its title is confirmed in its edition.
    func person(_ line: PageviewDumpLine) -> String? { confirmed[line.project]?[line.title] }
}
