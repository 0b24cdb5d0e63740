import Foundation
import GlareCore
import GlareParsers
import GlareTestSupport
import Testing

@Suite struct ArchiveParserTests {
    func data(_ name: String) throws -> Data { try Data(contentsOf: Fixtures.archive(name)) }

    @Test func realLexisNexisSample() throws {
        let d = try data("lexisnexis_academic_sample.TXT")
        #expect(try ArchiveFormat.detect(d, source: "s") == .lexisNexisText)
        let docs = try LexisNexisTextParser.parse(d, source: "sample.TXT")
        #expect(docs.count == 10)
        #expect(docs[0].outlet == "Guardian.com")
        #expect(docs[0].day.iso == "2010-01-11")
        #expect(docs[0].headline == "Lorem ipsum dolor sit amet")
        #expect(docs[0].byline == "Andrew Sparrow")
        #expect(docs[0].language == "English")
        #expect(docs[0].text.hasPrefix("Lorem ipsum dolor sit amet, consectetur adipiscing elit."))
        #expect(!docs[0].text.contains("LOAD-DATE"))
        #expect(!docs[0].text.contains("Copyright"))
        let allHaveText = docs.allSatisfy { $0.hasText }
        #expect(allHaveText)
        #expect(Set(docs.map(\.documentId)).count == 10)
    }

    @Test func datesInSeveralLanguagesAndWithheldBodies() throws {
        let docs = try LexisNexisTextParser.parse(try data("lexisnexis_freethe20_1.txt"), source: "f")
        #expect(docs.map(\.day.iso) == ["2015-09-01", "2015-09-01", "2015-09-02", "2015-09-02"])
        #expect(docs.map(\.language) == ["English", "German", "French", "English"])
        #expect(docs[2].hasText == false)
        #expect(docs[2].text.isEmpty)
        #expect(docs[2].headline == "Vingt femmes")
    }

    @Test func overlappingDownloadsShareDocumentIds() throws {
        let one = try LexisNexisTextParser.parse(try data("lexisnexis_freethe20_1.txt"), source: "1")
        let two = try LexisNexisTextParser.parse(try data("lexisnexis_freethe20_2.txt"), source: "2")
        #expect(Set(one.map(\.documentId)).intersection(two.map(\.documentId)).count == 2)
    }

    @Test func truncatedAndForeignFiles() throws {
        #expect(throws: ParseError(source: "t.txt", line: 39, reason: "document 2 of 2 stops before its LOAD-DATE and LANGUAGE lines: the file is truncated")) {
            try LexisNexisTextParser.parse(try data("lexisnexis_truncated.txt"), source: "t.txt")
        }
        #expect(throws: ParseError(source: "x.csv", reason: "not an archive export Glare reads (LexisNexis/Nexis Uni text or DOCX, LexisNexis HTML, Factiva HTML, ProQuest HTML); it looks like a CSV file")) {
            try ArchiveFormat.detect(Data("date,count\n2015-09-01,3\n".utf8), source: "x.csv")
        }
        #expect(throws: ParseError.self) { try ArchiveFormat.detect(Data([0x25, 0x50, 0x44, 0x46, 0x2D]), source: "x.pdf") }
        let bad = "   1 of 1 DOCUMENTS\n\n   Outlet\n\n   Not a date at all\n\nHeadline\n\nLANGUAGE: ENGLISH\n"
        #expect(throws: ParseError(source: "b", line: 5, reason: "document 1 of 1: 'Not a date at all' is not a publication date")) {
            try LexisNexisTextParser.parse(Data(bad.utf8), source: "b")
        }
    }
}
