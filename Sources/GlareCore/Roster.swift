/// The people a study measures, with their aliases and the facts that analyses need.
///
/// A roster is a YAML file a user edits (see `Feeds/roster.yaml`); `Roster.load(contentsOf:)` reads and validates it.
public struct Roster: Sendable {
    /// The study's name (`#FreeThe20`).
    public let name: String
    /// The event under study, when the roster names one.
    public let eventDate: Day?
    public let eventLabel: String?
    public let people: [Person]
    private let index: [String: Int]

    public init(name: String, eventDate: Day? = nil, eventLabel: String? = nil, people: [Person]) {
        self.name = name
        self.eventDate = eventDate
        self.eventLabel = eventLabel
        self.people = people
        var index: [String: Int] = [:]
        for (i, p) in people.enumerated() where index[p.id] == nil { index[p.id] = i }
        self.index = index
    }

    /// The person with the given id.
    public subscript(id: String) -> Person? { index[id].map { people[$0] } }

    /// People in a group.
    public func people(in group: Person.Group) -> [Person] { people.filter { $0.group == group } }

    /// The matchable people one of whose aliases (or name) folds to the same text as `term`.
    public func people(named term: String) -> [Person] {
        let key = NameFolding.fold(term)
        guard !key.isEmpty else { return [] }
        return people.filter { p in
            p.matchable && (NameFolding.fold(p.name) == key || p.aliases.contains { $0.folded == key })
        }
    }
}
