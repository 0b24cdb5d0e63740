import ArgumentParser
import Foundation
import GlareKit

struct BundleCommand: GlareCommand {
    static let configuration = CommandConfiguration(
        commandName: "bundle",
        abstract: "Write an evidence bundle a reviewer can check offline with 'glare verify'.",
        discussion: """
            Takes the selection and windows of 'glare report' and writes into --out (a new or empty folder): \
            bundle.json (Glare's version, this command, every option, the roster's SHA-256, each source's inputs and \
            the SHA-256 of every snapshot used), roster.yaml, series.json and series.csv (the series as analysed), \
            results.json, a README.md and SHA256SUMS. With --with-snapshots also the snapshot files and a copy of \
            the evidence store, so that 'glare verify' derives every series again.
            """
    )

    @OptionGroup var analysis: AnalysisOptions

    @Option(help: ArgumentHelp("The folder to write the bundle to (new or empty).", valueName: "dir"))
    var out: String

    @Flag(help: "Include the snapshot files and a copy of the evidence store.")
    var withSnapshots = false

    @OptionGroup var store: StoreOptions

    func execute() throws -> ExitStatus {
        let roster = try analysis.roster()
        let bundle = EvidenceBundle(
            analysis: try analysis.request(), rosterFile: roster == nil ? nil : analysis.rosterOptions.rosterPath, output: out,
            withSnapshots: withSnapshots, glareVersion: Glare.configuration.version, command: CommandLine.arguments)
        let files = try bundle.write(roster: roster, workspace: store.workspace)
        emit("bundle written: \(files.count) files in \(out); check it with: glare verify \(out)\n")
        return .ok
    }
}
