import CLibDeflate
public import Foundation

/// The one file of a zipped GKG file (`YYYYMMDDHHMMSS.gkg.csv.zip`), inflated whole with libdeflate.
///
/// The zip's directory is read by `ZipArchiveReader` (every offset checked): the first file member's
/// sizes and CRC-32 are there, so the member is one DEFLATE stream inflated in one call into a buffer of exactly
/// its declared size (reused from file to file), then checked with libdeflate's crc32.
///
/// Limits: a member may declare at most `maxMemberBytes` (256 MiB) uncompressed. GDELT's 15-minute GKG
/// files run to tens of MB of text, so a larger member is a damaged or hostile file, refused before any
/// memory is taken; a member that inflates to more or fewer bytes than it declares is damaged too. So a
/// zip bomb costs at most the limit, never more.
public struct GKGZipReader {
    /// The most uncompressed bytes a member may declare.
    public static let maxMemberBytes = 256 << 20

    /// The zip's bytes.
    let data: Data
    /// The file or path named in errors.
    let name: String
    /// The first file member, as the central directory describes it.
    public let member: Member

    /// Opens a zip held in memory and reads its directory; `name` is the GDELT file name.
    public init(data: Data, name: String) throws {
        self.data = data
        self.name = name
        member = try Self.member(in: data, name: name)
    }

    /// Opens a zip on disk (read whole, not mapped: GKG zips are a few MB, and a mapped file cut short
    /// under a running import would be a SIGBUS, not an error). A file that cannot be read throws
    /// `CocoaError` (an I/O failure, not damage).
    public init(url: URL) throws {
        try self.init(data: try Data(contentsOf: url), name: url.path)
    }

    /// A member as the central directory describes it.
    public struct Member: Sendable, Equatable {
        public let path: String
        public let method: UInt16
        public let checksum: UInt32
        public let compressedSize: Int
        public let uncompressedSize: Int
        /// Where its compressed bytes start in the zip.
        public let dataOffset: Int
    }

    /// Inflates the first file member into `buffer` (grown as needed, kept for the next file), checks
    /// its CRC-32, and hands the member's bytes to `consume`. The bytes are valid only during the call.
    public func read<T>(into buffer: InflateBuffer, _ consume: (UnsafeRawBufferPointer) throws -> T) throws -> T {
        try data.withUnsafeBytes { zip in
            let m = member
            let out = buffer.reserve(m.uncompressedSize)
            let input = UnsafeRawBufferPointer(rebasing: zip[m.dataOffset..<(m.dataOffset + m.compressedSize)])
            switch m.method {
            case 0:
                guard m.compressedSize == m.uncompressedSize else { throw damaged("\(m.path): a stored member whose two sizes differ") }
                if m.uncompressedSize > 0 { out.baseAddress!.copyMemory(from: input.baseAddress!, byteCount: m.uncompressedSize) }
            case 8:
                let result = libdeflate_deflate_decompress(
                    buffer.decompressor, input.baseAddress, input.count, out.baseAddress, m.uncompressedSize, nil)
                switch result {
                case LIBDEFLATE_SUCCESS: break
                case LIBDEFLATE_SHORT_OUTPUT:
                    throw damaged("cannot inflate \(m.path) (truncated or damaged: fewer bytes than the \(m.uncompressedSize) it declares)")
                case LIBDEFLATE_INSUFFICIENT_SPACE:
                    throw damaged("cannot inflate \(m.path) (damaged: it inflates to more than the \(m.uncompressedSize) bytes it declares)")
                default:
                    throw damaged("cannot inflate \(m.path) (truncated or damaged: invalid DEFLATE data)")
                }
            default:
                throw damaged("\(m.path) uses compression method \(m.method); GKG zips use DEFLATE (8)")
            }
            let bytes = UnsafeRawBufferPointer(rebasing: out[0..<m.uncompressedSize])
            let crc = bytes.isEmpty ? 0 : libdeflate_crc32(0, bytes.baseAddress, bytes.count)
            guard crc == m.checksum else { throw damaged("\(m.path) fails its CRC-32 check (damaged archive)") }
            return try consume(bytes)
        }
    }

    func damaged(_ reason: String) -> ParseError { ParseError(source: name, reason: reason) }

    /// The first file member (directories skipped) that the central directory lists, read by
    /// `ZipArchiveReader` (every offset checked), and held to the GKG limits.
    private static func member(in data: Data, name: String) throws -> Member {
        let zip = try ZipArchiveReader(data: data, source: name)
        guard let m = zip.members.first(where: { !$0.isDirectory }) else { throw ParseError(source: name, reason: "the zip archive holds no file") }
        if m.isEncrypted { throw ParseError(source: name, reason: "\(m.name) is encrypted") }
        guard m.uncompressedSize <= Self.maxMemberBytes else {
            throw ParseError(
                source: name,
                reason:
                    "\(m.name) declares \(m.uncompressedSize) bytes uncompressed, over the \(Self.maxMemberBytes >> 20) MiB limit for a GKG file (damaged or not a GKG file)"
            )
        }
        let range = try zip.dataRange(of: m)
        return Member(
            path: m.name, method: m.method, checksum: m.crc32, compressedSize: m.compressedSize, uncompressedSize: m.uncompressedSize,
            dataOffset: range.lowerBound)
    }
}
