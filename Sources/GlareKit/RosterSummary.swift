public import GlareCore

/// What `glare roster` prints: the roster's groups and people, one line each.
public enum RosterSummary {
    public static func text(_ roster: Roster, file: String) -> String {
        var lines = [
            "\(file): \(roster.name), \(roster.people.count) people"
                + (roster.eventDate.map { "; event \($0)" } ?? "")
        ]
        for group in Person.Group.allCases {
            let people = roster.people(in: group)
            guard !people.isEmpty else { continue }
            lines.append("\(group.rawValue) (\(people.count)):")
            for p in people {
                var facts: [String] = []
                if let c = p.country { facts.append(c) }
                if let d = p.campaignDay { facts.append("day \(d)") }
                if let r = p.released { facts.append("released \(r)") }
                if p.ambiguous { facts.append("ambiguous: needs context") }
                if !p.matchable { facts.append("not matched in text") }
                lines.append("  \(p.id)  \(p.name)  [\(p.aliases.count) aliases]  \(facts.joined(separator: "; "))")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
