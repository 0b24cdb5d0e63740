public import GlareCore
public import GlareStore

/// What a source derives its series with: the open transaction, the roster in force, and the
/// snapshot archive (for evidence kept as snapshots, such as GKG name indexes and dump extracts).
public struct DerivationContext {
    public let tx: StoreTransaction
    public let roster: Roster
    public let archive: SnapshotArchive
    /// Documents a caller already holds, by database: every document of each of these databases, as
    /// `StoreTransaction.documentSketches` would read them (a fetch that has just stored a new feed's first
    /// items hands them over instead of reading them back). Sources read the other databases from the store.
    public var documentsInHand: [String: [StoreTransaction.DocumentSketch]] = [:]

    public init(tx: StoreTransaction, roster: Roster, archive: SnapshotArchive) {
        self.tx = tx
        self.roster = roster
        self.archive = archive
    }

    /// The ids of the roster people matched in text (collective entries are not).
    public var matchablePeople: [String] { roster.people.filter(\.matchable).map(\.id) }
}
