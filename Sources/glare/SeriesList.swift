import ArgumentParser
import GlareCore
import GlareKit
import GlareStore

struct SeriesList: GlareCommand {
    static let configuration = CommandConfiguration(
        commandName: "series",
        abstract: "List the stored series: span, coverage and the files each was made from."
    )

    @OptionGroup var selection: SeriesSelection

    @OptionGroup var coverage: CoverageOptions
    @OptionGroup var rosterOptions: RosterOptions
    @OptionGroup var store: StoreOptions

    func execute() throws -> ExitStatus {
        let db = try store.workspace.openExistingDatabase()
        var series = try SeriesQuery(
            people: selection.person, measure: selection.measure, sources: selection.source, partialPeriods: coverage.allowPartialDays
        ).series(in: db)
        if let days = selection.days {
            series = series.map { s in
                var c = StoredSeries(series: s.series.clipped(to: days), term: s.term, geo: s.geo, inputs: s.inputs)
                c.kind = s.kind
                c.rosterHash = s.rosterHash
                return c
            }
        }
        try rosterOptions.warnIfStale(series)
        emit(SeriesSummary.text(series, imports: try db.read { try $0.snapshots() }))
        return .ok
    }
}
