import Foundation
import GlareCore
import GlareParsers
import Testing

/// Issue 18 item 19: a 10 MB cell was echoed whole into the error message. Quoted input is clipped to
/// 80 characters with its length noted, and a message is at most 1,000 characters.
@Suite struct MessageClippingTests {
    @Test func aHugeCellIsClippedInTheError() {
        let cell = String(repeating: "9", count: 2_000_000)
        let csv = "date,count\n2015-09-01,\(cell)\n"
        let error = #expect(throws: ParseError.self) { try CountsCSVParser.parse(Data(csv.utf8), source: "big.csv") }
        #expect((error?.description.count ?? .max) < 300)
        let trends = "Day,X: (Worldwide)\n2015-09-01,\(cell)\n"
        let trendsError = #expect(throws: ParseError.self) { try TrendsCSVParser.parse(Data(trends.utf8), source: "t.csv") }
        #expect(trendsError?.description.contains("(2000000 characters)") == true)
        #expect((trendsError?.description.count ?? .max) < 300)
    }

    @Test func apostrophesAreNotQuotes() {
        let text = "the file's format is '" + String(repeating: "x", count: 100) + "', not the export's"
        let clipped = text.clippedForMessage
        #expect(clipped.hasPrefix("the file's format is 'xxx"))
        #expect(clipped.hasSuffix("…' (100 characters), not the export's") == false)
        #expect(clipped.contains("… (100 characters)', not the export's"))
        #expect("short 'quote'".clippedForMessage == "short 'quote'")
        #expect(String(repeating: "y", count: 5000).clippedForMessage.count == 1000)
    }
}
