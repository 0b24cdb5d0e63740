import Foundation
import GlareStore
import Testing

/// Issue 19: snapshots are compressed by libdeflate and read back whole by it; the result is plain gzip
/// (the system's `gzip` reads it), and what libdeflate's whole-buffer path cannot take is read by zlib.
@Suite struct GzipTests {
    static func sample(_ n: Int) -> Data {
        var x: UInt64 = 0x9E37_79B9_7F4A_7C15
        return Data(
            (0..<n).map { i in
                x = x &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return i % 7 == 0 ? UInt8(truncatingIfNeeded: x >> 59) + 0x41 : UInt8(ascii: "a") + UInt8(i % 5)
            })
    }

    @Test(arguments: [0, 1, 65_537, 1_000_000])
    func roundTripsAndIsPlainGzip(_ n: Int) throws {
        let data = Self.sample(n)
        let packed = try Gzip.compress(data, level: 1)
        #expect(try Gzip.decompress(packed) == data)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("glare-gzip-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("x.gz")
        try packed.write(to: file)
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/usr/bin/gzip")
        gzip.arguments = ["-dc", file.path]
        let out = Pipe()
        gzip.standardOutput = out
        try gzip.run()
        let read = out.fileHandleForReading.readDataToEndOfFile()
        gzip.waitUntilExit()
        #expect(gzip.terminationStatus == 0 && read == data)
        // Streaming (zlib) reads the same bytes.
        var streamed = Data()
        try Gzip.decompress(file: file) { streamed.append(contentsOf: $0) }
        #expect(streamed == data)
    }

    @Test func damageAndLimitsAreStillRefused() throws {
        let data = Self.sample(200_000)
        let packed = try Gzip.compress(data)
        // A trailer claiming another size, a flipped byte inside, a cut: errors, never wrong bytes.
        var size = packed
        size[size.count - 1] ^= 0x01
        #expect(throws: (any Error).self) { try Gzip.decompress(size) }
        var flipped = packed
        flipped[flipped.count / 2] ^= 0x55
        #expect(throws: (any Error).self) { try Gzip.decompress(flipped) }
        #expect(throws: (any Error).self) { try Gzip.decompress(packed.prefix(packed.count - 9)) }
        #expect(throws: (any Error).self) { try Gzip.decompress(packed, limit: 1000) }
        // Two members: the first is read, as before (zlib's path).
        #expect(try Gzip.decompress(packed + (try Gzip.compress(Data("more".utf8)))) == data)
    }
}
