import Foundation
public import GlareCore
import GlareParsers
import GlareStore
public import Logging

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
        /// Lines of a roster edition that could not be read (no count, or a count that is not a whole number of views).
        public var unreadable = 0
        public let error: String?
        /// How the file failed (65 bad data, 74 I/O), `.ok` when it did not.
        public var status: ExitStatus = .ok
    }

    public let roster: Roster
    public let workspace: Workspace
    public let logger: Logger

    public init(roster: Roster, workspace: Workspace, logger: Logger) {
        self.roster = roster
        self.workspace = workspace
        self.logger = logger
    }

    /// The kind and hour of a dump file name.
    static func parse(name: String) -> (series: String, hour: String)? {
        guard let m = name.firstMatch(of: /^(pagecounts|pageviews)-([0-9]{8})-([0-9]{2})0000(\.gz)?$/) else { return nil }
        return ("wikipedia-" + String(m.1), String(m.2) + String(m.3))
    }

    /// Imports the files one by one; `progress` is told after each: files done, files in all, bytes read.
    public func importFiles(_ paths: [String], progress: ((_ done: Int, _ total: Int, _ bytes: Int) -> Void)? = nil) throws -> [FileResult] {
        var bytes = 0
        let db = try workspace.openDatabase()
        SnapshotVacuum.sweep(workspace, logger: logger)
        let titles = PageviewTitles(roster: roster)
        var results: [FileResult] = []
        for path in paths {
            defer {
                bytes += ((try? FileManager.default.attributesOfItem(atPath: path)[.size]) as? Int) ?? 0
                progress?(results.count, paths.count, bytes)
            }
            let name = URL(fileURLWithPath: path).lastPathComponent
            do {
                guard let (series, hour) = Self.parse(name: name) else {
                    throw ImportError.unreadable(
                        path: path, reason: "not a Wikimedia hourly dump name (pagecounts-YYYYMMDD-HH0000.gz or pageviews-YYYYMMDD-HH0000.gz)")
                }
                if try db.read({ try $0.pageviewFileImported(name) }) {
                    results.append(FileResult(file: path, imported: false, lines: 0, matched: 0, error: nil))
                    continue
                }
                let mobile = series == "wikipedia-pageviews"
                var totals: [String: Double] = [:]
                var extract = "#glare-pageview-extract v1 \(name)\n"
                var lines = 0, matched = 0, unreadable = 0
                var pending: [UInt8] = []
                // A line past the limit is held no further: counted once, dropped to its line break.
                var overlong = 0, dropping = false
                func line(_ bytes: ArraySlice<UInt8>) {
                    lines += 1
                    guard bytes.count <= PageviewDumpLine.maximumLength else { overlong += 1; return }
                    guard let project = PageviewDumpLine.project(bytes, foldingMobile: mobile), titles.confirmed[project] != nil else { return }
                    guard let l = PageviewDumpLine.parse(bytes, foldingMobile: mobile) else { unreadable += 1; return }
                    totals[project, default: 0] += l.views
                    if titles.person(l) != nil { matched += 1 }
                    if titles.keeps(l) { extract += String(decoding: bytes, as: UTF8.self) + "\n" }
                }
                let handle: (UnsafeRawBufferPointer) throws -> Void = { chunk in
                    var start = 0
                    let b = chunk.bindMemory(to: UInt8.self)
                    for i in 0..<b.count where b[i] == 0x0A {
                        if dropping {
                            dropping = false
                        } else if pending.isEmpty {
                            line(ArraySlice(b[start..<i]))
                        } else {
                            pending.append(contentsOf: b[start..<i])
                            line(pending[...])
                            pending.removeAll(keepingCapacity: true)
                        }
                        start = i + 1
                    }
                    guard !dropping else { return }
                    pending.append(contentsOf: b[start...])
                    if pending.count > PageviewDumpLine.maximumLength {
                        overlong += 1
                        lines += 1
                        dropping = true
                        pending.removeAll(keepingCapacity: false)
                    }
                }
                if name.hasSuffix(".gz") {
                    try Gzip.decompress(file: URL(fileURLWithPath: path), handle)
                } else {
                    guard let data = FileManager.default.contents(atPath: path) else {
                        throw ImportError.unreadable(path: path, reason: "no such file or not readable")
                    }
                    try data.withUnsafeBytes { try handle($0) }
                }
                if !pending.isEmpty { line(pending[...]) }
                if overlong > 0, overlong == lines {
                    throw ImportError.unreadable(
                        path: path, reason: "no line break within \(PageviewDumpLine.maximumLength) bytes: not a Wikimedia dump, or a damaged one")
                }
                unreadable += overlong
                for (lang, v) in totals.sorted(by: { $0.key < $1.key }) { extract += "#total \(lang) \(String(format: "%.0f", v))\n" }
                let bytes = Data(extract.utf8)
                let snapshot = try workspace.archive.store(bytes)
                let views = PageviewDumpSource.views(extract: bytes, mobile: mobile, titles: titles)
                try db.write { tx in
                    let record = try tx.snapshot(sha256: snapshot.sha256) ?? tx.insertSnapshot(snapshot, kind: "wikipedia-dump-extract", originalName: name)
                    try tx.recordPageviewFile(name: name, series: series, hour: hour, snapshot: record.id, lines: lines, views: views)
                    _ = try SeriesDeriver(roster: roster, archive: workspace.archive).derive([.pageviewDump], in: tx)
                }
                logger.info("imported", metadata: ["file": "\(name)", "lines": "\(lines)", "matched": "\(matched)"])
                var result = FileResult(file: path, imported: true, lines: lines, matched: matched, error: nil)
                result.unreadable = unreadable
                results.append(result)
            } catch {
                var failed = FileResult(file: path, imported: false, lines: 0, matched: 0, error: "\(path): \(error)")
                failed.status = ExitStatus.of(error)
                results.append(failed)
            }
        }
        return results
    }
}
