import GlareCore
public import GlareStore

/// The contract every way into Glare keeps (Trends exports and API, GDELT GKG, archive downloads,
/// feeds and news APIs, count APIs, Wikipedia dumps, count tables).
///
/// - **Evidence**: an importer or fetcher stores what it read, once, before any series is made: the
///   snapshot of the bytes, and what was read from them (documents and their mentions, GKG name indexes
///   and matches, Trends values, reported counts, dump extracts).
/// - **Coverage**: it stores, as data, what it covered: GKG slots processed, absent or failed per day;
///   the spans a feed fetch, a news API query or an archive search covered; the hours of a dump. `derive`
///   carries it into every period of every series (`AttentionSeries.coverage`), where readers find it.
/// - **Derivation**: its series are a function of stored evidence, coverage and the roster, computed
///   by `derive`; `rematch` re-reads the evidence with a new roster. Every series a source derives is
///   stored under its `kind`, which owns its rows of the `series` table: nothing else writes them.
///
/// A period is observed only when its coverage is complete; a partly covered period is stored as
/// partial (missing unless a reader admits it); every roster person the source covers gets a series,
/// zero on covered days without a mention.
public protocol SeriesSource: Sendable {
    /// The registry entry whose series this source owns.
    var kind: SeriesKind { get }

    /// Matches the stored evidence again with the context's roster; returns how many stored items
    /// (documents, files, columns) were read again. Sources whose evidence does not depend on the
    /// roster return 0.
    func rematch(_ context: DerivationContext) throws -> Int

    /// Every series of the kind, derived from stored evidence, coverage and the roster; with `only`, a
    /// source may skip series sources outside it (the deriver keeps only those inside it either way).
    func derive(_ context: DerivationContext, only: Set<String>?) throws -> [StoredSeries]
}
