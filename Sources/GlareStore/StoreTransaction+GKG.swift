import Foundation
import GRDB
public import GlareCore

extension StoreTransaction {
    /// The status of a stream's slot, if recorded.
    public func gkgStatus(stream: String, slot: String) throws -> GKGFileRecord.Status? {
        try String.fetchOne(db, sql: "SELECT status FROM gkgFile WHERE stream = ? AND slot = ?", arguments: [stream, slot])
            .flatMap(GKGFileRecord.Status.init(rawValue:))
    }

    /// Records a processed file, its name index snapshot, matches and per-day URL hashes, replacing an
    /// earlier failed or absent record of the slot. Marks the file's days for a new day total.
    public func recordGKGFile(_ r: GKGFileResult, index: SnapshotRecord, raw: SnapshotRecord?) throws {
        try db.execute(sql: "DELETE FROM gkgFile WHERE stream = ? AND slot = ?", arguments: [r.stream, r.slot])
        try db.execute(
            sql: """
                INSERT INTO gkgFile (stream, slot, day, name, status, indexSnapshotId, rawSnapshotId, byteCount, md5, rows, skipped, problems, processedAt)
                VALUES (?, ?, ?, ?, 'done', ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [r.stream, r.slot, r.day.iso, r.name, index.id, raw?.id, r.byteCount, r.md5, r.rows, r.skipped, r.problems, Self.stamp()])
        let fileId = db.lastInsertedRowID
        try insertGKGMatches(fileId: fileId, r.matches)
        for (day, d) in r.days {
            let blob = d.urlHashes.withUnsafeBufferPointer { Data(buffer: $0) }
            try db.execute(
                sql: "INSERT INTO gkgFileDay (fileId, day, records, urlHashes, hashesOnly) VALUES (?, ?, ?, ?, ?)",
                arguments: [fileId, day.iso, d.records, blob, !r.urlsInIndex])
            try markGKGDay(stream: r.stream, day: day)
        }
        try markGKGDay(stream: r.stream, day: r.day)
    }

    /// Records a slot that could not be fetched or read, unless it is already processed.
    public func recordGKGFailure(stream: String, slot: GKGSlot, name: String, reason: String) throws {
        guard try gkgStatus(stream: stream, slot: slot.stamp) != .done else { return }
        try db.execute(sql: "DELETE FROM gkgFile WHERE stream = ? AND slot = ?", arguments: [stream, slot.stamp])
        try db.execute(
            sql: "INSERT INTO gkgFile (stream, slot, day, name, status, reason, processedAt) VALUES (?, ?, ?, ?, 'failed', ?, ?)",
            arguments: [stream, slot.stamp, slot.day.iso, name, reason, Self.stamp()])
        try markGKGDay(stream: stream, day: slot.day)
    }

    /// Records slots GDELT's master list does not name (nothing was published for them).
    public func recordGKGAbsent(stream: String, slots: [GKGSlot]) throws {
        let now = Self.stamp()
        for slot in slots where try gkgStatus(stream: stream, slot: slot.stamp) == nil {
            try db.execute(
                sql: "INSERT INTO gkgFile (stream, slot, day, name, status, reason, processedAt) VALUES (?, ?, ?, '', 'absent', ?, ?)",
                arguments: [stream, slot.stamp, slot.day.iso, "not in GDELT's master file list", now])
            try markGKGDay(stream: stream, day: slot.day)
        }
    }

    func markGKGDay(stream: String, day: Day) throws {
        try db.execute(
            sql: "INSERT INTO gkgDay (stream, day, articles) VALUES (?, ?, NULL) ON CONFLICT (stream, day) DO UPDATE SET articles = NULL",
            arguments: [stream, day.iso])
    }

    /// The days of a stream whose files changed since their article total was last set.
    public func gkgDaysWithoutTotal(stream: String) throws -> [Day] {
        try String.fetchAll(db, sql: "SELECT day FROM gkgDay WHERE stream = ? AND articles IS NULL", arguments: [stream]).compactMap { Day(iso: $0) }
    }

    /// Per processed file of the stream with records dated `day`: the file, its name index, and the
    /// hashes of those records' URLs while they are kept (nil once the day was complete and its total
    /// set: the name index holds the URLs, see `dropGKGURLHashes`).
    public func gkgFileDays(stream: String, day: Day) throws -> [GKGFileDay] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT fd.fileId, f.name, s.sha256, fd.records, fd.urlHashes FROM gkgFileDay fd JOIN gkgFile f ON f.id = fd.fileId
                LEFT JOIN snapshot s ON s.id = f.indexSnapshotId WHERE f.stream = ? AND fd.day = ? ORDER BY f.slot
                """, arguments: [stream, day.iso]
        ).map { r in
            let blob: Data? = r["urlHashes"]
            return GKGFileDay(
                fileId: r["fileId"], name: r["name"], indexSHA256: r["sha256"], records: r["records"],
                urlHashes: blob.map { b in b.withUnsafeBytes { raw in (0..<raw.count / 8).map { raw.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self) } } }
            )
        }
    }

    /// The processed, failed and absent slots of one day of a stream.
    public func gkgCoverage(stream: String, day: Day) throws -> GKGDayCoverage {
        var c = GKGDayCoverage()
        for r in try Row.fetchAll(
            db, sql: "SELECT status, COUNT(*) AS n FROM gkgFile WHERE stream = ? AND day = ? GROUP BY status", arguments: [stream, day.iso])
        {
            let n: Int = r["n"]
            switch r["status"] as String {
            case "done": c.done += n
            case "failed": c.failed += n
            default: c.absent += n
            }
        }
        return c
    }

    /// The days of a stream for which some file still keeps URL hashes.
    public func gkgDaysWithURLHashes(stream: String) throws -> [Day] {
        try String.fetchAll(
            db,
            sql: """
                SELECT DISTINCT fd.day FROM gkgFileDay fd JOIN gkgFile f ON f.id = fd.fileId WHERE f.stream = ? AND fd.urlHashes IS NOT NULL AND fd.hashesOnly = 0 ORDER BY fd.day
                """, arguments: [stream]
        ).compactMap { Day(iso: $0) }
    }

    /// Drops the per-record URL hashes a stream's files keep for `day` (once the day is complete and its
    /// exact total set, they only take room: the name-index snapshots still hold every URL; not where
    /// they are the only record of the URLs, `GKGFileResult.urlsInIndex`), and gives
    /// the freed pages back to the file system where the store allows it (`auto_vacuum = INCREMENTAL`).
    public func dropGKGURLHashes(stream: String, day: Day) throws {
        try db.execute(
            sql: """
                UPDATE gkgFileDay SET urlHashes = NULL WHERE day = ? AND urlHashes IS NOT NULL AND hashesOnly = 0
                AND fileId IN (SELECT id FROM gkgFile WHERE stream = ?)
                """, arguments: [day.iso, stream])
        if db.changesCount > 0 { try db.execute(sql: "PRAGMA incremental_vacuum") }
    }

    /// Records a day's distinct-article total.
    public func setGKGDayTotal(stream: String, day: Day, articles: Int) throws {
        try db.execute(sql: "UPDATE gkgDay SET articles = ? WHERE stream = ? AND day = ?", arguments: [articles, stream, day.iso])
    }

    /// The streams with any recorded file.
    public func gkgStreams() throws -> [String] {
        try String.fetchAll(db, sql: "SELECT DISTINCT stream FROM gkgFile ORDER BY stream")
    }

    /// Per day of a stream: processed, failed and absent slots (by the slot's day).
    public func gkgCoverage(stream: String) throws -> [Day: GKGDayCoverage] {
        var out: [Day: GKGDayCoverage] = [:]
        for r in try Row.fetchAll(db, sql: "SELECT day, status, COUNT(*) AS n FROM gkgFile WHERE stream = ? GROUP BY day, status", arguments: [stream]) {
            guard let day = Day(iso: r["day"] as String) else { continue }
            var c = out[day] ?? GKGDayCoverage()
            let n: Int = r["n"]
            switch r["status"] as String {
            case "done": c.done += n
            case "failed": c.failed += n
            default: c.absent += n
            }
            out[day] = c
        }
        return out
    }

    /// Distinct articles per day of a stream (as last set by `setGKGDayTotal`).
    public func gkgDayTotals(stream: String) throws -> [Day: Int] {
        var out: [Day: Int] = [:]
        for r in try Row.fetchAll(db, sql: "SELECT day, articles FROM gkgDay WHERE stream = ? AND articles IS NOT NULL", arguments: [stream]) {
            if let day = Day(iso: r["day"] as String) { out[day] = r["articles"] }
        }
        return out
    }

    /// Per person, day and distinct article (by its URL's hash, `GKGMatchRow.urlHash`) of a stream: the
    /// article's largest mention count.
    public func gkgArticleMentions(stream: String) throws -> [(person: String, day: Day, urlHash: UInt64, mentions: Int)] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT p.person, m.day, m.urlHash, MAX(m.mentions) AS mentions FROM gkgMatch m JOIN gkgFile f ON f.id = m.fileId
                JOIN gkgPerson p ON p.id = m.personId WHERE f.stream = ? GROUP BY m.personId, m.day, m.urlHash
                """, arguments: [stream]
        ).map { r in
            (r["person"], Day(ordinal: r["day"]), UInt64(bitPattern: r["urlHash"]), r["mentions"])
        }
    }

    /// The matched records of a person on a day, with their file, in stream, slot and record order (for
    /// `glare explain`, which reads each record's URL, outlet and title from the file's name index).
    public func gkgMatches(person: String, day: Day, stream: String? = nil) throws -> [GKGStoredMatch] {
        var sql = """
            SELECT f.stream, f.id, f.name, f.slot, s.sha256, m.recordId, m.urlHash, m.mentions, e.evidence FROM gkgPerson p
            JOIN gkgMatch m ON m.personId = p.id JOIN gkgEvidence e ON e.id = m.evidenceId JOIN gkgFile f ON f.id = m.fileId
            LEFT JOIN snapshot s ON s.id = f.indexSnapshotId WHERE p.person = ? AND m.day = ?
            """
        var arguments: [any DatabaseValueConvertible] = [person, day.ordinal]
        if let stream { sql += " AND f.stream = ?"; arguments.append(stream) }
        sql += " ORDER BY f.stream, f.slot, m.recordId"
        return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)).map { r in
            GKGStoredMatch(
                stream: r["stream"], fileId: r["id"], file: r["name"], slot: r["slot"], indexSHA256: r["sha256"], recordId: r["recordId"], person: person,
                day: day, urlHash: UInt64(bitPattern: r["urlHash"]), mentions: r["mentions"], evidence: r["evidence"])
        }
    }

    /// The ids of a file's records that match someone (what `glare explain` reads of its name index).
    public func gkgMatchedRecordIds(fileId: Int64) throws -> Set<String> {
        Set(try String.fetchAll(db, sql: "SELECT DISTINCT recordId FROM gkgMatch WHERE fileId = ?", arguments: [fileId]))
    }

    /// Every recorded file of a stream (all streams when nil), in slot order.
    public func gkgFiles(stream: String? = nil) throws -> [GKGFileRecord] {
        var sql = "SELECT f.*, s.sha256 FROM gkgFile f LEFT JOIN snapshot s ON s.id = f.indexSnapshotId"
        var arguments: [any DatabaseValueConvertible] = []
        if let stream { sql += " WHERE f.stream = ?"; arguments.append(stream) }
        sql += " ORDER BY f.stream, f.slot"
        return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)).compactMap { r in
            guard let day = Day(iso: r["day"] as String) else { return nil }
            return GKGFileRecord(
                id: r["id"], stream: r["stream"], slot: r["slot"], day: day, name: r["name"],
                status: GKGFileRecord.Status(rawValue: r["status"]) ?? .failed, indexSHA256: r["sha256"],
                rows: r["rows"], skipped: r["skipped"], problems: r["problems"], reason: r["reason"])
        }
    }

    /// Replaces a processed file's matches (after the roster changed). Matches equal to the stored ones
    /// (a rebuild with a roster that changed nothing for this file) are left as they are: one read
    /// instead of a delete and an insert per match.
    public func replaceGKGMatches(fileId: Int64, with matches: [GKGMatchRow]) throws {
        let rows = try storedRows(matches)
        var stored: Set<GKGMatchTableRow> = []
        let cursor = try Row.fetchCursor(
            db.cachedStatement(sql: "SELECT recordId, personId, day, urlHash, mentions, evidenceId FROM gkgMatch WHERE fileId = ?"), arguments: [fileId])
        while let r = try cursor.next() {
            stored.insert(GKGMatchTableRow(recordId: r[0], personId: r[1], day: r[2], urlHash: r[3], mentions: r[4], evidenceId: r[5]))
        }
        if Set(rows) == stored { return }  // one row per record and person on either side
        try db.cachedStatement(sql: "DELETE FROM gkgMatch WHERE fileId = ?").execute(arguments: [fileId])
        try insert(rows, fileId: fileId)
    }

    /// Stores a file's matches by reference: the record by its id (its URL, outlet and title stay in the
    /// file's name index), the URL as its hash (what counting distinct articles needs), the person and
    /// the evidence as numbers of `gkgPerson` and `gkgEvidence`, which keep each distinct one once.
    func insertGKGMatches(fileId: Int64, _ matches: [GKGMatchRow]) throws {
        try insert(try storedRows(matches), fileId: fileId)
    }

    /// Matches as the rows `gkgMatch` keeps: people and evidence numbered (new ones added), and of
    /// matches of one record and person, the first (the table's key is the file, record and person).
    private func storedRows(_ matches: [GKGMatchRow]) throws -> [GKGMatchTableRow] {
        var people: [String: Int64] = [:], evidences: [String: Int64] = [:]
        var seen: Set<[String]> = []
        var rows: [GKGMatchTableRow] = []
        rows.reserveCapacity(matches.count)
        for m in matches where seen.insert([m.recordId, m.person]).inserted {
            let person = try people[m.person] ?? number(m.person, in: "gkgPerson", column: "person")
            people[m.person] = person
            let evidence = try evidences[m.evidence] ?? number(m.evidence, in: "gkgEvidence", column: "evidence")
            evidences[m.evidence] = evidence
            rows.append(
                GKGMatchTableRow(
                    recordId: m.recordId, personId: person, day: m.day.ordinal, urlHash: Int64(bitPattern: GKGMatchRow.urlHash(m.url)),
                    mentions: m.mentions, evidenceId: evidence))
        }
        return rows
    }

    private func insert(_ rows: [GKGMatchTableRow], fileId: Int64) throws {
        guard !rows.isEmpty else { return }
        let insert = try db.cachedStatement(
            sql: "INSERT INTO gkgMatch (fileId, recordId, personId, day, urlHash, mentions, evidenceId) VALUES (?, ?, ?, ?, ?, ?, ?)")
        for r in rows { try insert.execute(arguments: [fileId, r.recordId, r.personId, r.day, r.urlHash, r.mentions, r.evidenceId]) }
    }

    /// The row number of `value` in a table of distinct strings (`gkgPerson`, `gkgEvidence`), added if new.
    private func number(_ value: String, in table: String, column: String) throws -> Int64 {
        if let id = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM \(table) WHERE \(column) = ?"), arguments: [value]) { return id }
        try db.cachedStatement(sql: "INSERT INTO \(table) (\(column)) VALUES (?)").execute(arguments: [value])
        return db.lastInsertedRowID
    }
}
