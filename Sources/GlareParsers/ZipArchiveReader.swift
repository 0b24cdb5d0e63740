import CGlareZlib
public import Foundation

/// A zip archive held in memory, read defensively: the central directory is found and every offset
/// and size in it checked against the bytes before any is followed, members are inflated with zlib in
/// chunks with their CRC-32 checked, and no member may inflate past a stated limit, whatever its header
/// claims (a zip bomb is an error, not an exhausted machine). Stored (0) and deflated (8) members;
/// ZIP64, encryption and other methods are named errors. Any damage is a `ParseError` naming the file.
public struct ZipArchiveReader {
    /// One member, as the central directory describes it.
    public struct Member: Sendable, Equatable {
        public let name: String
        /// 0 stored, 8 deflated.
        public let method: UInt16
        let flags: UInt16
        public let crc32: UInt32
        public let compressedSize: Int
        /// The size the directory claims; never trusted as a bound.
        public let uncompressedSize: Int
        let localHeaderOffset: Int
        /// Whether the member is encrypted (Glare reads none).
        public var isEncrypted: Bool { flags & 1 != 0 }
        /// Whether the member is a folder entry.
        public var isDirectory: Bool { name.hasSuffix("/") }
    }

    let data: Data
    /// The file named in errors.
    let source: String
    /// The members, in directory order.
    public let members: [Member]

    /// Reads the central directory of `data`; `source` names the file in errors.
    public init(data: Data, source: String) throws {
        self.data = data
        self.source = source
        members = try Self.directory(data, source: source)
    }

    /// The member named `name`, or nil.
    public func member(named name: String) -> Member? { members.first { $0.name == name } }

    /// A member's whole content, at most `limit` bytes inflated.
    public func contents(of member: Member, limit: Int) throws -> Data {
        var out = Data()
        try read(member, limit: limit) { out.append(contentsOf: $0) }
        return out
    }

    /// Hands a member's inflated bytes to `consume` in chunks of up to `chunkSize`, then checks its
    /// CRC-32. More than `limit` bytes is an error, raised before they are produced.
    public func read(_ member: Member, limit: Int, chunkSize: Int = 1 << 20, _ consume: (UnsafeRawBufferPointer) throws -> Void) throws {
        let start = try dataStart(of: member)
        guard member.flags & 1 == 0 else { throw damaged("\(member.name) is encrypted") }
        guard member.uncompressedSize <= limit else {
            throw damaged("\(member.name) would inflate to \(member.uncompressedSize) bytes, more than the \(limit) allowed")
        }
        var crc: uLong = crc32(0, nil, 0)
        var produced = 0
        let body = data[(data.startIndex + start)..<(data.startIndex + start + member.compressedSize)]
        switch member.method {
        case 0:
            guard member.compressedSize <= limit else { throw damaged("\(member.name) is larger than the \(limit) bytes allowed") }
            try body.withUnsafeBytes { raw in
                var offset = 0
                while offset < raw.count {
                    let chunk = UnsafeRawBufferPointer(rebasing: raw[offset..<min(raw.count, offset + chunkSize)])
                    crc = crc32(crc, chunk.bindMemory(to: Bytef.self).baseAddress, uInt(chunk.count))
                    try consume(chunk)
                    offset += chunk.count
                }
            }
            produced = body.count
        case 8:
            produced = try inflate(body, member: member, limit: limit, chunkSize: chunkSize) { chunk in
                crc = crc32(crc, chunk.bindMemory(to: Bytef.self).baseAddress, uInt(chunk.count))
                try consume(chunk)
            }
        default:
            throw damaged("\(member.name) uses compression method \(member.method); only stored and deflated members are read")
        }
        guard produced == member.uncompressedSize else {
            throw damaged("\(member.name) inflates to \(produced) bytes, not the \(member.uncompressedSize) its directory entry says")
        }
        guard UInt32(truncatingIfNeeded: crc) == member.crc32 else { throw damaged("\(member.name) fails its CRC-32 check") }
    }

    // MARK: - Reading

    private func damaged(_ what: String) -> ParseError {
        ParseError(source: source, reason: "a damaged or truncated zip archive: \(what)")
    }

    /// Where a member's compressed bytes lie in the archive's data, checked to be within it (for readers
    /// that inflate a member themselves, as the GKG reader does with libdeflate).
    public func dataRange(of member: Member) throws -> Range<Int> {
        let start = try dataStart(of: member)
        return start..<(start + member.compressedSize)
    }

    /// Where a member's data begins: after its local header, all within the file.
    private func dataStart(of member: Member) throws -> Int {
        let o = member.localHeaderOffset
        guard o >= 0, o + 30 <= data.count, Self.u32(data, o) == 0x0403_4B50 else {
            throw damaged("\(member.name) has no local header where the directory says")
        }
        let start = o + 30 + Int(Self.u16(data, o + 26)) + Int(Self.u16(data, o + 28))
        guard start <= data.count, member.compressedSize <= data.count - start else { throw damaged("\(member.name) runs past the end of the file") }
        return start
    }

    /// Raw-deflate inflation of `body` in chunks; returns the bytes produced.
    private func inflate(
        _ body: Data, member: Member, limit: Int, chunkSize: Int, _ consume: (UnsafeRawBufferPointer) throws -> Void
    ) throws -> Int {
        var stream = z_stream()
        guard glare_inflateInit2(&stream, -15) == Z_OK else { throw damaged("zlib could not start") }
        defer { inflateEnd(&stream) }
        var buffer = [UInt8](repeating: 0, count: chunkSize)
        var produced = 0
        return try body.withUnsafeBytes { input -> Int in
            stream.next_in = UnsafeMutablePointer(mutating: input.bindMemory(to: Bytef.self).baseAddress)
            stream.avail_in = uInt(input.count)
            while true {
                let status = buffer.withUnsafeMutableBytes { out -> Int32 in
                    stream.next_out = out.bindMemory(to: Bytef.self).baseAddress
                    stream.avail_out = uInt(out.count)
                    return CGlareZlib.inflate(&stream, Z_NO_FLUSH)
                }
                let count = chunkSize - Int(stream.avail_out)
                if count > 0 {
                    produced += count
                    guard produced <= limit, produced <= member.uncompressedSize else {
                        throw damaged(
                            "\(member.name) inflates past \(min(limit, member.uncompressedSize)) bytes (\(produced > limit ? "the limit" : "its stated size"))")
                    }
                    try buffer.withUnsafeBytes { try consume(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
                }
                switch status {
                case Z_STREAM_END: return produced
                case Z_OK: continue
                case Z_BUF_ERROR where stream.avail_in == 0: throw damaged("\(member.name) ends before its compressed data does")
                default: throw damaged("\(member.name) is not valid deflate data")
                }
            }
        }
    }

    /// The central directory: the end record found in the file's last 64 KB, then each entry checked.
    private static func directory(_ data: Data, source: String) throws -> [Member] {
        func fail(_ what: String) -> ParseError { ParseError(source: source, reason: "a damaged or truncated zip archive: \(what)") }
        guard data.count >= 22 else { throw fail("too short to be a zip file") }
        var end = -1
        var i = data.count - 22
        while i >= max(0, data.count - 22 - 65_535) {
            if u32(data, i) == 0x0605_4B50 {
                end = i
                break
            }
            i -= 1
        }
        guard end >= 0 else { throw fail("no end-of-directory record (the download may be cut short)") }
        let count = Int(u16(data, end + 10))
        let size = Int(u32(data, end + 12))
        let offset = Int(u32(data, end + 16))
        if count == 0xFFFF || size == 0xFFFF_FFFF || offset == 0xFFFF_FFFF { throw fail("a ZIP64 archive, which Glare does not read") }
        guard offset <= end, size <= end - offset else { throw fail("the directory lies outside the file") }
        var members: [Member] = []
        members.reserveCapacity(min(count, 65_536))
        var p = offset
        for _ in 0..<count {
            guard p + 46 <= offset + size, u32(data, p) == 0x0201_4B50 else { throw fail("directory entry \(members.count + 1) is damaged") }
            let nameLength = Int(u16(data, p + 28)), extraLength = Int(u16(data, p + 30)), commentLength = Int(u16(data, p + 32))
            let next = p + 46 + nameLength + extraLength + commentLength
            guard next <= offset + size else { throw fail("directory entry \(members.count + 1) runs past the directory") }
            let nameStart = data.startIndex + p + 46
            let member = Member(
                name: String(decoding: data[nameStart..<(nameStart + nameLength)], as: UTF8.self),
                method: u16(data, p + 10), flags: u16(data, p + 8), crc32: u32(data, p + 16),
                compressedSize: Int(u32(data, p + 20)), uncompressedSize: Int(u32(data, p + 24)),
                localHeaderOffset: Int(u32(data, p + 42)))
            if member.compressedSize == 0xFFFF_FFFF || member.uncompressedSize == 0xFFFF_FFFF || member.localHeaderOffset == 0xFFFF_FFFF {
                throw fail("a ZIP64 member (\(member.name)), which Glare does not read")
            }
            members.append(member)
            p = next
        }
        return members
    }

    private static func u16(_ data: Data, _ offset: Int) -> UInt16 {
        let i = data.startIndex + offset
        return UInt16(data[i]) | UInt16(data[i + 1]) << 8
    }

    private static func u32(_ data: Data, _ offset: Int) -> UInt32 {
        let i = data.startIndex + offset
        return UInt32(data[i]) | UInt32(data[i + 1]) << 8 | UInt32(data[i + 2]) << 16 | UInt32(data[i + 3]) << 24
    }
}
