import Foundation
import GlareCore
import GlareParsers
import GlareStore

/// `glare import gkg PATH...`: local GKG files (`.gkg.csv`, `.gkg.csv.zip`, and the `translation.gkg`
/// ones), or folders of them, for users who mirror GDELT. A slot already processed is skipped.
public struct GKGImporter: Sendable {
    public let pipeline: GKGPipeline

    public init(pipeline: GKGPipeline) { self.pipeline = pipeline }

    /// Imports the files (folders are searched for GKG file names) and derives the series again.
    /// A file that cannot be read, or whose results cannot be stored (snapshot folder not writable, disk
    /// full), stops the run: the files stored so far are kept and derived, its slot is left open for the
    /// next run, and the I/O error is thrown (exit 74). A damaged file only fails its own slot.
    ///
    /// A day is observed only when all 96 of its slots are accounted for. Files a user has for every slot
    /// do that; so does a local copy of GDELT's master file list (`masterList`): the slots of the imported
    /// files' days that it does not name are recorded as absent (GDELT published nothing for them).
    public func importPaths(_ paths: [String], masterList: String? = nil) throws -> GKGPipeline.Summary {
        let files = try Self.expand(paths)
        let db = pipeline.database
        var absent: [GKGPipeline.FileReport] = []
        if let masterList {
            guard let data = FileManager.default.contents(atPath: masterList) else {
                throw ImportError.unreadable(path: masterList, reason: "no such file or not readable")
            }
            let text = String(decoding: data, as: UTF8.self)
            for translingual in [false, true] {
                let parsed = files.compactMap { GKGSlot.parse(fileName: $0.lastPathComponent) }.filter { $0.1 == translingual }
                guard let first = parsed.map(\.0.day).min(), let last = parsed.map(\.0.day).max() else { continue }
                let list = GDELTMasterList(text: text, translingual: translingual)
                // A list that names nothing of this stream, or ends before a day does, says nothing about it.
                guard let lastListed = list.files.keys.max() else {
                    throw ParseError(
                        source: masterList,
                        reason:
                            "names no \(translingual ? "translingual" : "English") GKG file: is it GDELT's masterfilelist\(translingual ? "-translation" : "").txt?"
                    )
                }
                let days = Set(parsed.map(\.0.day)).filter { GKGSlot(day: $0, index: GKGDayCoverage.slotsPerDay - 1) <= lastListed }
                let missing = GKGSlot.slots(from: first, to: last).filter { days.contains($0.day) && list.files[$0] == nil }
                let stream = GKGFileProcessor.stream(translingual: translingual)
                try db.write { try $0.recordGKGAbsent(stream: stream, slots: missing) }
                absent += missing.map { .init(name: $0.fileName(translingual: translingual), stream: stream, slot: $0.stamp, outcome: .absent) }
            }
        }
        let reports = pipeline.run(files) { url in
            let name = url.lastPathComponent
            let parsed = GKGSlot.parse(fileName: name)
            if let (slot, translingual) = parsed {
                let stream = GKGFileProcessor.stream(translingual: translingual)
                if (try? db.read({ try $0.gkgStatus(stream: stream, slot: slot.stamp) })) == .done {
                    return .init(name: name, stream: stream, slot: slot.stamp, outcome: .skipped)
                }
            }
            let raw = pipeline.options.keepRaw ? FileManager.default.contents(atPath: url.path) : nil
            return pipeline.processAndStore(.file(url), name: name, slot: parsed?.0, translingual: parsed?.1, raw: raw)
        }
        let streams = Set(reports.map(\.stream)).sorted()
        let summary = GKGPipeline.Summary(files: reports + absent, incompleteDays: try pipeline.finish(streams: streams, range: nil))
        try pipeline.throwIOFailure()
        return summary
    }

    /// The files named, and the files inside the folders named whose lowercased names `wanted` accepts
    /// (by default GKG files), in name order.
    static func expand(
        _ paths: [String], wanted: (String) -> Bool = { $0.hasSuffix(".gkg.csv") || $0.hasSuffix(".gkg.csv.zip") }
    ) throws -> [URL] {
        var out: [URL] = []
        let fm = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw ImportError.unreadable(path: path, reason: "no such file or folder")
            }
            if !isDirectory.boolValue {
                out.append(URL(fileURLWithPath: path))
                continue
            }
            guard let walker = fm.enumerator(at: URL(fileURLWithPath: path, isDirectory: true), includingPropertiesForKeys: nil) else { continue }
            var found: [URL] = []
            for case let url as URL in walker {
                if wanted(url.lastPathComponent.lowercased()) { found.append(url) }
            }
            out += found.sorted { $0.lastPathComponent < $1.lastPathComponent }
        }
        guard !out.isEmpty else { throw ImportError.nothingToImport(paths.joined(separator: " ")) }
        return out
    }
}
