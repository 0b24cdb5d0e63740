import Foundation
import GlareParsers
import GlareTestSupport
import Testing

/// Issue 18 items 4 and 5: one corrupted byte in a DOCX's zip directory crashed inside ZIPFoundation,
/// and a 2 MB DOCX whose `word/document.xml` inflates to 2 GiB took 2.1 GB of memory and crashed.
@Suite struct ZipArchiveReaderTests {
    static let docx: Data = (try? Data(contentsOf: Fixtures.archive("nexis_uni_sample.DOCX"))) ?? Data()

    @Test func readsTheSampleDOCX() throws {
        let zip = try ZipArchiveReader(data: Self.docx, source: "s.docx")
        let member = try #require(zip.member(named: "word/document.xml"))
        let xml = try zip.contents(of: member, limit: 1 << 30)
        #expect(xml.count == member.uncompressedSize)
        #expect(String(decoding: xml.prefix(5), as: UTF8.self) == "<?xml")
    }

    /// Every single byte of the central directory and end record, flipped, gives a result or a named
    /// error: never a trap.
    @Test func everyCorruptDirectoryByteIsAnErrorNotACrash() throws {
        let data = Self.docx
        let directoryStart = try #require(data.lastRange(of: Data([0x50, 0x4B, 0x01, 0x02]))).lowerBound
        var errors = 0
        for offset in stride(from: max(0, directoryStart - 200), to: data.count, by: 1) {
            for flip: UInt8 in [0xFF, 0x80] {
                var damaged = data
                damaged[offset] ^= flip
                do {
                    _ = try NexisUniDOCXParser.parse(damaged, source: "d.docx")
                } catch let error as ParseError {
                    #expect(error.source == "d.docx")
                    errors += 1
                }
            }
        }
        #expect(errors > 100)
    }

    /// A member that inflates past the limit is refused as it inflates, with bounded memory.
    @Test func aZipBombIsRefusedAtTheLimit() throws {
        let big = Data(count: 20 << 20)  // 20 MB of zeros: about 20 KB deflated
        let zipped = try SyntheticGKG.zip(data: big, entry: "word/document.xml")
        #expect(zipped.count < 100_000)
        let zip = try ZipArchiveReader(data: zipped, source: "bomb.docx")
        let member = try #require(zip.members.first)
        #expect(throws: ParseError.self) { try zip.contents(of: member, limit: 1 << 20) }
        // A directory entry that understates the size does not help: inflation stops at the stated size.
        var lying = zipped
        let entry = try #require(lying.lastRange(of: Data([0x50, 0x4B, 0x01, 0x02]))).lowerBound
        lying.replaceSubrange((entry + 24)..<(entry + 28), with: [0x00, 0x01, 0x00, 0x00])  // 256 bytes
        let liar = try ZipArchiveReader(data: lying, source: "liar.docx")
        var seen = 0
        do {
            try liar.read(try #require(liar.members.first), limit: 1 << 30, chunkSize: 4096) { seen += $0.count }
            Issue.record("a member larger than its directory entry was read")
        } catch let error as ParseError {
            #expect(error.reason.contains("inflates past 256 bytes"))
        }
        #expect(seen <= 4096)
    }

    @Test func truncationAndForeignBytes() {
        #expect(throws: ParseError.self) { try ZipArchiveReader(data: Self.docx.prefix(Self.docx.count - 10), source: "t.docx") }
        #expect(throws: ParseError.self) { try ZipArchiveReader(data: Data("PK\u{3}\u{4} not really".utf8), source: "f.docx") }
        #expect(throws: ParseError.self) { try ZipArchiveReader(data: Data(), source: "e.docx") }
    }
}
