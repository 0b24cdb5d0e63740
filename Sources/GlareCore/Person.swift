/// Someone whose attention Glare measures, as the roster describes them.
public struct Person: Hashable, Sendable, Identifiable {
    /// Why the person is on the roster.
    public enum Group: String, Sendable, CaseIterable {
        /// Named by the event under study (e.g. featured by the campaign).
        case featured
        /// Considered but not featured: a comparison group.
        case control
        /// A collective entry without a name to match in text.
        case collective
    }

    /// A stable, lowercase id (`liu-xia`).
    public let id: String
    public let name: String
    public let group: Group
    /// Every spelling to match, in every script; the display name is always among them unless the entry is collective.
    public let aliases: [Alias]
    public let country: String?
    /// The detaining state's nationality differs from the person's, when the roster says so.
    public let nationality: String?
    /// The campaign's day number for this person, when featured.
    public let campaignDay: Int?
    /// The calendar day she was featured, when established.
    public let featuredOn: Day?
    public let arrested: PartialDate?
    public let released: PartialDate?
    /// True when the name is common enough that a match needs a context term nearby.
    public let ambiguous: Bool
    public let contextTerms: [String]
    public let excludeTerms: [String]
    /// False for entries that must never be matched in text (collective entries).
    public let matchable: Bool
    public let note: String?
    /// Keys of the sources behind the facts.
    public let sources: [String]
    /// Confirmed Wikipedia article titles by language edition (`en` → `Liu_Xia`); only these are counted.
    public let wikipedia: [String: String]

    public init(
        id: String, name: String, group: Group = .featured, aliases: [Alias], country: String? = nil,
        nationality: String? = nil, campaignDay: Int? = nil, featuredOn: Day? = nil,
        arrested: PartialDate? = nil, released: PartialDate? = nil, ambiguous: Bool = false,
        contextTerms: [String] = [], excludeTerms: [String] = [], matchable: Bool = true,
        note: String? = nil, sources: [String] = [], wikipedia: [String: String] = [:]
    ) {
        self.id = id
        self.name = name
        self.group = group
        self.aliases = aliases
        self.country = country
        self.nationality = nationality
        self.campaignDay = campaignDay
        self.featuredOn = featuredOn
        self.arrested = arrested
        self.released = released
        self.ambiguous = ambiguous
        self.contextTerms = contextTerms
        self.excludeTerms = excludeTerms
        self.matchable = matchable
        self.note = note
        self.sources = sources
        self.wikipedia = wikipedia
    }
}
