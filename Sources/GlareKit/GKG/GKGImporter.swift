import Foundation
import GlareCore
import GlareParsers
import GlareStore

/// `glare import gkg PATH...`: local GKG files (`.gkg.csv`, `.gkg.csv.zip`, and the `translation.gkg`
/// ones), or folders of them, for users who mirror GDELT. A slot already processed is skipped.
public struct GKGImporter: Sendable {
    public let pipeline: GKGPipeline

    public init(pipeline: GKGPipeline) { self.pipeline = pipeline }

    /// Imports the files (folders are searched for GKG file names) and rebuilds the series.
    public func importPaths(_ paths: [String]) throws -> GKGPipeline.Summary {
        let files = try Self.expand(paths)
        let db = pipeline.database
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
        return GKGPipeline.Summary(files: reports, incompleteDays: try pipeline.finish(streams: streams, range: nil))
    }

    /// The files named, and the GKG files inside the folders named, in name order.
    static func expand(_ paths: [String]) throws -> [URL] {
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
                let name = url.lastPathComponent.lowercased()
                if name.hasSuffix(".gkg.csv") || name.hasSuffix(".gkg.csv.zip") { found.append(url) }
            }
            out += found.sorted { $0.lastPathComponent < $1.lastPathComponent }
        }
        guard !out.isEmpty else { throw ImportError.nothingToImport(paths.joined(separator: " ")) }
        return out
    }
}
