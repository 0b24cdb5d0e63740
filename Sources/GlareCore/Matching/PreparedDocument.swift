/// A document's title and text joined as the matcher reads them (title, blank line, text) and folded
/// once, so the matcher and the story sketch share one fold.
public struct PreparedDocument: Sendable {
    /// `title + "\n\n" + text`, or the text alone.
    public let combined: String
    /// The title's length in UTF-8 bytes, or -1 without a title.
    public let titleBytes: Int
    public let folded: FoldedText

    public init(text: String, title: String? = nil) {
        titleBytes = title.map { $0.utf8.count } ?? -1
        combined = title.map { $0 + "\n\n" + text } ?? text
        folded = TextFolder.fold(combined)
    }
}
