import ArgumentParser
import GlareKit

struct RosterCommand: GlareCommand {
    static let configuration = CommandConfiguration(
        commandName: "roster",
        abstract: "Check the roster file and list its people."
    )

    @OptionGroup var rosterOptions: RosterOptions

    func execute() throws -> ExitStatus {
        emit(RosterSummary.text(try rosterOptions.load(), file: rosterOptions.rosterPath))
        return .ok
    }
}
