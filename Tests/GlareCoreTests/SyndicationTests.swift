import Foundation
import Testing

@testable import GlareCore

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
        #expect(SyndicationDetector().stories([]) == [])
        #expect(SyndicationDetector().groups(days: [d, d, d], sketches: [wire, "Liu Xia freed", wire].map(StorySketch.init(text:))) == [0, 1, 0])
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
        let minima = texts.map { StorySketch.minima(folded: TextFolder.fold($0)) }
        let oldBytes = minima.map { values in
            var d = Data(count: values.count * 8)
            d.withUnsafeMutableBytes { raw in
                for (i, v) in values.enumerated() { raw.storeBytes(of: v.littleEndian, toByteOffset: i * 8, as: UInt64.self) }
            }
            return d
        }
        let fingerprints = oldBytes.map { bytes -> UInt64 in
            var h: UInt64 = 0xCBF2_9CE4_8422_2325
            for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
            return h
        }
        #expect(fingerprints == [8_046_908_123_401_812_383, 1_170_805_189_604_971_863, 13_783_190_885_039_344_142])
        // Stored now as the minima's low halves (512 bytes); a sketch stored before (1024 bytes) reads as the same sketch.
        for (text, (values, old)) in zip(texts, zip(minima, oldBytes)) {
            let sketch = StorySketch(text: text)
            #expect(sketch.signature == values.map { UInt32(truncatingIfNeeded: $0) })
            #expect(sketch.bytes.count == 512)
            #expect(StorySketch(bytes: sketch.bytes) == sketch)
            #expect(StorySketch(bytes: old) == sketch)
        }
        #expect(StorySketch(bytes: Data(count: 100)) == nil)
    }

    /// The grouping as first written (a dictionary of buckets per band), the reference for the one in use; bucketed
    /// here by the band's values themselves rather than their 64-bit mix, which differs only on a hash collision.
    static func referenceStories(_ documents: [SyndicationDetector.Document], threshold: Double = 0.6, maxDayGap: Int = 1) -> [String] {
        var parent = Array(documents.indices)
        func find(_ i: Int) -> Int {
            var i = i
            while parent[i] != i { i = parent[i] }
            return i
        }
        let rows = StorySketch.size / SyndicationDetector.bands
        for band in 0..<SyndicationDetector.bands {
            var buckets: [[UInt32]: [Int]] = [:]
            for (i, d) in documents.enumerated() { buckets[Array(d.sketch.signature[(band * rows)..<(band * rows + rows)]), default: []].append(i) }
            for members in buckets.values where members.count > 1 {
                for a in 0..<members.count {
                    for b in (a + 1)..<members.count {
                        let (i, j) = (members[a], members[b])
                        guard abs(documents[i].day.distance(to: documents[j].day)) <= maxDayGap, find(i) != find(j) else { continue }
                        if documents[i].sketch.similarity(to: documents[j].sketch) >= threshold { parent[find(j)] = find(i) }
                    }
                }
            }
        }
        var representative: [Int: Int] = [:]
        for i in documents.indices {
            let r = find(i)
            if let current = representative[r] {
                if documents[i].day < documents[current].day { representative[r] = i }
            } else {
                representative[r] = i
            }
        }
        return documents.indices.map { documents[representative[find($0)]!].id }
    }

    @Test func bucketsGroupAsTheReferenceDoes() {
        // Random documents: stories of random words, each reprinted a few times with edits, on nearby days, shuffled.
        var random = SplitMix64(seed: 7)
        let words = wire.split(separator: " ").map(String.init) + ["Baku", "court", "sentenced", "journalist", "police", "lawyer"]
        func pick(_ n: Int) -> Int { Int(random.next(below: UInt64(n))) }
        for round in 0..<30 {
            var docs: [SyndicationDetector.Document] = []
            for story in 0..<(1 + pick(12)) {
                let text = (0..<(3 + pick(60))).map { _ in words[pick(words.count)] }
                let start = pick(4)
                for copy in 0..<(1 + pick(4)) {
                    var edited = text
                    for _ in 0..<pick(1 + text.count / 3) { edited[pick(edited.count)] = words[pick(words.count)] }
                    let id = "r\(round)-s\(story)-c\(copy)"
                    docs.append(.init(id: id, day: d.adding(days: start + pick(3)), sketch: StorySketch(text: edited.joined(separator: " "))))
                }
            }
            for i in docs.indices.reversed() { docs.swapAt(i, pick(i + 1)) }
            let stories = SyndicationDetector().stories(docs)
            #expect(stories == Self.referenceStories(docs), "round \(round)")
            if round == 0 { #expect(Set(stories).count < docs.count) }  // some copies were joined
        }
    }
}
