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
        var read = Data()
        try GKGZipReader(data: zip, name: "a.zip").read { read.append($0) }
        #expect(read == Data(text.utf8))

        // The central directory's CRC-32 changed: the inflated bytes no longer match it.
        var damaged = zip
        let central = try #require(damaged.firstRange(of: Data([0x50, 0x4B, 0x01, 0x02])))
        damaged[central.lowerBound + 16] ^= 0xFF
        #expect(throws: ParseError(source: "b.zip", reason: "a damaged or truncated zip archive: 20150901000000.gkg.csv fails its CRC-32 check")) {
            try GKGZipReader(data: damaged, name: "b.zip").read { _ in }
        }
        let error = #expect(throws: ParseError.self) { try GKGZipReader(data: Data("not a zip".utf8), name: "c.zip") }
        #expect(error?.reason == "a damaged or truncated zip archive: too short to be a zip file")
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
