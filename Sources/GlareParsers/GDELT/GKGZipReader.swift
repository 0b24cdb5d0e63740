import CGlareZlib
public import Foundation
import ZIPFoundation

/// The one file of a zipped GKG file (`YYYYMMDDHHMMSS.gkg.csv.zip`), inflated in chunks so that memory
/// stays flat, its CRC-32 checked with zlib's crc32 (ZIPFoundation's own is several times slower).
public struct GKGZipReader {
    let archive: Archive
    /// The file or path named in errors.
    let name: String

    /// Opens a zip held in memory; `name` is the GDELT file name.
    public init(data: Data, name: String) throws {
        do { archive = try Archive(data: data, accessMode: .read) } catch {
            throw ParseError(source: name, reason: "not a readable zip archive (truncated or damaged: \(error))")
        }
        self.name = name
    }

    /// Opens a zip on disk.
    public init(url: URL) throws {
        do { archive = try Archive(url: url, accessMode: .read) } catch {
            throw ParseError(source: url.path, reason: "not a readable zip archive (truncated or damaged: \(error))")
        }
        name = url.path
    }

    /// Hands the first file's inflated bytes to `consume`, chunk by chunk, then checks its CRC-32.
    public func read(_ consume: (Data) throws -> Void) throws {
        guard let entry = archive.first(where: { $0.type == .file }) else {
            throw ParseError(source: name, reason: "the zip archive holds no file")
        }
        var crc: uLong = 0
        do {
            _ = try archive.extract(entry, bufferSize: 1 << 20, skipCRC32: true) { chunk in
                chunk.withUnsafeBytes { crc = crc32(crc, $0.bindMemory(to: Bytef.self).baseAddress, uInt($0.count)) }
                try consume(chunk)
            }
        } catch {
            throw ParseError(source: name, reason: "cannot inflate \(entry.path) (truncated or damaged: \(error))")
        }
        guard UInt32(truncatingIfNeeded: crc) == entry.checksum else {
            throw ParseError(source: name, reason: "\(entry.path) fails its CRC-32 check (damaged archive)")
        }
    }
}
