import ArgumentParser
import GlareCore
import GlareKit

struct Rebuild: GlareCommand {
    static let configuration = CommandConfiguration(
        commandName: "rebuild",
        abstract: "Match all stored evidence again with the roster as it is now, and derive every series again.",
        discussion: """
            Archive and feed documents, GDELT GKG name indexes, Trends columns and Wikipedia dump extracts are \
            matched again; every kind of series is derived again from stored evidence and coverage. Needs no \
            network and no raw files. One transaction: a rebuild that fails changes nothing. Prints, per kind of \
            source, what changed.
            """
    )

    @Option(help: ArgumentHelp("The fewest overlapping periods a Trends stitch join may use.", valueName: "n"))
    var minOverlap = 7

    @OptionGroup var rosterOptions: RosterOptions
    @OptionGroup var store: StoreOptions

    func execute() throws -> ExitStatus {
        let rebuilder = Rebuilder(
            roster: try rosterOptions.load(), workspace: store.workspace, logger: store.logger("glare.rebuild"),
            stitching: .init(minimumOverlap: minOverlap))
        for change in try rebuilder.rebuild() { emit(change.summary + "\n") }
        return .ok
    }
}
