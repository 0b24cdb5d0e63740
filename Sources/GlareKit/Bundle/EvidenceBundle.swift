import Crypto
import EventWindow
import Foundation
public import GlareCore
import GlareReport
import GlareStore

/// `glare bundle --out DIR`: everything a reviewer needs to check the evidence without trusting the
/// authors' machine: the roster, the sources and the hash of every snapshot used (the snapshots and
/// the evidence store themselves with `--with-snapshots`), the command and every option, Glare's
/// version, the series as analysed and the results, a README, and `SHA256SUMS` over every file.
/// `glare verify DIR` (`BundleVerifier`) runs it all again.
public struct EvidenceBundle: Sendable {
    public var analysis: AnalysisRequest
    /// The roster file used, copied into the bundle.
    public var rosterFile: String?
    public var output: String
    public var withSnapshots: Bool
    public var glareVersion: String
    /// The command line that made the bundle, as typed.
    public var command: [String]
    /// Where the provenance block goes (Glare's version, the command, the roster's and snapshots'
    /// hashes): filled in by the caller, written into `bundle.json` as given.
    public var provenance: [String: String]

    public init(
        analysis: AnalysisRequest, rosterFile: String?, output: String, withSnapshots: Bool = false, glareVersion: String,
        command: [String], provenance: [String: String] = [:]
    ) {
        self.analysis = analysis
        self.rosterFile = rosterFile
        self.output = output
        self.withSnapshots = withSnapshots
        self.glareVersion = glareVersion
        self.command = command
        self.provenance = provenance
    }

    static func encoder() -> JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        e.keyEncodingStrategy = .convertToSnakeCase
        return e
    }

    static func sha256(_ data: Data) -> String { SHA256.hash(data: data).hex }

    /// Writes the bundle into `output` (which must be empty or absent); returns the files written.
    @discardableResult
    public func write(roster: Roster?, workspace: Workspace) throws -> [String] {
        let (configuration, inputs, _) = try analysis.prepare(roster: roster, workspace: workspace)
        let report = EventWindowAnalysis(configuration: configuration).run(inputs)
        var files: [String: Data] = [:]
        files["results.json"] = Data(try report.json().utf8)
        files["series.json"] = try Self.encoder().encode(inputs.map(BundledSeries.init)) + Data("\n".utf8)
        var csv = SeriesExport.Options()
        csv.belowOne = configuration.belowOne
        files["series.csv"] = Data(SeriesExport(entries: inputs.map { SeriesExport.Entry(series: $0.series) }, options: csv).longCSV().utf8)

        var sources: [BundleDescription.SourceEntry] = []
        var snapshots: [String: BundleDescription.SnapshotEntry] = [:]
        if analysis.input == nil {
            let db = try workspace.openDatabase()
            let keys = Set(inputs.map(\.series.key))
            let stored = try SeriesQuery(people: analysis.people, measure: analysis.measure, sources: analysis.sources, partialPeriods: analysis.partialPeriods)
                .series(in: db).filter { keys.contains($0.series.key) }
            for s in stored {
                let name = s.series.key.description
                sources.append(
                    .init(
                        series: name, kind: s.kind, term: s.term, geo: s.geo, rosterHash: s.rosterHash,
                        inputs: s.inputs.map {
                            .init(
                                snapshotSha256: $0.snapshotSHA256, originalName: $0.originalName, ontoSha256: $0.ontoSHA256, overlapPoints: $0.overlapPoints,
                                factor: $0.factor)
                        }))
                for i in s.inputs {
                    snapshots[i.snapshotSHA256, default: .init(sha256: i.snapshotSHA256, originalName: i.originalName, series: [], included: false)].series
                        .append(name)
                }
            }
            // Every snapshot the store holds: the evidence its series were derived from (archive documents
            // and GKG files name their snapshot per record, Trends series per input).
            let records = try db.read { try $0.snapshots() }
            for record in records where snapshots[record.snapshot.sha256] == nil {
                snapshots[record.snapshot.sha256] = .init(sha256: record.snapshot.sha256, originalName: record.originalName, series: [], included: false)
            }
            if withSnapshots {
                let recorded = Dictionary(records.map { ($0.snapshot.sha256, $0) }, uniquingKeysWith: { a, _ in a })
                for sha in snapshots.keys.sorted() {
                    // A fetched snapshot lies in a pack: its member is the bytes a file of its own holds.
                    let file = workspace.archive.url(for: Snapshot(sha256: sha, byteCount: 0))
                    guard let bytes = try? recorded[sha].map(workspace.archive.compressed) ?? Data(contentsOf: file) else { continue }
                    files["snapshots/\(sha.prefix(2))/\(sha).gz"] = bytes
                    snapshots[sha]?.included = true
                }
            }
        }
        let rosterBytes = try rosterFile.map { path -> Data in
            do { return try Data(contentsOf: URL(fileURLWithPath: path)) } catch { throw StoreError.io(path: path, reason: "cannot read the roster") }
        }
        if let rosterBytes { files["roster.yaml"] = rosterBytes }
        let d = configuration.design
        let description = BundleDescription(
            glareVersion: glareVersion, command: command,
            options: .init(
                eventDate: d.eventDate.iso, pre: [d.pre.lowerBound, d.pre.upperBound], event: [d.event.lowerBound, d.event.upperBound],
                post: [d.post.lowerBound, d.post.upperBound], gap: d.gap, permutations: configuration.permutationDraws, seed: configuration.seed,
                belowOne: configuration.belowOne, perTotal: configuration.perTotal, people: analysis.people, sources: analysis.sources,
                measure: analysis.measure?.rawValue, input: analysis.input, partialPeriods: analysis.partialPeriods),
            rosterSha256: rosterBytes.map(Self.sha256), sources: sources, snapshots: snapshots.values.sorted { $0.sha256 < $1.sha256 },
            withSnapshots: withSnapshots && analysis.input == nil, provenance: provenance)
        files["bundle.json"] = try Self.encoder().encode(description) + Data("\n".utf8)
        files["README.md"] = Data(readme(description, series: inputs.count).utf8)

        // Everything is made before anything is written.
        let base = URL(fileURLWithPath: output, isDirectory: true)
        let fm = FileManager.default
        if let existing = try? fm.contentsOfDirectory(atPath: base.path), !existing.isEmpty {
            throw StoreError.io(path: output, reason: "the bundle folder is not empty; give a new folder")
        }
        var written: [String] = []
        for (name, bytes) in files.sorted(by: { $0.key < $1.key }) {
            try OutputFile.write(bytes, to: base.appendingPathComponent(name).path)
            written.append(name)
        }
        if description.withSnapshots {
            try fm.createDirectory(at: base.appendingPathComponent("store"), withIntermediateDirectories: true)
            // Its rows name the bundle's snapshot files, a file each (a fetch's packs are written out member by member).
            try workspace.openDatabase().backup(to: base.appendingPathComponent("store/glare.sqlite").path, snapshotsInOwnFiles: true)
            written.append("store/glare.sqlite")
        }
        var sums = ""
        for name in written.sorted() {
            let bytes = try Data(contentsOf: base.appendingPathComponent(name))
            sums += "\(Self.sha256(bytes))  \(name)\n"
        }
        try OutputFile.write(sums, to: base.appendingPathComponent("SHA256SUMS").path)
        return written + ["SHA256SUMS"]
    }

    func readme(_ d: BundleDescription, series: Int) -> String {
        """
        # Evidence bundle

        Made by Glare \(d.glareVersion) with:

            \(d.command.map { $0.contains(" ") ? "'\($0)'" : $0 }.joined(separator: " "))

        - `bundle.json`: every option (event \(d.options.eventDate), windows \(d.options.pre) / \(d.options.event) / \(d.options.post) days, gap \(d.options.gap), \(d.options.permutations) permutations, seed \(d.options.seed)), the roster's SHA-256, each source's inputs and the SHA-256 of every snapshot used (\(d.snapshots.count)).
        - `roster.yaml`: the roster used\(d.rosterSha256 == nil ? " (none: the series came from --input)" : "").
        - `series.json`: the \(series) series exactly as analysed (value, `<1`, missing; totals; standard errors); `series.csv` the same as Glare's long CSV.
        - `results.json`: the event-window results.
        \(d.withSnapshots ? "- `snapshots/`: the snapshot files (gzip, by SHA-256); `store/glare.sqlite`: the evidence store they were read into.\n" : "- Snapshots not included (make the bundle with `--with-snapshots` to include them and the evidence store).\n")- `SHA256SUMS`: the checksum of every file (`sha256sum -c SHA256SUMS`).

        To check it, offline:

            glare verify .

        checks every checksum, \(d.withSnapshots ? "derives every series again from the evidence store, " : "")runs the analysis again from `series.json` with the options in `bundle.json`, and says *identical* or exactly what differs and why.

        """
    }
}
