import Foundation
import GlareCore
import Testing

@Suite struct SyndicationTests {
    // A wire story written for this test.
    let wire = """
        The United States on Tuesday launched a campaign calling for the release of twenty women held as \
        political prisoners around the world. Ambassador Samantha Power said the campaign would feature one \
        woman each weekday through September, ahead of a meeting at the United Nations on women's rights. \
        Among the first cases is a human rights lawyer detained in China in July, whose teenage son was later \
        stopped at the border. Officials said the women had been jailed for their work as journalists, \
        lawyers, bloggers and activists, and that their governments should free them without conditions. \
        Rights groups welcomed the campaign but said pressure must continue after the meeting ends.
        """
    let d = Day(iso: "2015-09-01")!

    func doc(_ id: String, _ text: String, _ offset: Int = 0) -> SyndicationDetector.Document {
        .init(id: id, day: d.adding(days: offset), sketch: StorySketch(text: text))
    }

    @Test func reprintsAreOneStory() {
        let reprint =
            "US LAUNCHES DRIVE TO FREE JAILED WOMEN\nBy Staff Writer\n\n"
            + wire.uppercased()
            .replacingOccurrences(of: "TUESDAY", with: "TUESDAY (SEPT 1)") + "\n\nCopyright 2015. All rights reserved. Subscribe for more."
        let edited = wire.replacingOccurrences(of: "Rights groups welcomed", with: "Amnesty International and other groups welcomed")
        let other = """
            A court in Baku on Tuesday sentenced an investigative journalist to seven and a half years in prison on \
            charges her supporters say were fabricated to punish her reporting on the president's family. The \
            journalist, who worked for a US-funded radio station, denied all charges and called the trial a farce.
            """
        let stories = SyndicationDetector().stories([doc("a", wire), doc("b", reprint, 1), doc("c", edited), doc("d", other)])
        #expect(stories == ["a", "a", "a", "d"])
        #expect(StorySketch(text: wire).similarity(to: StorySketch(text: reprint)) > 0.6)
        #expect(StorySketch(text: wire).similarity(to: StorySketch(text: other)) < 0.1)
    }

    @Test func copiesDaysApartAreSeparate() {
        #expect(SyndicationDetector().stories([doc("a", wire), doc("b", wire, 5)]) == ["a", "b"])
        // The earliest copy names the story, whatever the input order.
        #expect(SyndicationDetector().stories([doc("late", wire, 1), doc("early", wire)]) == ["early", "early"])
    }

    @Test func shortAndEmptyTexts() {
        #expect(SyndicationDetector().stories([doc("a", ""), doc("b", "")]) == ["a", "b"])
        #expect(SyndicationDetector().stories([doc("a", "Liu Xia freed"), doc("b", "LIU XIA FREED")]) == ["a", "a"])
    }

    @Test func sketchesAreTheStoredOnesBitForBit() {
        // Sketches are stored and compared across versions: these are the signatures stored before the minimum was computed four lanes at a time
        // (FNV-1a of the little-endian signature bytes), whatever way the minimum is computed.
        let texts = [
            "Azerbaijan jails journalist Khadija Ismayilova for seven and a half years on charges rights groups call political.",
            "Liu Xia",  // fewer words than a shingle
            "Ni Yulan, a housing rights lawyer in Beijing, was detained again; her husband said police gave no reason. "
                + String(repeating: "More words follow here. ", count: 40),
        ]
        let fingerprints = texts.map { text -> UInt64 in
            var h: UInt64 = 0xCBF2_9CE4_8422_2325
            for b in StorySketch(text: text).bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
            return h
        }
        #expect(fingerprints == [8_046_908_123_401_812_383, 1_170_805_189_604_971_863, 13_783_190_885_039_344_142])
    }
}
