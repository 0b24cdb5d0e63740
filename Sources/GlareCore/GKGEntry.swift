/// One GDELT Global Knowledge Graph record, reduced to what Glare matches on and shows: an entry of a
/// file's name index. GDELT extracted the names; Glare compares them with the roster's aliases.
public struct GKGEntry: Sendable, Equatable {
    /// A name with the number of times GDELT found it in the article.
    public struct Name: Sendable, Equatable {
        public let text: String
        public let count: Int
        public init(_ text: String, count: Int) {
            self.text = text
            self.count = count
        }
    }

    /// GKGRECORDID (`20150901120000-17`, `-T` for the translingual stream).
    public let recordId: String
    /// V2.1DATE, `YYYYMMDDHHMMSS` (UTC).
    public let date: String
    /// V2SOURCECOMMONNAME (the outlet's domain).
    public let outlet: String
    /// V2DOCUMENTIDENTIFIER (the article's URL).
    public let url: String
    /// The page title, from the extras field; empty when GDELT gave none.
    public let title: String
    /// V2ENHANCEDPERSONS (V1PERSONS when empty), with occurrence counts.
    public let persons: [Name]
    /// V2.1ALLNAMES, with occurrence counts.
    public let names: [Name]
    /// V1ORGANIZATIONS.
    public let organizations: [String]
    /// V1THEMES.
    public let themes: [String]

    public init(
        recordId: String, date: String, outlet: String, url: String, title: String,
        persons: [Name], names: [Name], organizations: [String], themes: [String]
    ) {
        self.recordId = recordId
        self.date = date
        self.outlet = outlet
        self.url = url
        self.title = title
        self.persons = persons
        self.names = names
        self.organizations = organizations
        self.themes = themes
    }

    /// The UTC day of `date`.
    public var day: Day? { Day(compact: date) }
}
