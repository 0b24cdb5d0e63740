import Foundation
import GlareCore
import GlareParsers
import GlareTestSupport
import Testing

/// Downloads with documents that cannot be read (skipped and named), and LexisNexis RTF exports.
@Suite struct ArchiveSkipAndRTFTests {
    func data(_ name: String) throws -> Data { try Data(contentsOf: Fixtures.archive(name)) }

    @Test func aCopyrightBlockedEntryIsSkippedAndTheOthersAreRead() throws {
        let d = try data("lexisnexis_blocked_entry.html")
        let format = try ArchiveFormat.detect(d, source: "b.html")
        #expect(format == .lexisNexisHTML)
        let download = try format.parse(d, source: "b.html")
        #expect(download.documents.map(\.headline) == ["US names 20 women prisoners", "Lawyer still held"])
        #expect(download.documents.map(\.day.iso) == ["2015-09-01", "2015-09-03"])
        #expect(download.documents.allSatisfy { $0.hasText })
        // Named by its number and the line of the HTML file where it starts.
        #expect(
            download.skipped == [
                SkippedDocument(
                    number: 2, line: 49,
                    reason:
                        "document 2 of 3: 'The Blocked Gazette' stands where the publication date belongs and there is no body: an entry the archive withheld (e.g. for copyright)"
                )
            ])
        #expect(download.documents.map(\.line) == [22, 64])
    }

    @Test func theSameBlockedEntryInATextDownload() throws {
        let text = """
               1 of 2 DOCUMENTS

               The Blocked Gazette

               The Blocked Gazette

               Copyright 2015 The Blocked Gazette

               2 of 2 DOCUMENTS

               The Test Herald

               September 3, 2015 Thursday

            Lawyer still held

            Human rights lawyer Wang Yu remains in custody.

            LANGUAGE: ENGLISH

            """
        let download = try ArchiveFormat.lexisNexisText.parse(Data(text.utf8), source: "b.txt")
        #expect(download.documents.map(\.outlet) == ["The Test Herald"])
        #expect(download.skipped.map(\.number) == [1])
        #expect(download.skipped.map(\.line) == [5])
        #expect(download.skipped.first?.reason.contains("'The Blocked Gazette' stands where the publication date belongs and there is no body") == true)
    }

    @Test func anRTFExportReadsExactlyLikeItsTextTwin() throws {
        let rtf = try data("lexisnexis_freethe20_1.rtf")
        let format = try ArchiveFormat.detect(rtf, source: "f.rtf")
        #expect(format == .lexisNexisRTF)
        #expect(format.database == "lexisnexis")
        let fromRTF = try format.parse(rtf, source: "f.rtf")
        let fromText = try ArchiveFormat.lexisNexisText.parse(try data("lexisnexis_freethe20_1.txt"), source: "f.txt")
        #expect(fromRTF.skipped.isEmpty && fromText.skipped.isEmpty)
        #expect(fromRTF.documents.count == 4)
        func fields(_ d: NewsDocument) -> [String] {
            [d.outlet, d.day.iso, d.headline, d.text, d.byline ?? "-", d.language ?? "-", "\(d.hasText)", d.documentId]
        }
        #expect(fromRTF.documents.map(fields) == fromText.documents.map(fields))
        // é from \'e9 in code page 1252, ü from \u252 (its \'fc fallback skipped).
        #expect(fromRTF.documents[1].text.hasSuffix("berichtet René Müller."))
        #expect(fromRTF.documents.allSatisfy { $0.format == "lexisnexis-rtf" })
        // Lines are the RTF file's: each document's separator line.
        #expect(fromRTF.documents.map(\.line) == [11, 25, 36, 47])
    }

    /// A one-document LexisNexis RTF around `body` (the body's paragraph is on line 4).
    func rtf(_ body: String, header: String = "{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0 Times;}}") -> Data {
        Data(
            """
            \(header)
            \\pard\\qc 1 of 1 DOCUMENTS\\par The Test Herald\\par September 1, 2015 Tuesday\\par
            \\pard Headline\\par
            \(body)\\par
            {\\b LANGUAGE: }ENGLISH\\par
            }
            """.utf8)
    }

    func body(_ data: Data) throws -> String {
        try #require(try ArchiveFormat.lexisNexisRTF.parse(data, source: "t.rtf").documents.first).text
    }

    @Test func rtfEscapesGroupsAndDestinations() throws {
        // Control symbols, a soft line break, quotes and dashes, and a word split by formatting groups.
        #expect(
            try body(rtf("Braces \\{ and \\} and \\\\ back\\line slash \\ldblquote q\\rdblquote\\~\\emdash\\~W{\\b an}{\\i g} Yu"))
                == "Braces { and } and \\ back slash \u{201C}q\u{201D} \u{2014} Wang Yu")
        // Ignorable destinations, headers, pictures and fields' instructions leave no text; a field's result stays.
        #expect(
            try body(rtf("A{\\*\\bkmkstart x}B{\\header page 1\\par}C{\\pict\\pngblip 89504e47}D{\\field{\\*\\fldinst HYPERLINK x}{\\fldrslt E}}F")) == "ABCDEF"
        )
        // \uN with a longer fallback (\uc2), a negative unit, and a surrogate pair.
        #expect(try body(rtf("{\\uc2 caf\\u233\\'65\\'3f}\\u-3937?\\u-10179?\\u-8704?")) == "café\u{F09F}\u{1F600}")
        // A \uN outside RTF's signed 16 bits and Unicode names no character (U+FFFD), and its fallback is still skipped.
        #expect(try body(rtf("a\\u-70000?b\\u4294967296?c\\u9999999999?d")) == "a\u{FFFD}b\u{FFFD}c\u{FFFD}d")
        #expect(try body(rtf("\\u128512?")) == "\u{1F600}")  // a whole code point, as some writers put it
        // \'hh in another declared code page (1251: Cyrillic).
        #expect(try body(rtf("\\'cb\\'e8\\'f3", header: "{\\rtf1\\ansi\\ansicpg1251\\deff0{\\fonttbl{\\f0 Times;}}")) == "Лиу")
    }

    @Test func rtfProblemsAreNamed() throws {
        #expect(throws: ParseError(source: "t.rtf", line: 4, reason: "code page 932 (\\ansicpg) is not one Glare reads (1250–1254, 10000, 28591, 65001)")) {
            try ArchiveFormat.lexisNexisRTF.parse(rtf("\\'82\\'a0", header: "{\\rtf1\\ansi\\ansicpg932{\\fonttbl{\\f0 MS Mincho;}}"), source: "t.rtf")
        }
        #expect(throws: ParseError(source: "w.rtf", reason: "an RTF document, but not a LexisNexis export: no 'N of M DOCUMENTS' lines")) {
            try ArchiveFormat.lexisNexisRTF.parse(Data("{\\rtf1\\ansi Dear colleague,\\par see you.\\par}".utf8), source: "w.rtf")
        }
        #expect(throws: ParseError(source: "x.rtf", line: 1, reason: "a '}' closes no group: not a well-formed RTF document")) {
            try ArchiveFormat.lexisNexisRTF.parse(Data("{\\rtf1 a}}".utf8), source: "x.rtf")
        }
        // A download cut off inside its last document: that document is skipped, named with its RTF line.
        let whole = try data("lexisnexis_freethe20_1.rtf")
        let cut = try ArchiveFormat.lexisNexisRTF.parse(
            whole.prefix(
                upTo: whole.range(
                    of: Data(
                        "LOAD-DATE: }September 2, 2015\\par\r\n\\pard\\sb120{\\b LANGUAGE: }ENGLISH\\par\r\n\\pard\\sb120{\\b PUBLICATION-TYPE: }Newspaper\\par\r\n\\pard\\sb240\\qc Copyright 2015 Test Publishing\\par\r\n}"
                            .utf8))!.lowerBound), source: "cut.rtf")
        #expect(cut.documents.count == 3)
        #expect(
            cut.skipped == [
                SkippedDocument(number: 4, line: 47, reason: "document 4 of 4 stops before its LOAD-DATE and LANGUAGE lines: the file is truncated")
            ])
    }
}
