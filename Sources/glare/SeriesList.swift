import ArgumentParser
import GlareKit

struct SeriesList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "series",
        abstract: "List the stored series: span, coverage and the files each was made from."
    )

    @Option(help: ArgumentHelp("Only this person (repeat for several).", valueName: "id"))
    var person: [String] = []

    @OptionGroup var store: StoreOptions

    func run() throws {
        try runReportingErrors {
            let db = try store.workspace.openDatabase()
            emit(SeriesSummary.text(try SeriesQuery(people: person).series(in: db)))
        }
    }
}
