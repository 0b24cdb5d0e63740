public import Foundation
public import GlareCore
public import GlareReport

/// `glare figures`: the evidence's figures as files for a journal, each in SVG, PDF (fonts embedded) and
/// PNG (300 dpi), drawn by one code through cairo, with a `figures.json` that lists them with their
/// captions and printed sizes.
public struct FiguresRequest: Sendable {
    /// The selection, design and title, as for `glare report`.
    public var report: ReportRequest
    /// The folder the figures go to.
    public var output: String
    public var formats: [FigureFormat]
    /// Where the provenance of the figures goes in `figures.json` (Glare's version, the command, the
    /// roster's and the snapshots' hashes): filled in by the caller; written as given.
    public var provenance: [String: String]

    public init(report: ReportRequest, output: String, formats: [FigureFormat] = FigureFormat.allCases, provenance: [String: String] = [:]) {
        self.report = report
        self.output = output
        self.formats = formats
        self.provenance = provenance
    }

    /// What `figures.json` holds.
    struct Manifest: Encodable {
        struct Entry: Encodable {
            let name: String
            let caption: String
            let widthInches: Double
            let heightInches: Double
            let files: [String]
            enum CodingKeys: String, CodingKey { case name, caption, widthInches = "width_in", heightInches = "height_in", files }
        }
        let title: String
        let figures: [Entry]
        let pngDPI: Double
        let provenance: [String: String]
        enum CodingKeys: String, CodingKey { case title, figures, pngDPI = "png_dpi", provenance }
    }

    /// What `figures.json` records of where the figures come from: the given fields, else the report
    /// data's provenance (version, command line, roster fingerprint, input snapshots).
    func manifestProvenance(_ data: ReportData) -> [String: String] {
        guard provenance.isEmpty, let p = data.provenance else { return provenance }
        return [
            "version": p.version, "command": p.commandLine, "roster": p.rosterHash ?? "",
            "inputs": p.inputs.map { "\($0.sha256) \($0.name)" }.joined(separator: "; "),
        ]
    }

    /// Draws every figure of `data`: relative path → bytes, `figures.json` included.
    public func files(_ data: ReportData) throws -> [String: Data] {
        var out: [String: Data] = [:]
        var entries: [Manifest.Entry] = []
        for f in JournalFigures.all(data) {
            var names: [String] = []
            for format in formats {
                let name = "\(f.name).\(format.rawValue)"
                out[name] = try ChartRenderer.render(f.chart, as: format)
                names.append(name)
            }
            let (w, h) = f.inches
            entries.append(
                .init(name: f.name, caption: f.caption, widthInches: (w * 100).rounded() / 100, heightInches: (h * 100).rounded() / 100, files: names))
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        out["figures.json"] =
            try encoder.encode(Manifest(title: data.title, figures: entries, pngDPI: ChartRenderer.pngDPI, provenance: manifestProvenance(data)))
            + Data("\n".utf8)
        return out
    }

    /// Draws every figure first, then writes them; returns the files written, in order.
    @discardableResult
    public func write(roster: Roster?, workspace: Workspace) throws -> [String] {
        let rendered = try files(try report.data(roster: roster, workspace: workspace))
        let base = URL(fileURLWithPath: output)
        var written: [String] = []
        for (name, bytes) in rendered.sorted(by: { $0.key < $1.key }) {
            let path = base.appendingPathComponent(name).path
            try OutputFile.write(bytes, to: path)
            written.append(path)
        }
        return written
    }
}
