import ArgumentParser
import GlareKit

struct RosterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "roster",
        abstract: "Check the roster file and list its people."
    )

    @OptionGroup var rosterOptions: RosterOptions

    func run() throws {
        try runReportingErrors {
            emit(RosterSummary.text(try rosterOptions.load(), file: rosterOptions.rosterPath))
        }
    }
}
