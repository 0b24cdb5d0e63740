import Crypto
public import Foundation
import GlareCore
import GlareParsers
import GlareStore

/// A GKG file's name index written outside a store (`glare gkg index`, a Spark executor): the index
/// itself in exactly the snapshot format (`NAME.names`, `GKGNameIndex`), and beside it what the store
/// records of the file (`NAME.names.json`): its slot and stream, rows read and skipped, bytes. Both
/// are a pure function of the GKG file: no roster, no store. `glare import gkg-index` takes them in as
/// if the file had been imported.
public struct GKGIndexFile: Sendable, Equatable {
    /// What the index's sidecar says of the file.
    public struct Metadata: Codable, Sendable, Equatable {
        public static let currentFormat = "glare-gkg-index-metadata v1"
        public var format = Self.currentFormat
        /// The GDELT file name (`20150901000000.gkg.csv.zip`).
        public var name: String
        /// The 15-minute slot, `YYYYMMDDHHMMSS`.
        public var slot: String
        public var translingual: Bool
        public var rows: Int
        /// Rows skipped, per reason.
        public var skipped: [String: Int]
        /// The first problems, as `line N: reason`.
        public var examples: [String]
        /// Uncompressed bytes read.
        public var bytes: Int
        /// SHA-256 of the index file, so a damaged or mismatched pair is refused.
        public var indexSHA256: String
    }

    public let metadata: Metadata
    /// The name index, as stored in a snapshot.
    public let index: Data

    /// The index file's name for a GDELT file name.
    public static func indexName(for gdeltName: String) -> String { gdeltName + ".names" }

    /// Indexes one GKG file (zipped or not): reads it whole, as `glare import gkg` would, with no roster.
    public static func make(file url: URL) throws -> GKGIndexFile {
        let name = url.lastPathComponent
        let parsed = GKGSlot.parse(fileName: name)
        // Read and indexed only: no matching, no URL hashes (the importer of the index does those).
        let processor = GKGFileProcessor(matcher: GKGNameMatcher(roster: Roster(name: "none", people: [])))
        let file = try processor.read(.file(url), name: name, slot: parsed?.0, translingual: parsed?.1, urlHashes: false)
        let tally = file.tally
        let index = file.index
        return GKGIndexFile(
            metadata: Metadata(
                name: name, slot: file.slot.stamp, translingual: file.translingual,
                rows: tally.rows, skipped: tally.skipped, examples: tally.examples, bytes: file.bytes,
                indexSHA256: SHA256.hash(data: index).hex),
            index: index)
    }

    /// Writes `NAME.names` and `NAME.names.json` into `folder` (each written whole, then renamed).
    public func write(to folder: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        let base = folder.appendingPathComponent(Self.indexName(for: metadata.name))
        try index.write(to: base, options: .atomic)
        try encoder.encode(metadata).write(to: base.appendingPathExtension("json"), options: .atomic)
    }

    /// Reads an index and its sidecar (`path` names either), checking that they belong together.
    public static func read(_ path: URL) throws -> GKGIndexFile {
        let indexURL = path.pathExtension == "json" ? path.deletingPathExtension() : path
        let sidecar = indexURL.appendingPathExtension("json")
        guard let index = FileManager.default.contents(atPath: indexURL.path) else {
            throw ParseError(source: indexURL.path, reason: "cannot be read")
        }
        guard let json = FileManager.default.contents(atPath: sidecar.path) else {
            throw ParseError(source: sidecar.path, reason: "the index's metadata file is missing (write both with 'glare gkg index')")
        }
        let metadata: Metadata
        do { metadata = try JSONDecoder().decode(Metadata.self, from: json) } catch {
            throw ParseError(source: sidecar.path, reason: "not Glare's GKG index metadata (\(error))")
        }
        guard metadata.format == Metadata.currentFormat else {
            throw ParseError(source: sidecar.path, reason: "metadata format '\(metadata.format)', not '\(Metadata.currentFormat)'")
        }
        guard SHA256.hash(data: index).hex == metadata.indexSHA256 else {
            throw ParseError(source: indexURL.path, reason: "does not match its metadata's SHA-256: a damaged copy, or a pair from different files")
        }
        guard GKGSlot(stamp: metadata.slot) != nil else {
            throw ParseError(source: sidecar.path, reason: "slot '\(metadata.slot)' is not YYYYMMDDHHMMSS")
        }
        return GKGIndexFile(metadata: metadata, index: index)
    }
}
