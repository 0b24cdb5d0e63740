import Foundation
import GlareCore
import GlareParsers
import GlareStore

/// `glare rebuild`: matches every processed GKG file again from its stored name index, with the roster
/// as it is now, and rebuilds the series; the raw files are not needed. One transaction: a rebuild
/// that fails changes nothing.
public struct GKGRebuilder {
    public let pipeline: GKGPipeline

    public init(pipeline: GKGPipeline) { self.pipeline = pipeline }

    /// Returns the number of files matched again.
    @discardableResult
    public func rebuild() throws -> Int {
        let files = try pipeline.database.read { try $0.gkgFiles() }.filter { $0.status == .done }
        var results: [(Int64, [GKGMatchRow])] = []
        for f in files {
            guard let sha = f.indexSHA256 else { continue }
            let snapshot = try pipeline.database.read { try $0.snapshot(sha256: sha) }!.snapshot
            let entries = try GKGNameIndex.decode(try pipeline.archive.load(snapshot), source: f.name + ".names [\(sha.prefix(8))]")
            guard let slot = GKGSlot(stamp: f.slot) else { continue }
            let result = try pipeline.processor.result(entries, tally: GKGReader.Tally(), name: f.name, slot: slot,
                                                       translingual: f.stream == GKGFileProcessor.stream(translingual: true))
            results.append((f.id, result.matches))
        }
        try pipeline.database.write { tx in
            for (id, matches) in results { try tx.replaceGKGMatches(fileId: id, with: matches) }
            try GKGSeriesBuilder(roster: pipeline.roster).rebuild(tx)
        }
        return results.count
    }
}
