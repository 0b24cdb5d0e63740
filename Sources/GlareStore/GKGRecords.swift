public import GlareCore

/// A record of a GKG file that matched a roster person, as stored for counting and `glare explain`.
public struct GKGMatchRow: Sendable, Equatable {
    public let recordId: String
    public let person: String
    public let day: Day
    public let url: String
    public let outlet: String
    public let title: String
    public let mentions: Int
    /// Why the record counts: `GKGMatchEvidence`'s JSON (alias, matched spelling, field, context term).
    public let evidence: String

    public init(recordId: String, person: String, day: Day, url: String, outlet: String, title: String, mentions: Int, evidence: String) {
        self.recordId = recordId
        self.person = person
        self.day = day
        self.url = url
        self.outlet = outlet
        self.title = title
        self.mentions = mentions
        self.evidence = evidence
    }
}

extension GKGMatchRow {
    /// FNV-1a, 64 bits, of a URL's UTF-8: the identity of an article when counting distinct articles
    /// (per day for the totals, per person and day for the counts).
    public static func urlHash(_ url: String) -> UInt64 {
        var url = url
        return url.withUTF8 { urlHash($0) }
    }

    /// `urlHash` of a URL's UTF-8 bytes.
    public static func urlHash(_ utf8: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf29ce484222325
        for b in utf8 {
            h ^= UInt64(b)
            h &*= 0x100000001b3
        }
        return h
    }
}

/// What processing one GKG file gave, stored in one transaction with the file's status.
public struct GKGFileResult: Sendable {
    public let stream: String
    public let slot: String
    public let day: Day
    public let name: String
    public let byteCount: Int?
    public let md5: String?
    public let rows: Int
    public let skipped: Int
    /// The skipped rows' reasons, e.g. `short row: 2; invalid UTF-8: 1`.
    public let problems: String?
    public let matches: [GKGMatchRow]
    /// Per day of the records: how many records, and the sorted distinct 64-bit hashes of their URLs.
    public let days: [Day: (records: Int, urlHashes: [UInt64])]
    /// Whether the file's name index holds every record's URL, so the hashes can be dropped once their day
    /// is complete (false for a BigQuery slot, whose index holds only the matched records).
    public let urlsInIndex: Bool

    public init(
        stream: String, slot: String, day: Day, name: String, byteCount: Int?, md5: String?, rows: Int, skipped: Int,
        problems: String?, matches: [GKGMatchRow], days: [Day: (records: Int, urlHashes: [UInt64])], urlsInIndex: Bool = true
    ) {
        self.urlsInIndex = urlsInIndex
        self.stream = stream
        self.slot = slot
        self.day = day
        self.name = name
        self.byteCount = byteCount
        self.md5 = md5
        self.rows = rows
        self.skipped = skipped
        self.problems = problems
        self.matches = matches
        self.days = days
    }
}

/// A GKG file as the store knows it.
public struct GKGFileRecord: Sendable, Equatable {
    public enum Status: String, Sendable {
        /// Processed; its matches and totals are stored.
        case done
        /// Listed by GDELT but could not be fetched or read: its day is incomplete.
        case failed
        /// Not in GDELT's master list: GDELT published nothing for the slot.
        case absent
    }
    public let id: Int64
    public let stream: String
    public let slot: String
    public let day: Day
    public let name: String
    public let status: Status
    public let indexSHA256: String?
    public let rows: Int
    public let skipped: Int
    public let problems: String?
    public let reason: String?
}

/// One processed file's share of a day: how many of its records are dated that day, and their URL
/// hashes while the store keeps them (nil once the day was complete and its total set).
public struct GKGFileDay: Sendable, Equatable {
    public let fileId: Int64
    /// The GDELT file name.
    public let name: String
    /// The file's name-index snapshot, which holds every record's URL.
    public let indexSHA256: String?
    public let records: Int
    public let urlHashes: [UInt64]?
}
