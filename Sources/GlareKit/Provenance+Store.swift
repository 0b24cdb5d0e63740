import Foundation
public import GlareCore
public import GlareReport
public import GlareStore

extension Provenance {
    /// The provenance of series read from the store: the snapshots their sources were made from.
    public static func of(commandLine: String, roster: Roster?, sources: [String], in db: GlareDatabase) throws -> Provenance {
        let inputs = try db.read { tx -> [Input] in
            let ids = Set(try Set(sources).flatMap { try tx.snapshotIDs(source: $0) })
            return try tx.snapshots().filter { ids.contains($0.id) }.map { Input(sha256: $0.snapshot.sha256, name: $0.originalName) }
        }
        return Provenance(commandLine: commandLine, rosterHash: roster.map(RosterFingerprint.of), inputs: inputs)
    }

    /// The provenance of series read from a file (`--input`): its SHA-256.
    public static func of(commandLine: String, roster: Roster?, inputFile: String) throws -> Provenance {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: inputFile)) } catch {
            throw ImportError.unreadable(path: inputFile, reason: (error as NSError).localizedDescription)
        }
        return Provenance(
            commandLine: commandLine, rosterHash: roster.map(RosterFingerprint.of), inputs: [Input(sha256: Snapshot(of: data).sha256, name: inputFile)])
    }
}
