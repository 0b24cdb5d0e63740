import CLibDeflate
public import Foundation

/// The one file of a zipped GKG file (`YYYYMMDDHHMMSS.gkg.csv.zip`), inflated whole with libdeflate.
///
/// Glare reads the zip's end record and central directory itself: the first file member's sizes and
/// CRC-32 are there, so the member is one DEFLATE stream inflated in one call into a buffer of exactly
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
        member = try data.withUnsafeBytes { try Self.member(in: $0, name: name) }
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

    /// The first file member (directories skipped) that the central directory lists.
    private static func member(in zip: UnsafeRawBufferPointer, name: String) throws -> Member {
        func damaged(_ reason: String) -> ParseError { ParseError(source: name, reason: reason) }
        func u16(_ at: Int) -> Int { Int(zip[at]) | Int(zip[at + 1]) << 8 }
        func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
        let notZip = damaged("not a readable zip archive (truncated or damaged: no end of central directory record)")
        // The end record: 22 bytes plus a comment of at most 65,535, at the end of the file.
        guard zip.count >= 22 else { throw notZip }
        var end = -1
        var at = zip.count - 22
        let lowest = max(0, zip.count - 22 - 0xFFFF)
        while at >= lowest {
            if zip[at] == 0x50, zip[at + 1] == 0x4B, zip[at + 2] == 0x05, zip[at + 3] == 0x06 { end = at; break }
            at -= 1
        }
        guard end >= 0 else { throw notZip }
        let entries = u16(end + 10)
        let directorySize = u32(end + 12)
        let directoryOffset = u32(end + 16)
        if entries == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryOffset == 0xFFFF_FFFF {
            throw damaged("a ZIP64 archive; GKG zips are small, plain zips")
        }
        guard directoryOffset + directorySize <= end else {
            throw damaged("not a readable zip archive (truncated or damaged: the central directory lies outside the file)")
        }
        var p = directoryOffset
        for _ in 0..<entries {
            guard p + 46 <= end, u32(p) == 0x0201_4B50 else {
                throw damaged("not a readable zip archive (damaged central directory)")
            }
            let flags = u16(p + 8)
            let method = UInt16(u16(p + 10))
            let checksum = UInt32(u32(p + 16))
            let compressed = u32(p + 20)
            let uncompressed = u32(p + 24)
            let nameLength = u16(p + 28), extraLength = u16(p + 30), commentLength = u16(p + 32)
            let local = u32(p + 42)
            guard p + 46 + nameLength <= end else { throw damaged("not a readable zip archive (damaged central directory)") }
            let path = String(decoding: UnsafeRawBufferPointer(rebasing: zip[(p + 46)..<(p + 46 + nameLength)]), as: UTF8.self)
            p += 46 + nameLength + extraLength + commentLength
            if path.hasSuffix("/") { continue }
            if flags & 1 != 0 { throw damaged("\(path) is encrypted") }
            if compressed == 0xFFFF_FFFF || uncompressed == 0xFFFF_FFFF || uncompressed > Self.maxMemberBytes {
                throw damaged(
                    "\(path) declares \(uncompressed == 0xFFFF_FFFF ? "4 GiB or more" : "\(uncompressed) bytes") uncompressed, over the \(Self.maxMemberBytes >> 20) MiB limit for a GKG file (damaged or not a GKG file)"
                )
            }
            guard local + 30 <= end, u32(local) == 0x0403_4B50 else {
                throw damaged("not a readable zip archive (\(path): no local header where the directory says)")
            }
            let start = local + 30 + u16(local + 26) + u16(local + 28)
            guard start + compressed <= zip.count else {
                throw damaged("cannot inflate \(path) (truncated: its data runs past the end of the file)")
            }
            return Member(
                path: path, method: method, checksum: checksum, compressedSize: compressed, uncompressedSize: uncompressed, dataOffset: start)
        }
        throw damaged("the zip archive holds no file")
    }
}
