import EventWindow
public import Foundation
import GlareCore
import GlareReport
import GlareStore
public import Logging

/// `glare verify DIR`: checks an evidence bundle offline. Every checksum; with the evidence store in
/// the bundle, every series derived again from it and compared period by period; and the analysis run
/// again from the bundled series with the bundled options and compared with the bundled results.
/// Says *identical*, or each difference: which file, series, period or result, and why.
public struct BundleVerifier {
    public let folder: URL
    public let glareVersion: String
    public let logger: Logger

    public init(folder: String, glareVersion: String, logger: Logger) {
        self.folder = URL(fileURLWithPath: folder, isDirectory: true)
        self.glareVersion = glareVersion
        self.logger = logger
    }

    /// What verification found.
    public struct Outcome: Sendable {
        /// Lines saying what was checked.
        public var checked: [String] = []
        /// Each difference, with its reason.
        public var differences: [String] = []
        public var identical: Bool { differences.isEmpty }

        public var text: String {
            (checked.map { "checked: \($0)" } + (identical ? ["identical"] : differences.map { "differs: \($0)" })).joined(separator: "\n") + "\n"
        }
    }

    func read(_ name: String) throws -> Data {
        do { return try Data(contentsOf: folder.appendingPathComponent(name)) } catch {
            throw BundleError.damaged("\(folder.appendingPathComponent(name).path) cannot be read")
        }
    }

    public func verify() throws -> Outcome {
        var out = Outcome()
        // 1. Checksums.
        let sums = String(decoding: try read("SHA256SUMS"), as: UTF8.self)
        var listed: Set<String> = []
        for line in sums.split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
            guard parts.count == 2 else { throw BundleError.damaged("SHA256SUMS: bad line '\(line)'") }
            let (expected, name) = (String(parts[0]), String(parts[1]).trimmingCharacters(in: .whitespaces))
            listed.insert(name)
            guard let bytes = try? Data(contentsOf: folder.appendingPathComponent(name)) else {
                out.differences.append("\(name): listed in SHA256SUMS but missing from the bundle")
                continue
            }
            let actual = EvidenceBundle.sha256(bytes)
            if actual != expected {
                out.differences.append("\(name): changed after the bundle was made (SHA-256 \(expected.prefix(12))… listed, \(actual.prefix(12))… now)")
            }
        }
        let present = (FileManager.default.enumerator(atPath: folder.path)?.allObjects as? [String] ?? []).filter { name in
            var isFolder: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path, isDirectory: &isFolder)
            return !isFolder.boolValue && name != "SHA256SUMS"
        }
        for extra in Set(present).subtracting(listed).sorted() { out.differences.append("\(extra): in the bundle but not in SHA256SUMS") }
        out.checked.append("\(listed.count) file checksums")

        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let description: BundleDescription, series: [BundledSeries]
        do {
            description = try decoder.decode(BundleDescription.self, from: try read("bundle.json"))
            series = try decoder.decode([BundledSeries].self, from: try read("series.json"))
        } catch let e as BundleError {
            throw e
        } catch {
            throw BundleError.damaged("bundle.json or series.json: \(error)")
        }
        if description.glareVersion != glareVersion {
            out.checked.append(
                "made by Glare \(description.glareVersion), verified with \(glareVersion): a change in Glare between the two may explain a difference")
        }
        if let expected = description.rosterSha256 {
            let actual = (try? read("roster.yaml")).map(EvidenceBundle.sha256)
            if actual != expected {
                out.differences.append("roster.yaml: not the roster the bundle was made with (SHA-256 \(expected.prefix(12))… in bundle.json)")
            }
        }

        // 2. Snapshots: each file's content has the hash it is named by.
        for s in description.snapshots where s.included {
            let name = "snapshots/\(s.sha256.prefix(2))/\(s.sha256).gz"
            guard let gz = try? read(name), let bytes = try? Gzip.decompress(gz) else {
                out.differences.append("\(name) (\(s.originalName)): missing or not gzip")
                continue
            }
            if EvidenceBundle.sha256(bytes) != s.sha256 {
                out.differences.append("\(name) (\(s.originalName)): its content does not have the SHA-256 it is named by")
            }
        }
        if description.snapshots.contains(where: \.included) {
            out.checked.append("\(description.snapshots.filter(\.included).count) snapshot(s) against their SHA-256")
        }

        // 3. The series, derived again from the evidence store (with --with-snapshots).
        if description.withSnapshots {
            out.differences += try rederive(description, series, &out.checked)
        } else {
            out.checked.append("series taken as bundled (the bundle carries no evidence store; make it with --with-snapshots to derive them again)")
        }

        // 4. The results, run again from series.json with the bundled options.
        let o = description.options
        guard let date = Day(iso: o.eventDate), o.pre.count == 2, o.event.count == 2, o.post.count == 2 else {
            throw BundleError.damaged("bundle.json: bad event date or windows")
        }
        let design = EventDesign(eventDate: date, pre: o.pre[0]...o.pre[1], event: o.event[0]...o.event[1], post: o.post[0]...o.post[1], gap: o.gap)
        let configuration = EventWindowAnalysis.Configuration(
            design: design, permutationDraws: o.permutations, seed: o.seed, belowOne: o.belowOne, perTotal: o.perTotal)
        let again = try EventWindowAnalysis(configuration: configuration).run(try series.map { try $0.input() }).json()
        let bundled = String(decoding: try read("results.json"), as: UTF8.self)
        out.checked.append("the analysis of \(series.count) series run again with the bundled options")
        if again != bundled {
            let a = try flatten(Data(bundled.utf8)), b = try flatten(Data(again.utf8))
            let paths = Set(a.keys).union(b.keys).filter { a[$0] != b[$0] }.sorted()
            let why =
                out.differences.contains(where: { $0.hasPrefix("series.json") || $0.hasPrefix("series ") })
                ? "the series differ (above)"
                : out.differences.contains(where: { $0.hasPrefix("results.json") }) ? "results.json was changed" : "the analysis gives other numbers"
            out.differences.append("results.json: \(paths.count) value(s) differ from the analysis run again (\(why)):")
            func named(_ path: String) -> String {
                guard let m = path.firstMatch(of: /^results\[([0-9]+)\]/), let i = Int(m.output.1), i < series.count else { return path }
                return path.replacingCharacters(in: m.range, with: "results[\(i)] (\(series[i].key))")
            }
            for p in paths.prefix(20) { out.differences.append("  \(named(p)): bundle \(a[p] ?? "absent"), again \(b[p] ?? "absent")") }
            if paths.count > 20 { out.differences.append("  … and \(paths.count - 20) more") }
        }
        return out
    }

    /// The series derived again from the bundled store and snapshots with the bundled roster, compared
    /// period by period with `series.json`.
    func rederive(_ description: BundleDescription, _ series: [BundledSeries], _ checked: inout [String]) throws -> [String] {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("glare-verify-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let db = scratch.appendingPathComponent("glare.sqlite").path
        // Read-only: verifying leaves the bundle's files as they are (a writable open would keep a journal beside its store).
        try GlareDatabase(path: folder.appendingPathComponent("store/glare.sqlite").path, readOnly: true).backup(to: db)
        let workspace = Workspace(databasePath: db, snapshotDirectory: folder.appendingPathComponent("snapshots").path, environment: [:])
        let roster = try Roster.load(contentsOf: folder.appendingPathComponent("roster.yaml"))
        let changes = try Rebuilder(roster: roster, workspace: workspace, logger: logger).rebuild()
        let o = description.options
        let request = AnalysisRequest(
            people: o.people, sources: o.sources, measure: o.measure.flatMap(Measure.init(rawValue:)), eventDate: Day(iso: o.eventDate),
            permutations: o.permutations, seed: o.seed, gap: o.gap, perTotal: o.perTotal)
        var r = request
        r.partialPeriods = o.partialPeriods
        let stored = try SeriesQuery(people: r.people, measure: r.measure, sources: r.sources, partialPeriods: r.partialPeriods).series(
            in: workspace.openDatabase())
        let derived = Dictionary(stored.map { ($0.series.key.description, $0.series) }, uniquingKeysWith: { a, _ in a })
        checked.append("every series derived again from store/glare.sqlite and snapshots/ with roster.yaml (\(changes.map(\.summary).joined(separator: "; ")))")
        var differences: [String] = []
        for b in series {
            guard let s = derived[b.key] else {
                differences.append("series \(b.key): in series.json but not derived from the evidence")
                continue
            }
            let mine = BundledSeries(EventWindowAnalysis.Input(series: s))
            let labels = Set(b.periods).union(mine.periods).sorted()
            func value(_ x: BundledSeries, _ label: String) -> String {
                guard let i = x.periods.firstIndex(of: label) else { return "absent" }
                guard let v = x.values[i] else { return "missing" }
                return (x.belowOne.contains(i) ? "<" : "") + NumberFormat.string(v)
            }
            for label in labels {
                let (a, c) = (value(b, label), value(mine, label))
                if a != c { differences.append("series \(b.key), \(label): series.json says \(a), the evidence gives \(c)") }
            }
        }
        for key in Set(derived.keys).subtracting(series.map(\.key)).sorted() where series.contains(where: { $0.person == derived[key]!.key.person }) {
            differences.append("series \(key): derived from the evidence but not in series.json")
        }
        return differences
    }

    /// A JSON document as path → value text, for naming what differs.
    func flatten(_ data: Data) throws -> [String: String] {
        var out: [String: String] = [:]
        func walk(_ v: Any, _ path: String) {
            if let d = v as? [String: Any] {
                for (k, x) in d { walk(x, path.isEmpty ? k : "\(path).\(k)") }
            } else if let a = v as? [Any] {
                for (i, x) in a.enumerated() { walk(x, "\(path)[\(i)]") }
            } else {
                out[path] = v is NSNull ? "null" : "\(v)"
            }
        }
        walk(try JSONSerialization.jsonObject(with: data), "")
        return out
    }
}
