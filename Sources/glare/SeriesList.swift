import ArgumentParser
import GlareKit

struct SeriesList: GlareCommand {
    static let configuration = CommandConfiguration(
        commandName: "series",
        abstract: "List the stored series: span, coverage and the files each was made from."
    )

    @Option(help: ArgumentHelp("Only this person (repeat for several).", valueName: "id"))
    var person: [String] = []

    @OptionGroup var coverage: CoverageOptions
    @OptionGroup var rosterOptions: RosterOptions
    @OptionGroup var store: StoreOptions

    func execute() throws -> ExitStatus {
        let db = try store.workspace.openDatabase()
        let series = try SeriesQuery(people: person, partialPeriods: coverage.allowPartialDays).series(in: db)
        try rosterOptions.warnIfStale(series)
        emit(SeriesSummary.text(series))
        return .ok
    }
}
