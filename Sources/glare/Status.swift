import ArgumentParser
import Foundation
import GlareKit

struct Status: GlareCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show each source's last success, last failure and why, items stored, and days of incomplete coverage.",
        discussion: "Exit status: 0 every source fine, 75 a source failing transiently, 69 a source unavailable."
    )

    @Option(help: ArgumentHelp("The sources file (default: $GLARE_SOURCES, else Feeds/sources.yaml).", valueName: "file"))
    var sources: String?

    @OptionGroup var store: StoreOptions

    func execute() throws -> ExitStatus {
        let path = sources ?? ProcessInfo.processInfo.environment["GLARE_SOURCES"].flatMap { $0.isEmpty ? nil : $0 } ?? "Feeds/sources.yaml"
        let defined = FileManager.default.fileExists(atPath: path) ? try SourceList.load(contentsOf: URL(fileURLWithPath: path)) : []
        let report = try SourceStatusReport.text(try store.workspace.openDatabase(), sources: defined)
        emit(report.text)
        let orphans = try SnapshotVacuum(workspace: store.workspace).run(dryRun: true)
        if !orphans.isEmpty { emit("snapshots: \(orphans.summary); 'glare vacuum' removes them\n") }
        return report.status
    }
}
