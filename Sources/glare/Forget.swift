import ArgumentParser
import GlareKit
import GlareStore

struct Forget: GlareCommand {
    static let configuration = CommandConfiguration(
        commandName: "forget",
        abstract: "Undo an import: remove one snapshot's evidence (or a source's) and derive every series again.",
        discussion: """
            Name the import by its id or hash as 'glare series' lists them (#12, 3fa9c2e1), by the file that was \
            imported (its bytes are hashed), or give --source to remove everything a source's series were made \
            from (and its fetch state). One transaction: the documents, Trends values, counts, dump hours and \
            coverage the import brought are removed and every series is derived again; the store is then as if \
            the import had not happened. A document stored once for several overlapping downloads belongs to \
            the first; forgetting that one removes it. The snapshot file stays until 'glare vacuum'.
            """
    )

    @Argument(help: ArgumentHelp("A snapshot id or hash, or an imported file.", valueName: "snapshot|file"))
    var snapshot: String?

    @Option(help: ArgumentHelp("Forget everything this source's series were made from.", valueName: "source"))
    var source: String?

    @OptionGroup var rosterOptions: RosterOptions
    @OptionGroup var store: StoreOptions

    func validate() throws {
        guard (snapshot == nil) != (source == nil) else { throw ValidationError("name one snapshot or file, or give --source, not both") }
    }

    func execute() throws -> ExitStatus {
        let target: Forgetting.Target = source.map { .source($0) } ?? .snapshot(snapshot!)
        let result = try Forgetting(roster: try rosterOptions.load(), workspace: store.workspace, logger: store.logger("glare.forget"))
            .forget(target)
        for s in result.snapshots { emit("forgot: #\(s.id) \(s.snapshot.sha256.prefix(8)) \(s.kind) \(s.originalName)\n") }
        for change in result.changes where !change.isEmpty { emit(change.summary + "\n") }
        return .ok
    }
}
