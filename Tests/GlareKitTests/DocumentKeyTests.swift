import GlareCore
import Testing

@testable import GlareKit

/// An item's key: a plain link is its own key only where `URLComponents` would give the same.
@Suite struct DocumentKeyTests {
    @Test func plainLinksAreTheirOwnKeys() {
        #expect(SourceFetcher.isPlain("https://www.example.com/world/2015/sep/30/story-1"))
        #expect(SourceFetcher.isPlain("http://example.com"))
        #expect(SourceFetcher.documentKey(link: "https://ex.example/a/B_c~d.html", id: "x") == "url:https://ex.example/a/B_c~d.html")
        for link in [
            "HTTPS://example.com/a", "https://Example.com/a", "https://example.com/a?b=1", "https://example.com/a#top",
            "https://example.com:8080/a", "https://user@example.com/a", "https://example.com/a%20b", " https://example.com/a",
            "https://example.com/café", "https:/example.com/a", "https://", "example.com/a", "",
        ] {
            #expect(!SourceFetcher.isPlain(link), "\(link)")
        }
        // Not plain, so canonicalised: scheme and host lowercased, tracking parameters and fragment dropped.
        #expect(
            SourceFetcher.documentKey(link: "HTTPS://Example.COM/a?utm_source=rss&id=3#c", id: "x") == "url:https://example.com/a?id=3")
        #expect(SourceFetcher.documentKey(link: "not a link", id: "x") == "id:x")
    }

    /// The same key as `URLComponents` gives, for random links drawn from the characters either path may see.
    @Test func theShortcutAgreesWithURLComponents() {
        var random = SplitMix64(seed: 19)
        let alphabet = "abcxyzABZ0189-._~/:?#@%&=+!$,;[] \té".map(String.init) + ["https://", "http://", "//", "/../", "/./", "utm_x=1"]
        let near = "abz09-._~/A".map(String.init) + ["/../", "/./", "//"]  // links of plain characters, and nearly so
        var plain = 0
        for n in 0..<20_000 {
            let letters = n % 4 == 0 ? near + [alphabet[n / 4 % alphabet.count]] : alphabet
            var link = n % 2 == 0 ? "https://" : ""
            for _ in 0..<Int(random.next(below: 24)) { link += letters[Int(random.next(below: UInt64(letters.count)))] }
            if SourceFetcher.isPlain(link) { plain += 1 }
            #expect(SourceFetcher.documentKey(link: link, id: "i") == SourceFetcher.componentsKey(link: link, id: "i"), "\(link)")
        }
        #expect(plain > 500)  // the shortcut was taken often enough to be tried
    }
}
