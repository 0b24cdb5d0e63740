import ArgumentParser
import GlareCore
import GlareKit

struct Explain: GlareCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "List the documents counted for a person on a day, with the passages that matched and the rule that admitted each."
    )

    @Argument(help: "The person's id.")
    var person: String

    @Argument(help: "The day (YYYY-MM-DD).")
    var date: Day

    @Option(help: ArgumentHelp("Only this source, e.g. archive:lexisnexis.", valueName: "source"))
    var source: String?

    @OptionGroup var store: StoreOptions

    func execute() throws -> ExitStatus {

        let workspace = store.workspace
        emit(try Explanation.text(person: person, day: date, source: source, in: try workspace.openExistingDatabase(), archive: workspace.archive))
        return .ok
    }
}
