import Foundation
public import GlareCore
import GlareParsers
public import GlareStore
public import Logging

/// Imports Google Trends exports: parse, map terms to roster people, store the exports as snapshots,
/// and rebuild the stitched search-interest series — all in one transaction, so a failure leaves the
/// store exactly as it was, and importing a file twice changes nothing.
public struct TrendsImporter {
    /// Import settings.
    public struct Options: Sendable {
        /// The person a single-term file is about, overriding alias matching.
        public var person: String?
        /// Terms for API responses (which do not name theirs), in column order.
        public var terms: [String]
        /// The region for API responses (which do not name theirs).
        public var geo: String?
        /// Keep terms not on the roster as series of their own under a slug of the term.
        public var allowUnknownTerms: Bool
        public var stitching: TrendsStitcher.Configuration

        public init(
            person: String? = nil, terms: [String] = [], geo: String? = nil, allowUnknownTerms: Bool = false,
            stitching: TrendsStitcher.Configuration = .init()
        ) {
            self.person = person
            self.terms = terms
            self.geo = geo
            self.allowUnknownTerms = allowUnknownTerms
            self.stitching = stitching
        }
    }

    /// What happened to one file.
    public struct FileResult: Sendable, Equatable {
        public enum Status: String, Sendable { case imported, alreadyImported = "already imported" }
        public let file: String
        public let status: Status
        public let sha256: String
        public let resolution: Resolution
        public let rows: Int
        /// Column term -> person id.
        public let people: [String]
        public let terms: [String]
    }

    /// The outcome of an import.
    public struct Report: Sendable {
        public let files: [FileResult]
        /// The search series after the import, with how each was stitched.
        public let series: [StoredSeries]
    }

    public let roster: Roster
    /// The roster's file, for messages.
    public let rosterName: String
    public let workspace: Workspace
    public let logger: Logger

    public init(roster: Roster, rosterName: String, workspace: Workspace, logger: Logger) {
        self.roster = roster
        self.rosterName = rosterName
        self.workspace = workspace
        self.logger = logger
    }

    /// Imports the files (folders are read for their files), all or nothing.
    public func importFiles(_ paths: [String], options: Options = .init()) throws -> Report {
        if let id = options.person, roster[id] == nil { throw ImportError.unknownPerson(id, roster: rosterName) }
        let files = try expand(paths)
        // Parse everything before touching the store.
        var parsed: [(path: String, url: URL, data: Data, export: TrendsExport, people: [(id: String, onRoster: Bool)])] = []
        for (path, url) in files {
            let data: Data
            do { data = try Data(contentsOf: url) } catch {
                throw ImportError.unreadable(path: path, reason: (error as NSError).localizedDescription)
            }
            var export: TrendsExport
            if TrendsAPIParser.recognises(data) {
                export = try TrendsAPIParser.parse(data, source: path)
                let width = export.columns.count
                let terms = options.terms.isEmpty && width == 1 && options.person != nil ? [roster[options.person!]!.name] : options.terms
                guard terms.count == width else { throw ImportError.apiTermsNeeded(file: path, values: width, given: options.terms.count) }
                export = export.withColumns(terms.map { TrendsExport.Column(term: $0, geo: options.geo) })
            } else if LegacyTrendsReportParser.recognises(data) {
                export = try LegacyTrendsReportParser.parse(data, source: path)
                if let geo = options.geo {
                    let keep = export.columns.indices.filter { NameFolding.fold(export.columns[$0].geo ?? "") == NameFolding.fold(geo) }
                    guard !keep.isEmpty else {
                        throw ImportError.noSuchRegion(file: path, geo: geo, regions: export.columns.compactMap(\.geo))
                    }
                    export = export.keepingColumns(keep)
                }
            } else {
                export = try TrendsCSVParser.parse(data, source: path)
            }
            parsed.append((path, url, data, export, try people(for: export, file: path, options: options)))
        }

        let db = try workspace.openDatabase()
        SnapshotVacuum.sweep(workspace, logger: logger)
        let archive = workspace.archive
        let results = try db.write { tx -> [FileResult] in
            var results: [FileResult] = []
            var seen: Set<String> = []
            for item in parsed {
                let snapshot = Snapshot(of: item.data)
                let already = try tx.snapshot(sha256: snapshot.sha256) != nil || seen.contains(snapshot.sha256)
                if !already {
                    try archive.store(item.data)
                    let record = try tx.insertSnapshot(snapshot, kind: item.export.format.rawValue, originalName: item.url.lastPathComponent)
                    try tx.insertTrendsExport(item.export, snapshot: record, people: item.people)
                    seen.insert(snapshot.sha256)
                }
                let result = FileResult(
                    file: item.path, status: already ? .alreadyImported : .imported, sha256: snapshot.sha256,
                    resolution: item.export.resolution, rows: item.export.rows.count,
                    people: item.people.map(\.id), terms: item.export.columns.map(\.term))
                logger.info(
                    "\(already ? "skipped (already imported)" : "imported")",
                    metadata: [
                        "file": "\(item.path)", "sha256": "\(snapshot.sha256.prefix(12))",
                        "resolution": "\(item.export.resolution.rawValue)", "rows": "\(item.export.rows.count)",
                    ])
                results.append(result)
            }
            if results.contains(where: { $0.status == .imported }) {
                _ = try SeriesDeriver(roster: roster, archive: archive, stitching: options.stitching).derive([.trends], in: tx)
            }
            return results
        }
        let series = try db.read { try $0.series(measure: .search) }
        return Report(files: results, series: series)
    }

    /// Maps each column of an export to a person id.
    func people(for export: TrendsExport, file: String, options: Options) throws -> [(id: String, onRoster: Bool)] {
        if let id = options.person {
            guard export.columns.count == 1 else { throw ImportError.personForMultiTermFile(file: file, terms: export.columns.count) }
            return [(id, true)]
        }
        return try export.columns.map { column in
            let matches = roster.people(named: column.term)
            switch matches.count {
            case 1: return (matches[0].id, true)
            case 0:
                guard options.allowUnknownTerms else { throw ImportError.unknownTerm(file: file, term: column.term, roster: rosterName) }
                return (NameFolding.slug(column.term), false)
            default:
                throw ImportError.ambiguousTerm(file: file, term: column.term, people: matches.map(\.id))
            }
        }
    }

    /// Files named directly, and the regular files inside named folders (sorted, hidden files skipped),
    /// each with the path as the user wrote it, for messages.
    func expand(_ paths: [String]) throws -> [(String, URL)] {
        var out: [(String, URL)] = []
        let fm = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw ImportError.unreadable(path: path, reason: "no such file or folder")
            }
            if isDirectory.boolValue {
                let names = try fm.contentsOfDirectory(atPath: path).filter { !$0.hasPrefix(".") }.sorted()
                let files = names.map { ((path.hasSuffix("/") ? path : path + "/") + $0, URL(fileURLWithPath: path).appendingPathComponent($0)) }
                    .filter { (try? $0.1.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true }
                guard !files.isEmpty else { throw ImportError.nothingToImport(path) }
                out += files
            } else {
                out.append((path, URL(fileURLWithPath: path)))
            }
        }
        return out
    }
}
