public import Foundation
public import GlareCore
public import GlareParsers
public import GlareStore

/// Turns one GKG file (zipped or not, from memory or disk) into what Glare keeps of it: the name index,
/// the records that match roster people, and per day the hashes of every record's URL (the
/// denominator). Streams the file: memory stays flat whatever its size.
public struct GKGFileProcessor: Sendable {
    /// A processed file, ready to be stored.
    public struct Output: Sendable {
        public let result: GKGFileResult
        public let index: Data
        /// Uncompressed bytes read.
        public let bytes: Int
        public let tally: GKGReader.Tally
    }

    public let matcher: GKGNameMatcher
    /// Inflate buffers, one per worker at a time, kept across files.
    let buffers = InflateBufferPool()

    public init(matcher: GKGNameMatcher) {
        self.matcher = matcher
    }

    /// The stream a series and file belong to.
    public static func stream(translingual: Bool) -> String { translingual ? "gkg-translingual" : "gkg" }

    /// Where the bytes are.
    public enum Input {
        case data(Data)
        case file(URL)
    }

    /// Processes a file; `name` is its GDELT file name. Without a known slot and stream they are read from the first record.
    /// The file's rows are indexed as they are read, and matched in the index (no record is made a
    /// `GKGEntry` unless it may name someone).
    public func process(
        _ input: Input, name: String, slot knownSlot: GKGSlot?, translingual knownStream: Bool?,
        byteCount: Int? = nil, md5: String? = nil
    ) throws -> Output {
        let file = try read(input, name: name, slot: knownSlot, translingual: knownStream)
        guard let table = try GKGNameIndexTable(file.index, source: name) else { preconditionFailure("GKGNameIndexWriter writes version 2") }
        var cache = GKGNameMatcher.NameCache()
        let matches = try matches(table, cache: &cache)
        return Output(
            result: result(
                matches: matches, days: file.days, tally: file.tally, name: name, slot: file.slot, translingual: file.translingual,
                byteCount: byteCount, md5: md5),
            index: file.index, bytes: file.bytes, tally: file.tally)
    }

    /// A file read: the name index of its readable records and the hashes of their URLs, before any matching.
    public struct ReadFile {
        /// The name index (version 2).
        public let index: Data
        /// Per day, the records and the distinct hashes of their URLs, ascending (empty when not asked for).
        public let days: [Day: (records: Int, urlHashes: [UInt64])]
        public let tally: GKGReader.Tally
        /// Uncompressed bytes read.
        public let bytes: Int
        public let slot: GKGSlot
        public let translingual: Bool
    }

    /// Reads a file's records into its name index (what `process` matches); fails as `process` does.
    /// Without `urlHashes` (an index made for another machine to import) the days are left empty.
    public func read(
        _ input: Input, name: String, slot knownSlot: GKGSlot?, translingual knownStream: Bool?, urlHashes: Bool = true
    ) throws -> ReadFile {
        var reader = GKGReader()
        var writer = GKGNameIndexWriter()
        var days = GKGDayURLs()
        var firstId: String? = nil
        var bytes = 0
        let emit: (GKGRow) -> Void = { row in
            if firstId == nil { firstId = String(decoding: row.recordId, as: UTF8.self) }
            writer.append(row)
            if urlHashes { days.add(row.day, urlHash: GKGMatchRow.urlHash(row.url)) }
        }
        let zipped = name.lowercased().hasSuffix(".zip")
        switch input {
        case .data(let data) where zipped:
            try inflate(try GKGZipReader(data: data, name: name), into: &reader, bytes: &bytes, emit)
        case .file(let url) where zipped:
            let zip: GKGZipReader
            do { zip = try GKGZipReader(url: url) } catch let error as ParseError { throw error } catch {
                throw ImportError.unreadable(path: url.path, reason: "cannot read the file (\(error.localizedDescription))")
            }
            try inflate(zip, into: &reader, bytes: &bytes, emit)
        case .data(let data):
            bytes = data.count
            data.withUnsafeBytes { reader.feedRows($0, emit) }
        case .file(let url):
            guard let handle = FileHandle(forReadingAtPath: url.path) else {
                throw ImportError.unreadable(path: url.path, reason: "no such file or not readable")
            }
            defer { try? handle.close() }
            while true {
                let chunk = try handle.read(upToCount: 4 << 20) ?? Data()
                if chunk.isEmpty { break }
                bytes += chunk.count
                chunk.withUnsafeBytes { reader.feedRows($0, emit) }
            }
        }
        let tally = reader.finishRows(emit)
        // A file with no readable record (an HTML error page saved under the file's name, an empty member,
        // a README) is not a processed slot: it fails, so its day stays missing and a later run retries it.
        guard let firstId else {
            let why = tally.skippedTotal > 0 ? "all \(tally.skippedTotal) row(s) unreadable" + (tally.examples.first.map { ", e.g. \($0)" } ?? "") : "no rows"
            throw ParseError(source: name, reason: "holds no readable GKG record (\(why)); the slot is left to retry")
        }
        guard let slot = knownSlot ?? GKGSlot(stamp: firstId.prefix(14)) else {
            throw ParseError(
                source: name, reason: "cannot tell the file's 15-minute slot: its name is not YYYYMMDDHHMMSS.gkg.csv[.zip] and it has no readable record")
        }
        // A file named otherwise is of the translingual stream when its record ids say so (`-T`).
        let translingual = knownStream ?? firstId.contains("-T")
        return ReadFile(index: writer.data(), days: days.finish(), tally: tally, bytes: bytes, slot: slot, translingual: translingual)
    }

    /// Inflates a zip's member into a pooled buffer and reads it in one pass.
    func inflate(_ zip: GKGZipReader, into reader: inout GKGReader, bytes: inout Int, _ emit: (GKGRow) -> Void) throws {
        let buffer = buffers.take()
        defer { buffers.give(buffer) }
        try zip.read(into: buffer) { member in
            bytes += member.count
            reader.feedRows(member, emit)
        }
    }

    /// The records that name roster people, with the evidence (what `glare rebuild` needs of a stored index).
    public func matches(_ entries: [GKGEntry]) throws -> [GKGMatchRow] {
        var cache = GKGNameMatcher.NameCache()
        return try matches(entries, cache: &cache)
    }

    /// The distinct names a `NameCache` keeps before it starts afresh (memory stays flat over a long run).
    static let nameCacheLimit = 1 << 20

    /// `matches(_:)` with each distinct name folded once: `cache` may be kept from file to file (on one thread).
    public func matches(_ entries: [GKGEntry], cache: inout GKGNameMatcher.NameCache) throws -> [GKGMatchRow] {
        if cache.count > Self.nameCacheLimit { cache.removeAll() }
        var matches: [GKGMatchRow] = []
        for e in entries { try match(e, cache: &cache, into: &matches) }
        return matches
    }

    /// `matches(_:cache:)` of a name index read in place: the same rows. Each distinct name of the file is
    /// looked up once by its number, the titles are screened together (`titlesWithAliases`), and only a
    /// record that has a name equal to an alias, or a title an alias may occur in, is made into an entry
    /// and matched as `matches(_:cache:)` matches it.
    public func matches(_ table: GKGNameIndexTable, cache: inout GKGNameMatcher.NameCache) throws -> [GKGMatchRow] {
        if cache.count > Self.nameCacheLimit { cache.removeAll() }
        let titled = table.withTitles { matcher.titlesWithAliases(in: $0, starts: $1, ends: $2) }
        // The names equal to an alias, then the records that hold one (none to look for when no name is).
        var alias = [Bool](repeating: false, count: table.stringCount)
        var anyAlias = false
        for s in table.nameStrings.lazy.map(Int.init) where table.withString(s, { matcher.namesAnAlias(utf8: $0, cache: &cache) }) {
            alias[s] = true
            anyAlias = true
        }
        let named = anyAlias ? table.records(namingAnyOf: alias) : [Bool](repeating: false, count: table.count)
        var matches: [GKGMatchRow] = []
        for r in 0..<table.count where titled[r] || named[r] { try match(table.entry(r), cache: &cache, into: &matches) }
        return matches
    }

    /// Appends the rows of one record's matches.
    func match(_ e: GKGEntry, cache: inout GKGNameMatcher.NameCache, into matches: inout [GKGMatchRow]) throws {
        // The day (parsed from the date) only for the few records that match.
        let found = matcher.match(e, cache: &cache)
        guard !found.isEmpty, let day = e.day else { return }
        for m in found {
            let evidence = GKGMatchEvidence(alias: m.alias, matched: m.matched, field: m.field, context: m.context).json
            matches.append(
                GKGMatchRow(
                    recordId: e.recordId, person: m.person, day: day, url: e.url, outlet: e.outlet,
                    title: e.title, mentions: m.mentions, evidence: evidence))
        }
    }

    /// Matches entries (from a stored name index, or rows a reader made entries) and gathers the per-day URL hashes.
    public func result(
        _ entries: [GKGEntry], tally: GKGReader.Tally, name: String, slot: GKGSlot, translingual: Bool,
        byteCount: Int? = nil, md5: String? = nil
    ) throws -> GKGFileResult {
        var days = GKGDayURLs()
        for e in entries {
            guard let day = e.day else { continue }
            days.add(day, urlHash: GKGMatchRow.urlHash(e.url))
        }
        return result(
            matches: try matches(entries), days: days.finish(), tally: tally, name: name, slot: slot, translingual: translingual,
            byteCount: byteCount, md5: md5)
    }

    /// A file's result from its matches and per-day URL hashes.
    func result(
        matches: [GKGMatchRow], days: [Day: (records: Int, urlHashes: [UInt64])], tally: GKGReader.Tally, name: String, slot: GKGSlot,
        translingual: Bool, byteCount: Int?, md5: String?
    ) -> GKGFileResult {
        let problems =
            tally.skipped.isEmpty
            ? nil
            : tally.skipped.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: "; ")
                + (tally.examples.isEmpty ? "" : " (" + tally.examples.joined(separator: "; ") + ")")
        return GKGFileResult(
            stream: Self.stream(translingual: translingual), slot: slot.stamp, day: slot.day, name: name,
            byteCount: byteCount, md5: md5, rows: tally.rows, skipped: tally.skippedTotal, problems: problems,
            matches: matches, days: days)
    }
}
