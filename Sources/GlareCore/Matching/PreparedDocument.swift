/// A document's title and text joined as the matcher reads them (title, blank line, text) and folded
/// once, so the matcher and the story sketch share one fold.
public struct PreparedDocument: Sendable {
    /// `title + "\n\n" + text` (or the text alone) as UTF-8 bytes.
    public let bytes: [UInt8]
    /// The title's length in UTF-8 bytes, or -1 without a title.
    public let titleBytes: Int
    public let folded: FoldedText

    /// A document from its text and title.
    public init(text: String, title: String? = nil) {
        self.init(utf8Text: Array(text.utf8), title: title.map { Array($0.utf8) })
    }

    /// A document from UTF-8 bytes (which must be valid UTF-8), as `DocumentLine` reads them.
    public init(utf8Text text: [UInt8], title: [UInt8]?) {
        var cache = TextFolder.FormCache()
        self.init(utf8Text: text, title: title, cache: &cache)
    }

    /// A document from UTF-8 bytes (which must be valid UTF-8), folded with scalars' forms looked up
    /// in and kept in `cache` (see `TextFolder.FormCache`).
    public init(utf8Text text: [UInt8], title: [UInt8]?, cache: inout TextFolder.FormCache) {
        guard let title else {
            self.init(joined: text, titleBytes: -1, cache: &cache)
            return
        }
        var joined = title
        joined.reserveCapacity(title.count + 2 + text.count)
        joined += [0x0A, 0x0A]
        joined += text
        self.init(joined: joined, titleBytes: title.count, cache: &cache)
    }

    private init(joined: [UInt8], titleBytes: Int, cache: inout TextFolder.FormCache) {
        bytes = joined
        self.titleBytes = titleBytes
        folded = joined.withUnsafeBufferPointer { TextFolder.fold(utf8: $0, cache: &cache) }
    }
}
