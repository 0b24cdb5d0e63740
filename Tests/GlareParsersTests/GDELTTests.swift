import Foundation
import GlareCore
import GlareParsers
import GlareTestSupport
import Testing

@Suite struct GDELTTests {
    @Test func readsTheRealMasterListExcerpt() throws {
        let text = try String(
            contentsOf: Fixtures.root.appendingPathComponent("Tests/Fixtures/gdelt/masterfilelist_excerpt_20150218-20150222.txt"), encoding: .utf8)
        let list = GDELTMasterList(text: text, translingual: false)
        let slot = GKGSlot(stamp: "20150218230000")!
        let file = try #require(list.files[slot])
        #expect(file.size == 10768507 && file.md5 == "ea8dde0beb0ba98810a92db068c0ce99" && file.name == "20150218230000.gkg.csv.zip")
        #expect(file.url == "http://data.gdeltproject.org/gdeltv2/20150218230000.gkg.csv.zip")
        #expect(list.files.keys.allSatisfy { $0.minutes % 15 == 0 })
        #expect(GDELTMasterList(text: text, translingual: true).files.isEmpty)
    }

    @Test func slotsAreFifteenMinutesUTC() {
        let s = GKGSlot(stamp: "20150901234500")!
        #expect(s.day == Day(iso: "2015-09-01")!)
        #expect(s.stamp == "20150901234500")
        #expect(GKGSlot(stamp: "20150901234100") == nil)
        #expect(GKGSlot.slots(from: Day(iso: "2015-09-01")!, to: Day(iso: "2015-09-01")!).count == 96)
        #expect(GKGSlot.parse(fileName: "20150901000000.translation.gkg.csv.zip")! == (GKGSlot(stamp: "20150901000000")!, true))
    }

    @Test func readsRealRowsInChunksOfAnySize() throws {
        let data = try Data(contentsOf: Fixtures.root.appendingPathComponent("Tests/Fixtures/gdelt/gkg21_20170701234500_first50rows_RESERIALIZED.tsv"))
        var whole: [GKGEntry] = []
        let tally = GKGReader.read(data) { whole.append($0) }
        #expect(tally.rows == 50 && tally.entries == 50 && tally.skippedTotal == 0)
        #expect(whole[0].persons.map(\.text) == ["Bandai Namco", "Miranda Sanchez"])
        #expect(whole[0].day == Day(iso: "2017-07-01")!)
        // Fed 7,777 bytes at a time, the same records come out.
        var reader = GKGReader()
        var chunked: [GKGEntry] = []
        var i = 0
        while i < data.count {
            data[i..<min(data.count, i + 7777)].withUnsafeBytes { reader.feed($0) { chunked.append($0) } }
            i += 7777
        }
        _ = reader.finish { chunked.append($0) }
        #expect(chunked == whole)
        // The name index keeps every record and reads back the same.
        let index = GKGNameIndex.encode(whole)
        #expect(try GKGNameIndex.decode(index, source: "t") == whole)
        #expect(index.count * 5 < data.count)
        // Version 1 (text) snapshots stay readable, and the binary layout is smaller.
        let v1 = GKGNameIndex.encodeV1(whole)
        #expect(try GKGNameIndex.decode(v1, source: "t") == whole)
        #expect(index.count < v1.count)
        #expect(index.starts(with: Data("#glare-gkg-name-index v2\n".utf8)))
    }

    /// A damaged binary index is a named error, never a crash or a huge allocation.
    @Test func aDamagedNameIndexIsAnError() throws {
        let data = try Data(contentsOf: Fixtures.root.appendingPathComponent("Tests/Fixtures/gdelt/gkg21_20170701234500_first50rows_RESERIALIZED.tsv"))
        var whole: [GKGEntry] = []
        _ = GKGReader.read(data) { whole.append($0) }
        let index = GKGNameIndex.encode(whole)
        let headerBytes = "#glare-gkg-name-index v2\n".utf8.count
        for cut in [headerBytes, headerBytes + 3, headerBytes + 8, index.count / 2, index.count - 1] {
            #expect(throws: ParseError.self) { try GKGNameIndex.decode(index.prefix(cut), source: "t") }
        }
        var huge = index
        for k in 0..<4 { huge[headerBytes + k] = 0xFF }  // 4 billion strings
        #expect(throws: ParseError.self) { try GKGNameIndex.decode(huge, source: "t") }
        #expect(throws: ParseError.self) { try GKGNameIndex.decode(index + Data([0]), source: "t") }
    }

    @Test func badRowsAreSkippedAndCounted() {
        let text = "a\tb\n" + String(repeating: "x\t", count: 30) + "\n"
        let tally = GKGReader.read(Data(text.utf8)) { _ in }
        #expect(tally.rows == 2 && tally.entries == 0)
        #expect(tally.skipped == ["short row (2 fields, expected 27)": 1, "long row (more than 27 fields)": 1])
        #expect(tally.examples == ["line 1: short row (2 fields, expected 27)", "line 2: long row (more than 27 fields)"])
    }

    @Test func titlesDecodeGDELTsByteEntities() {
        #expect(GKGText.decodeEntities("Dagmar B&#xC5;&#x99;ezinov&#xC3;&#xA1;") == "Dagmar Březinová")
        #expect(GKGText.decodeEntities("caf&#xE9; &amp; cr&#233;me") == "café & créme")
        #expect(GKGText.pageTitle("<PAGE_LINKS>x</PAGE_LINKS><PAGE_TITLE>A\tB</PAGE_TITLE>") == "A B")
    }
}

@Suite struct GKGZipReaderTests {
    @Test func readsTheEntryAndChecksItsCRC() throws {
        let text = String(repeating: "20150901000000-0\tx\n", count: 5000)
        let zip = try SyntheticGKG.zip(text, entry: "20150901000000.gkg.csv")
        let buffer = InflateBuffer()
        let read = try GKGZipReader(data: zip, name: "a.zip").read(into: buffer) { Data($0) }
        #expect(read == Data(text.utf8))
        // The buffer is reused for the next file.
        #expect(try GKGZipReader(data: zip, name: "a.zip").read(into: buffer) { Data($0) } == read)

        // The central directory's CRC-32 changed: the inflated bytes no longer match it.
        var damaged = zip
        let central = try #require(damaged.firstRange(of: Data([0x50, 0x4B, 0x01, 0x02])))
        damaged[central.lowerBound + 16] ^= 0xFF
        #expect(throws: ParseError(source: "b.zip", reason: "20150901000000.gkg.csv fails its CRC-32 check (damaged archive)")) {
            try GKGZipReader(data: damaged, name: "b.zip").read(into: buffer) { _ in }
        }
        let error = #expect(throws: ParseError.self) { try GKGZipReader(data: Data("not a zip".utf8), name: "c.zip") }
        #expect(error?.reason == "a damaged or truncated zip archive: too short to be a zip file")
        // Truncated: the end record is gone.
        #expect(throws: ParseError.self) { try GKGZipReader(data: zip.prefix(zip.count - 30), name: "d.zip") }
    }

    /// Sets the uncompressed size the central directory gives the first member.
    static func declaring(_ size: UInt32, _ zip: Data) throws -> Data {
        var out = zip
        let central = try #require(out.firstRange(of: Data([0x50, 0x4B, 0x01, 0x02])))
        for k in 0..<4 { out[central.lowerBound + 24 + k] = UInt8(truncatingIfNeeded: size >> (8 * UInt32(k))) }
        return out
    }

    /// A member declaring more than the limit is refused before any memory is taken; one that inflates
    /// to more than it declares (a zip bomb in disguise) stops at its declared size.
    @Test func boundsTheMembersSize() throws {
        let zeros = Data(count: 4 << 20)
        let zip = try SyntheticGKG.zip(data: zeros, entry: "20150901000000.gkg.csv")
        #expect(zip.count < 100_000)
        let huge = try Self.declaring(UInt32(GKGZipReader.maxMemberBytes + 1), zip)
        let tooBig = #expect(throws: ParseError.self) { try GKGZipReader(data: huge, name: "big.zip") }
        #expect(
            tooBig?.reason == "20150901000000.gkg.csv declares 268435457 bytes uncompressed, over the 256 MiB limit for a GKG file (damaged or not a GKG file)")
        #expect(throws: ParseError.self) { try GKGZipReader(data: try Self.declaring(0xFFFF_FFFF, zip), name: "big.zip") }
        let bomb = try Self.declaring(1000, zip)
        let buffer = InflateBuffer()
        #expect(
            throws: ParseError(
                source: "bomb.zip", reason: "cannot inflate 20150901000000.gkg.csv (damaged: it inflates to more than the 1000 bytes it declares)")
        ) {
            try GKGZipReader(data: bomb, name: "bomb.zip").read(into: buffer) { _ in }
        }
        let short = try Self.declaring(5 << 20, zip)
        #expect(throws: ParseError.self) { try GKGZipReader(data: short, name: "short.zip").read(into: buffer) { _ in } }
    }
}

/// A row longer than the limit is a bad row, counted, and the reader never holds more than the limit.
@Suite struct GKGRowLimitTests {
    @Test func anOverlongRowIsSkippedAndCounted() throws {
        let good = try SyntheticGKG.file([.init(id: "20150901000000-1", date: "20150901000000", url: "https://a.example/1", persons: ["Liu Xia"])])
        let chunk = Data(repeating: 0x41, count: 1 << 20)
        var reader = GKGReader()
        var entries: [GKGEntry] = []
        for _ in 0..<(GKGReader.maxRowBytes >> 20) + 1 { chunk.withUnsafeBytes { reader.feed($0, { entries.append($0) }) } }
        Data(("\n" + good).utf8).withUnsafeBytes { reader.feed($0, { entries.append($0) }) }
        // And one with no line break at the end of the file.
        for _ in 0..<(GKGReader.maxRowBytes >> 20) + 1 { chunk.withUnsafeBytes { reader.feed($0, { entries.append($0) }) } }
        let tally = reader.finish { entries.append($0) }
        #expect(entries.map(\.url) == ["https://a.example/1"])
        #expect(tally.rows == 3 && tally.skipped == ["row longer than 8 MiB": 2])
        #expect(tally.examples == ["line 1: row longer than 8 MiB", "line 3: row longer than 8 MiB"])
        // The same in one whole buffer.
        var whole = Data(repeating: 0x41, count: GKGReader.maxRowBytes + 1)
        whole.append(Data(("\n" + good).utf8))
        var n = 0
        let t2 = GKGReader.read(whole) { _ in n += 1 }
        #expect(n == 1 && t2.skipped == ["row longer than 8 MiB": 1])
    }
}

/// A damaged byte in GDELT's master list spoils its line, not the list.
@Suite struct MasterListDamageTests {
    @Test func invalidUTF8SkipsTheLine() {
        var bytes = Data("1234 0123456789abcdef0123456789abcdef http://data.gdeltproject.org/gdeltv2/20150901000000.gkg.csv.zip\n".utf8)
        bytes +=
            Data("99 0123456789abcdef0123456789abcdef http://data.gdeltproject.org/gdeltv2/2015090100".utf8) + Data([0xFF, 0xFE])
            + Data("1500.gkg.csv.zip\n".utf8)
        let list = GDELTMasterList(text: String(decoding: bytes, as: UTF8.self), translingual: false)
        #expect(list.files.count == 1 && list.badLines.map(\.line) == [2])
    }
}

/// Issue 19: strings made from GKG bytes take a fast path for ASCII; invalid UTF-8 is still refused
/// wherever it sits (before, on and after an 8-byte boundary), and valid non-ASCII text is kept as is.
@Suite struct GKGTextBytesTests {
    @Test(arguments: [0, 7, 8, 9, 16, 23])
    func invalidUTF8IsRefusedAtAnyOffsetAndValidTextKept(_ offset: Int) throws {
        let template = try SyntheticGKG.sampleRows()[0]
        let name = String(repeating: "a", count: offset) + "Liu Xia"
        let good = SyntheticGKG.Record(
            id: "20150901000000-0", date: "20150901000000", url: "https://a.example/" + String(repeating: "x", count: offset),
            persons: [name, "Bùi Thị Minh Hằng"], themes: ["ARREST"], title: String(repeating: "t", count: offset) + "Łódź")
        var rows = Data((SyntheticGKG.row(good, template: template) + "\n").utf8)
        // The same row with one byte of the person's name (at `offset`) made 0xFF.
        var bad = good
        bad.id = "20150901000000-1"
        var badRow = Data((SyntheticGKG.row(bad, template: template) + "\n").utf8)
        let at = try #require(badRow.range(of: Data(name.utf8))).lowerBound + offset
        badRow[at] = 0xFF
        rows += badRow
        var entries: [GKGEntry] = []
        let tally = GKGReader.read(rows) { entries.append($0) }
        #expect(tally.rows == 2 && tally.skipped == ["invalid UTF-8": 1])
        let e = try #require(entries.first)
        #expect(entries.count == 1)
        #expect(e.persons.map(\.text) == [name, "Bùi Thị Minh Hằng"])
        #expect(e.title == String(repeating: "t", count: offset) + "Łódź")
        #expect(e.url == "https://a.example/" + String(repeating: "x", count: offset))
        // And through the name index, both ways.
        #expect(try GKGNameIndex.decode(GKGNameIndex.encode(entries), source: "t") == entries)
    }
}
