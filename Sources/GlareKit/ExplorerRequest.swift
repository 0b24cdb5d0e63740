import EventWindow
import Foundation
public import GlareCore
public import GlareReport

/// `glare explore`: the selected series, their windows and the documents behind their highest days,
/// written as one offline HTML page (`ExplorerPage`).
public struct ExplorerRequest: Sendable {
    /// The selection and design, as for `glare report` (the battery is not run).
    public var analysis: AnalysisRequest
    public var title: String?
    /// The days per news series whose documents the page carries: its highest ones.
    public var documentDays: Int

    public init(analysis: AnalysisRequest, title: String? = nil, documentDays: Int = 30) {
        self.analysis = analysis
        self.title = title
        self.documentDays = documentDays
    }

    public func model(roster: Roster?, workspace: Workspace) throws -> ExplorerPage.Model {
        let (configuration, inputs, _) = try analysis.prepare(roster: roster, workspace: workspace)
        let db = analysis.input == nil ? try workspace.openDatabase() : nil
        // GKG records are read from their files' name indexes, each file once for the whole page.
        let records = GKGMatchedRecords(archive: workspace.archive)
        var series: [ExplorerPage.Series] = []
        var documents: [String: String] = [:]
        for (id, input) in inputs.enumerated() {
            let s = input.series
            let person = roster?[s.key.person]
            let design = configuration.design.moved(to: input.eventDate ?? configuration.design.eventDate)
            let windows = [("pre", design.pre), ("event", design.event), ("post", design.post)].reduce(into: [String: [String]]()) { out, w in
                let r = design.days(w.1)
                out[w.0] = [r.lowerBound.iso, r.upperBound.iso]
            }
            series.append(
                ExplorerPage.Series(
                    id: id, person: s.key.person, name: person?.name ?? s.key.person, group: input.group?.rawValue, source: s.key.source,
                    measure: s.key.measure.rawValue, resolution: s.resolution.rawValue, unit: Charts.unit(s),
                    additive: s.key.measure == .news || s.key.measure == .views, event: design.eventDate.iso, windows: windows,
                    released: person?.released?.exactDay?.iso, days: s.periods.map { $0.start.iso },
                    values: s.observations.map { $0.numeric() }, totals: s.totals))
            // The documents behind the highest days of a news series, as `glare explain` gives them.
            guard let db, s.key.measure == .news, s.resolution == .day else { continue }
            var ranked: [(index: Int, value: Double)] = []
            for i in s.periods.indices {
                if let v = s.observations[i].numeric(), v > 0 { ranked.append((i, v)) }
            }
            ranked.sort { a, b in a.value != b.value ? a.value > b.value : a.index < b.index }
            for (i, _) in ranked.prefix(documentDays) {
                let day = s.periods[i].start
                documents["\(id)|\(day.iso)"] = try Explanation.text(person: s.key.person, day: day, source: s.key.source, in: db, records: records)
            }
        }
        let date = configuration.design.eventDate
        return ExplorerPage.Model(
            title: title ?? "Glare explorer: attention around \(date.iso)", series: series, documents: documents,
            documentsNote: "the page carries the documents of each news series' \(documentDays) highest days.")
    }

    /// Writes the page whole or not at all; returns its path.
    @discardableResult
    public func write(to path: String, roster: Roster?, workspace: Workspace) throws -> String {
        try OutputFile.write(try ExplorerPage.render(try model(roster: roster, workspace: workspace)), to: path)
        return path
    }
}
