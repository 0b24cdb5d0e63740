import CGlareZlib
import CLibDeflate
public import Foundation

/// gzip for snapshots: through libdeflate whole-buffer, zlib for streams, several members and errors.
public enum Gzip {
    /// Errors from zlib, with what was being done.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Compresses `data` into the gzip format (RFC 1952), one member, through libdeflate (whole-buffer,
    /// several times zlib's speed at the same ratio); `level` 1 (fastest) to 12 (smallest).
    public static func compress(_ data: Data, level: Int32 = 6) throws -> Data {
        guard let compressor = libdeflate_alloc_compressor(max(1, min(12, level))) else {
            throw Failure(description: "libdeflate could not start compressing (out of memory)")
        }
        defer { libdeflate_free_compressor(compressor) }
        let bound = libdeflate_gzip_compress_bound(compressor, data.count)
        var output = Data(count: bound)
        let written = data.withUnsafeBytes { input in
            output.withUnsafeMutableBytes { out in
                // An empty input still needs a pointer: libdeflate writes an empty member.
                withUnsafeBytes(of: UInt8(0)) { empty in
                    libdeflate_gzip_compress(compressor, input.baseAddress ?? empty.baseAddress, input.count, out.baseAddress, bound)
                }
            }
        }
        guard written > 0 else { throw Failure(description: "libdeflate failed while compressing \(data.count) bytes") }
        output.count = written
        return output
    }

    /// Decompresses gzip or zlib data, refusing output larger than `limit` bytes (a guard against gzip bombs).
    public static func decompress(_ data: Data, limit: Int = 1 << 31) throws -> Data {
        if let whole = wholeMember(data, limit: limit) { return whole }
        var stream = z_stream()
        guard glare_inflateInit2(&stream, 15 + 32) == Z_OK else { throw Failure(description: "zlib could not start decompressing") }
        defer { inflateEnd(&stream) }
        let (status, output) = try pump(&stream, data, limit: limit) { inflate(&$0, Z_NO_FLUSH) }
        guard status == Z_STREAM_END else {
            throw Failure(
                description: status == Z_OK || status == Z_BUF_ERROR
                    ? "compressed data ends early (truncated)" : "compressed data is corrupt (zlib status \(status))")
        }
        return output
    }

    /// One gzip member decompressed whole by libdeflate (several times zlib's speed) into the size its
    /// trailer gives; nil when that is not the case (several members, zlib data, damage, over `limit`),
    /// so zlib's path reads it and names what is wrong.
    static func wholeMember(_ data: Data, limit: Int) -> Data? {
        guard data.count >= 18, data[data.startIndex] == 0x1F, data[data.startIndex + 1] == 0x8B else { return nil }
        let size = data.suffix(4).reversed().reduce(0) { $0 << 8 | Int($1) }
        guard size <= limit, let decompressor = libdeflate_alloc_decompressor() else { return nil }
        defer { libdeflate_free_decompressor(decompressor) }
        var output = Data(count: size)
        var used = 0
        var produced = 0
        var spare: UInt8 = 0
        let result = data.withUnsafeBytes { input in
            output.withUnsafeMutableBytes { out in
                withUnsafeMutableBytes(of: &spare) { empty in
                    libdeflate_gzip_decompress_ex(
                        decompressor, input.baseAddress, input.count, out.baseAddress ?? empty.baseAddress, size, &used, &produced)
                }
            }
        }
        guard result == LIBDEFLATE_SUCCESS, used == data.count, produced == size else { return nil }
        return output
    }

    /// Decompresses a gzip file as a stream (memory stays flat), handing each piece of output to `body`.
    /// Concatenated gzip members are read one after another.
    public static func decompress(file url: URL, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        guard let handle = FileHandle(forReadingAtPath: url.path) else { throw Failure(description: "\(url.path): cannot be read") }
        defer { try? handle.close() }
        var stream = z_stream()
        guard glare_inflateInit2(&stream, 15 + 32) == Z_OK else { throw Failure(description: "zlib could not start decompressing") }
        defer { inflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: 256 * 1024)
        var status: Int32 = Z_OK
        var sawInput = false
        while true {
            let chunk = try handle.read(upToCount: 1 << 20) ?? Data()
            if chunk.isEmpty { break }
            sawInput = true
            var input = [UInt8](chunk)
            try input.withUnsafeMutableBufferPointer { inBuf in
                stream.next_in = inBuf.baseAddress
                stream.avail_in = uInt(inBuf.count)
                while stream.avail_in > 0 {
                    if status == Z_STREAM_END {  // another member follows
                        guard inflateReset(&stream) == Z_OK else { throw Failure(description: "\(url.path): zlib could not read the next gzip member") }
                    }
                    try output.withUnsafeMutableBufferPointer { outBuf in
                        stream.next_out = outBuf.baseAddress
                        stream.avail_out = uInt(outBuf.count)
                        status = inflate(&stream, Z_NO_FLUSH)
                        guard status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR else {
                            throw Failure(description: "\(url.path): compressed data is corrupt (zlib status \(status))")
                        }
                        let produced = outBuf.count - Int(stream.avail_out)
                        if produced > 0 { try body(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(outBuf)[0..<produced])) }
                    }
                    if status == Z_BUF_ERROR { break }
                }
            }
        }
        guard sawInput, status == Z_STREAM_END else { throw Failure(description: "\(url.path): compressed data ends early (truncated)") }
    }

    /// Feeds all of `data` through `step` in 64 KB output chunks until it stops returning Z_OK or the
    /// input is used up without filling the output; returns the last status and the output.
    static func pump(_ stream: inout z_stream, _ data: Data, limit: Int, step: (inout z_stream) -> Int32) throws -> (Int32, Data) {
        var output = Data()
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var input = [UInt8](data)
        return try input.withUnsafeMutableBufferPointer { inBuf in
            stream.next_in = inBuf.baseAddress
            stream.avail_in = uInt(inBuf.count)
            var status: Int32 = Z_OK
            repeat {
                status = buffer.withUnsafeMutableBufferPointer { outBuf in
                    stream.next_out = outBuf.baseAddress
                    stream.avail_out = uInt(outBuf.count)
                    let s = step(&stream)
                    output.append(outBuf.baseAddress!, count: outBuf.count - Int(stream.avail_out))
                    return s
                }
                if output.count > limit { throw Failure(description: "decompressed data exceeds \(limit) bytes") }
                if status == Z_OK && stream.avail_in == 0 && stream.avail_out != 0 { break }
            } while status == Z_OK
            return (status, output)
        }
    }
}
