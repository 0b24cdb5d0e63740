import GlareCore

/// Per day, how many of a GKG file's records fall on it and the distinct hashes of their URLs: what the
/// day's exact total (distinct URLs over every file of the day) is made of. Records come in file order,
/// nearly all of one day: they are gathered for the current day and added to the dictionary when it changes.
struct GKGDayURLs {
    private var days: [Day: (records: Int, urlHashes: [UInt64])] = [:]
    private var current: Day? = nil
    private var records = 0
    private var hashes: [UInt64] = []

    /// Adds a record of `day` whose URL hashes to `urlHash`.
    mutating func add(_ day: Day, urlHash: UInt64) {
        if day != current {
            flush()
            current = day
            records = 0
            hashes.removeAll(keepingCapacity: true)
        }
        records += 1
        hashes.append(urlHash)
    }

    /// Per day, the records and their distinct URL hashes in ascending order.
    mutating func finish() -> [Day: (records: Int, urlHashes: [UInt64])] {
        flush()
        current = nil
        for (day, d) in days {
            var hashes = d.urlHashes
            hashes.sort()
            var unique: [UInt64] = []
            unique.reserveCapacity(hashes.count)
            for h in hashes where h != unique.last { unique.append(h) }
            days[day] = (d.records, unique)
        }
        return days
    }

    /// Adds the current day's records to the dictionary (in place: a copy out and back would copy the hashes).
    private mutating func flush() {
        guard let day = current else { return }
        days[day, default: (0, [])].records += records
        days[day, default: (0, [])].urlHashes.append(contentsOf: hashes)
    }
}
