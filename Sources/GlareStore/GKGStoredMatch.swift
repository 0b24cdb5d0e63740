public import GlareCore

/// A stored GKG match as `glare explain` reads it: the record (file, name index, record id), the person
/// and day, the article's URL by its hash (the URL itself, its outlet and title are in the file's name
/// index), the mention count and the evidence.
public struct GKGStoredMatch: Sendable, Equatable {
    public let stream: String
    /// The file's row in the store.
    public let fileId: Int64
    /// The GDELT file name and 15-minute slot.
    public let file: String
    public let slot: String
    /// The file's name-index snapshot, which holds the record.
    public let indexSHA256: String?
    public let recordId: String
    public let person: String
    public let day: Day
    /// `GKGMatchRow.urlHash` of the record's URL.
    public let urlHash: UInt64
    public let mentions: Int
    /// `GKGMatchEvidence` as stored (its JSON, or an older text kept as it was).
    public let evidence: String

    public init(
        stream: String, fileId: Int64, file: String, slot: String, indexSHA256: String?, recordId: String, person: String, day: Day, urlHash: UInt64,
        mentions: Int, evidence: String
    ) {
        self.stream = stream
        self.fileId = fileId
        self.file = file
        self.slot = slot
        self.indexSHA256 = indexSHA256
        self.recordId = recordId
        self.person = person
        self.day = day
        self.urlHash = urlHash
        self.mentions = mentions
        self.evidence = evidence
    }
}
