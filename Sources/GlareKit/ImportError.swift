/// Why files could not be imported. Nothing is stored when an import fails.
public enum ImportError: Error, Equatable, CustomStringConvertible {
    /// A file could not be read.
    case unreadable(path: String, reason: String)
    /// A term in an export is not on the roster.
    case unknownTerm(file: String, term: String, roster: String)
    /// A term matches several roster people.
    case ambiguousTerm(file: String, term: String, people: [String])
    /// `--person` names nobody on the roster.
    case unknownPerson(String, roster: String)
    /// `--person` was given for a file with several terms.
    case personForMultiTermFile(file: String, terms: Int)
    /// An API response names no terms and none (or the wrong number) were given.
    case apiTermsNeeded(file: String, values: Int, given: Int)
    /// No files were found to import.
    case nothingToImport(String)
    /// A source name that cannot name a source.
    case badName(String)
    /// `--geo` names a region the report does not hold.
    case noSuchRegion(file: String, geo: String, regions: [String])

    public var description: String {
        switch self {
        case let .unreadable(path, reason):
            return "\(path): cannot read (\(reason))"
        case let .unknownTerm(file, term, roster):
            return
                "\(file): term '\(term)' is not on the roster (\(roster)); add it as an alias there, use --person ID for a single-term file, or --allow-unknown-terms to keep it as a series of its own"
        case let .ambiguousTerm(file, term, people):
            return "\(file): term '\(term)' matches several people on the roster (\(people.joined(separator: ", "))); use --person ID"
        case let .unknownPerson(id, roster):
            return "--person '\(id)' is not an id on the roster (\(roster))"
        case let .personForMultiTermFile(file, terms):
            return "\(file): --person applies to single-term files, and this one has \(terms) terms"
        case let .apiTermsNeeded(file, values, given):
            return
                "\(file): this Trends API response has \(values) value(s) per point but does not name its terms; give them in order with --term (\(given) given)"
        case let .nothingToImport(path):
            return "\(path): no files to import"
        case let .noSuchRegion(file, geo, regions):
            return "\(file): no region '\(geo)' in this report; it holds \(regions.joined(separator: ", "))"
        case let .badName(name):
            return "--source '\(name)' cannot name a source: use letters, digits and - _ . / only"
        }
    }
}
