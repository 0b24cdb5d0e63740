import ArgumentParser
import GlareKit

struct Verify: GlareCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check an evidence bundle offline: checksums, series derived again, results run again.",
        discussion: """
            Prints what was checked, then 'identical', or every difference and why (a file changed after \
            bundling, a period whose value the evidence does not give, a result the analysis does not reproduce). \
            Exit status 0 when identical, 65 when anything differs.
            """
    )

    @Argument(help: ArgumentHelp("The bundle folder.", valueName: "dir"))
    var folder: String

    @OptionGroup var store: StoreOptions

    func execute() throws -> ExitStatus {
        let outcome = try BundleVerifier(folder: folder, glareVersion: Glare.configuration.version, logger: store.logger("verify")).verify()
        emit(outcome.text)
        return outcome.identical ? .ok : .dataError
    }
}
