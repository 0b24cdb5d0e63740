import ArgumentParser
import GlareKit

struct Rebuild: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Match every stored GDELT GKG name index again with the roster as it is now, and rebuild the series.",
        discussion: "Needs no network and no raw files. One transaction: a rebuild that fails changes nothing."
    )

    @OptionGroup var rosterOptions: RosterOptions
    @OptionGroup var store: StoreOptions

    func run() throws {
        try runReportingErrors {
            let pipeline = try GKGPipeline(roster: try rosterOptions.load(), workspace: store.workspace, logger: store.logger("glare.rebuild"))
            let n = try GKGRebuilder(pipeline: pipeline).rebuild()
            emit("rebuilt: \(n) GKG file(s) matched again\n")
        }
    }
}
