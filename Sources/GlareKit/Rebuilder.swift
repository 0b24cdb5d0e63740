public import GlareCore
import GlareStore
public import Logging

/// `glare rebuild`: every source's evidence matched again with the roster as it is now (archive and
/// feed documents, GKG name indexes, Trends columns, dump extracts), and every kind of series derived
/// again, offline, in one transaction: a rebuild that fails changes nothing. A second rebuild with the
/// same roster changes nothing.
public struct Rebuilder {
    public let roster: Roster
    public let workspace: Workspace
    public let logger: Logger
    public var stitching: TrendsStitcher.Configuration

    public init(roster: Roster, workspace: Workspace, logger: Logger, stitching: TrendsStitcher.Configuration = .init()) {
        self.roster = roster
        self.workspace = workspace
        self.logger = logger
        self.stitching = stitching
    }

    /// Rebuilds every kind; returns what changed, kind by kind.
    public func rebuild() throws -> [KindChange] {
        let db = try workspace.openExistingDatabaseForWriting()
        let deriver = SeriesDeriver(roster: roster, archive: workspace.archive, stitching: stitching)
        let changes = try db.write { tx in try deriver.derive(SeriesKind.allCases, in: tx, rematch: true) }
        for c in changes {
            logger.info(
                "rebuilt",
                metadata: [
                    "kind": "\(c.kind.rawValue)", "rematched": "\(c.rematched)", "added": "\(c.added.count)",
                    "removed": "\(c.removed.count)", "changed": "\(c.changed.count)", "unchanged": "\(c.unchanged)",
                ])
        }
        return changes
    }
}
