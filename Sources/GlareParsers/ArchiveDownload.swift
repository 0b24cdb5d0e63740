public import GlareCore

/// What an archive download holds: the documents that were read, in the file's order, and those left out
/// because their date or body could not be read (each named with its number, line and reason). A problem
/// with the whole file (not an archive export, unreadable, no document readable) is an error instead.
public struct ArchiveDownload: Sendable, Equatable {
    public var documents: [NewsDocument]
    public var skipped: [SkippedDocument]

    public init(documents: [NewsDocument], skipped: [SkippedDocument] = []) {
        self.documents = documents
        self.skipped = skipped
    }
}
