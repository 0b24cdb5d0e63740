/// A document's title and text joined as the matcher reads them (title, blank line, text) and folded
/// once, so the matcher and the story sketch share one fold.
public struct PreparedDocument: Sendable {
    /// `title + "\n\n" + text` (or the text alone) as UTF-8 bytes.
    public let bytes: [UInt8]
    /// The title's length in UTF-8 bytes, or -1 without a title.
    public let titleBytes: Int
    public let folded: FoldedText

    public init(text: String, title: String? = nil) {
        var joined: [UInt8] = []
        joined.reserveCapacity(text.utf8.count + (title?.utf8.count ?? 0) + 2)
        if let title {
            joined.append(contentsOf: title.utf8)
            joined.append(0x0A)
            joined.append(0x0A)
        }
        joined.append(contentsOf: text.utf8)
        self.init(joined: joined, titleBytes: title.map { $0.utf8.count } ?? -1)
    }

    /// A document from UTF-8 bytes (which must be valid UTF-8), as `DocumentLine` reads them.
    public init(utf8Text text: [UInt8], title: [UInt8]?) {
        guard let title else {
            self.init(joined: text, titleBytes: -1)
            return
        }
        var joined = title
        joined.reserveCapacity(title.count + 2 + text.count)
        joined += [0x0A, 0x0A]
        joined += text
        self.init(joined: joined, titleBytes: title.count)
    }

    private init(joined: [UInt8], titleBytes: Int) {
        bytes = joined
        self.titleBytes = titleBytes
        folded = joined.withUnsafeBufferPointer { TextFolder.fold(utf8: $0) }
    }
}
