import ArgumentParser
import Foundation
import GlareKit

struct Status: GlareCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show each source's last success, last failure and why, items stored, and days of incomplete coverage.",
        discussion: "Exit status: 0 every source fine, 75 a source failing transiently, 69 a source unavailable."
    )

    @Option(help: ArgumentHelp(StudyFiles.sourcesHelp, valueName: "file"))
    var sources: String?

    @OptionGroup var store: StoreOptions

    func execute() throws -> ExitStatus {
        let path = StudyFiles.sourcesPath(sources)
        if sources != nil { try MissingInput.check(path, what: "sources file", hint: MissingInput.sourcesHint) }
        let db = try store.workspace.openExistingDatabase()
        let defined = FileManager.default.fileExists(atPath: path) ? try SourceList.load(contentsOf: URL(fileURLWithPath: path)) : []
        let report = try SourceStatusReport.text(db, sources: defined)
        emit(report.text)
        let orphans = try SnapshotVacuum(workspace: store.workspace).run(dryRun: true)
        if !orphans.isEmpty { emit("snapshots: \(orphans.summary); 'glare vacuum' removes them\n") }
        return report.status
    }
}
