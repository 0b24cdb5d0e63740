import Foundation
import GlareCore
import GlareStore
import Logging

/// `glare import pageviews FILE...`: Wikimedia's hourly dump files, `pagecounts-YYYYMMDD-HH0000.gz`
/// (the older series, from December 2007) and `pageviews-YYYYMMDD-HH0000.gz` (from May 2015), lines of
/// `project title count bytes`. Streamed; only the roster's confirmed titles are kept (desktop `xx` and,
/// for pageviews, mobile `xx.m` of each edition), with the edition's total as the denominator; hours are
/// summed to UTC days. The two series count differently and stay apart (`wikipedia-pagecounts:<lang>`,
/// `wikipedia-pageviews:<lang>`). A day is observed only when all 24 of its hours are imported. Each file
/// keeps a small extract (the matched lines and the totals) as its snapshot.
public struct PageviewDumpImporter {
    /// What happened to one file.
    public struct FileResult: Sendable {
        public let file: String
        public let imported: Bool
        public let lines: Int
        public let matched: Int
        public let error: String?
    }

    public let roster: Roster
    public let workspace: Workspace
    public let logger: Logger

    public init(roster: Roster, workspace: Workspace, logger: Logger = Logger(label: "glare.import.pageviews")) {
        self.roster = roster
        self.workspace = workspace
        self.logger = logger
    }

    /// The kind and hour of a dump file name.
    static func parse(name: String) -> (series: String, hour: String)? {
        guard let m = name.firstMatch(of: /^(pagecounts|pageviews)-(\d{8})-(\d{2})0000(\.gz)?$/) else { return nil }
        return ("wikipedia-" + String(m.1), String(m.2) + String(m.3))
    }

    public func importFiles(_ paths: [String]) throws -> [FileResult] {
        let db = try workspace.openDatabase()
        // project code -> title -> person, for the roster's confirmed titles.
        var wanted: [String: [String: String]] = [:]
        for person in roster.people {
            for (lang, title) in person.wikipedia {
                let t = title.replacingOccurrences(of: " ", with: "_").precomposedStringWithCanonicalMapping
                wanted[lang, default: [:]][t] = person.id
            }
        }
        var results: [FileResult] = []
        for path in paths {
            let name = URL(fileURLWithPath: path).lastPathComponent
            do {
                guard let (series, hour) = Self.parse(name: name) else {
                    throw ImportError.unreadable(path: path, reason: "not a Wikimedia hourly dump name (pagecounts-YYYYMMDD-HH0000.gz or pageviews-YYYYMMDD-HH0000.gz)")
                }
                if try db.read({ try $0.pageviewFileImported(name) }) {
                    results.append(FileResult(file: path, imported: false, lines: 0, matched: 0, error: nil))
                    continue
                }
                let mobile = series == "wikipedia-pageviews"
                var views: [String: Double] = [:]                        // "lang\tperson" -> views; person "*" = total
                var extract = "#glare-pageview-extract v1 \(name)\n"
                var lines = 0, matched = 0
                var pending: [UInt8] = []
                func line(_ bytes: ArraySlice<UInt8>) {
                    lines += 1
                    let parts = bytes.split(separator: 0x20, maxSplits: 3, omittingEmptySubsequences: false)
                    guard parts.count >= 3 else { return }
                    var project = String(decoding: parts[0], as: UTF8.self)
                    if mobile, project.hasSuffix(".m") { project.removeLast(2) }
                    guard let titles = wanted[project], let count = Double(String(decoding: parts[2], as: UTF8.self)) else { return }
                    views[project + "\t*", default: 0] += count
                    var title = String(decoding: parts[1], as: UTF8.self)
                    if title.contains("%") { title = title.removingPercentEncoding ?? title }
                    guard let person = titles[title.precomposedStringWithCanonicalMapping] else { return }
                    matched += 1
                    views[project + "\t" + person, default: 0] += count
                    extract += String(decoding: bytes, as: UTF8.self) + "\n"
                }
                let handle: (UnsafeRawBufferPointer) throws -> Void = { chunk in
                    var start = 0
                    let b = chunk.bindMemory(to: UInt8.self)
                    for i in 0..<b.count where b[i] == 0x0A {
                        if pending.isEmpty { line(ArraySlice(b[start..<i])) } else {
                            pending.append(contentsOf: b[start..<i])
                            line(pending[...])
                            pending.removeAll(keepingCapacity: true)
                        }
                        start = i + 1
                    }
                    pending.append(contentsOf: b[start...])
                }
                if name.hasSuffix(".gz") {
                    try Gzip.decompress(file: URL(fileURLWithPath: path), handle)
                } else {
                    guard let data = FileManager.default.contents(atPath: path) else { throw ImportError.unreadable(path: path, reason: "no such file or not readable") }
                    try data.withUnsafeBytes { try handle($0) }
                }
                if !pending.isEmpty { line(pending[...]) }
                for (key, v) in views.sorted(by: { $0.key < $1.key }) where key.hasSuffix("\t*") {
                    extract += "#total \(key.dropLast(2)) \(Int(v))\n"
                }
                let snapshot = try workspace.archive.store(Data(extract.utf8))
                let rows = views.map { key, v -> (lang: String, person: String, views: Double) in
                    let parts = key.split(separator: "\t", maxSplits: 1)
                    return (String(parts[0]), String(parts[1]), v)
                }
                try db.write { tx in
                    let record = try tx.snapshot(sha256: snapshot.sha256) ?? tx.insertSnapshot(snapshot, kind: "wikipedia-dump-extract", originalName: name)
                    try tx.recordPageviewFile(name: name, series: series, hour: hour, snapshot: record.id, lines: lines, views: rows)
                    try PageviewDumpSeriesBuilder(roster: roster).rebuild(tx)
                }
                logger.info("imported", metadata: ["file": "\(name)", "lines": "\(lines)", "matched": "\(matched)"])
                results.append(FileResult(file: path, imported: true, lines: lines, matched: matched, error: nil))
            } catch {
                results.append(FileResult(file: path, imported: false, lines: 0, matched: 0, error: "\(path): \(error)"))
            }
        }
        return results
    }
}
