public import Foundation

/// The one file of a zipped GKG file (`YYYYMMDDHHMMSS.gkg.csv.zip`), inflated in chunks so that memory
/// stays flat, its CRC-32 checked, through `ZipArchiveReader` (every directory offset checked, no
/// member inflated past `memberLimit`).
public struct GKGZipReader {
    /// The most one GKG file may inflate to. The largest 15-minute files of 2015–2016 hold about
    /// 100 MB of text; a member past this is damaged or hostile, not news.
    public static let memberLimit = 1 << 30

    let zip: ZipArchiveReader

    /// Opens a zip held in memory; `name` is the GDELT file name.
    public init(data: Data, name: String) throws {
        zip = try ZipArchiveReader(data: data, source: name)
    }

    /// Opens a zip on disk (mapped, not copied).
    public init(url: URL) throws {
        let data: Data
        do { data = try Data(contentsOf: url, options: .alwaysMapped) } catch {
            throw ParseError(source: url.path, reason: "cannot read the file (\(error.localizedDescription))")
        }
        zip = try ZipArchiveReader(data: data, source: url.path)
    }

    /// Hands the first file's inflated bytes to `consume`, chunk by chunk, then checks its CRC-32.
    public func read(_ consume: (Data) throws -> Void) throws {
        guard let member = zip.members.first(where: { !$0.name.hasSuffix("/") }) else {
            throw ParseError(source: zip.source, reason: "the zip archive holds no file")
        }
        try zip.read(member, limit: Self.memberLimit) { try consume(Data($0)) }
    }
}
