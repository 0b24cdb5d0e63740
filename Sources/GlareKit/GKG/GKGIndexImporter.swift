import Foundation
import GlareCore
import GlareParsers
import GlareStore

/// `glare import gkg-index PATH...`: name indexes written by `glare gkg index` (here, or by the Spark
/// job on a cluster), taken in as if their GKG files had been imported: the index kept as the file's
/// snapshot, its records matched against the roster, the day's distinct URLs counted, the slot
/// recorded processed. A slot processed before is skipped (idempotent and resumable, as `import gkg`).
public struct GKGIndexImporter: Sendable {
    public let pipeline: GKGPipeline

    public init(pipeline: GKGPipeline) { self.pipeline = pipeline }

    /// Imports the indexes named, and those inside the folders named (`*.names` with their `.json`).
    public func importPaths(_ paths: [String]) throws -> GKGPipeline.Summary {
        let files = try GKGImporter.expand(paths.map { $0.hasSuffix(".names.json") ? String($0.dropLast(5)) : $0 }) { $0.hasSuffix(".names") }
        let db = pipeline.database
        let reports = pipeline.run(files) { url in
            let name = String(url.lastPathComponent.dropLast(".names".count))
            let parsed = GKGSlot.parse(fileName: name)
            let stream = GKGFileProcessor.stream(translingual: parsed?.1 ?? false)
            do {
                let file = try GKGIndexFile.read(url)
                let m = file.metadata
                guard let slot = GKGSlot(stamp: m.slot) else { throw ParseError(source: url.path, reason: "no slot") }
                let stream = GKGFileProcessor.stream(translingual: m.translingual)
                if try db.read({ try $0.gkgStatus(stream: stream, slot: slot.stamp) }) == .done {
                    return .init(name: m.name, stream: stream, slot: slot.stamp, outcome: .skipped)
                }
                let entries = try GKGNameIndex.decode(file.index, source: url.path)
                var tally = GKGReader.Tally()
                tally.rows = m.rows
                tally.entries = entries.count
                tally.skipped = m.skipped
                tally.examples = m.examples
                let result = try pipeline.processor.result(entries, tally: tally, name: m.name, slot: slot, translingual: m.translingual)
                try pipeline.storeInBatch(
                    GKGFileProcessor.Output(result: result, index: file.index, bytes: m.bytes, tally: tally), raw: nil, slotFromRecords: false)
                return .init(
                    name: m.name, stream: stream, slot: slot.stamp, outcome: .processed, rows: m.rows, skippedRows: tally.skippedTotal,
                    matches: result.matches.count, bytes: m.bytes, problems: result.problems)
            } catch let error as ParseError {
                // A damaged index says nothing of its slot: the slot stays as it was (to process or import again).
                return .init(name: name, stream: stream, slot: parsed?.0.stamp ?? "", outcome: .failed, error: "\(error)")
            } catch {
                // I/O (a snapshot not written, an index not read): the run stops after deriving what was stored (74).
                pipeline.noteIOFailure(error)
                return .init(name: name, stream: stream, slot: parsed?.0.stamp ?? "", outcome: .failed, error: "\(error)")
            }
        }
        let streams = Set(reports.map(\.stream)).sorted()
        let summary = GKGPipeline.Summary(files: reports, incompleteDays: try pipeline.finish(streams: streams, range: nil))
        try pipeline.throwIOFailure()
        return summary
    }
}
