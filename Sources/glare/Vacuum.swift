import ArgumentParser
import GlareKit

struct Vacuum: GlareCommand {
    static let configuration = CommandConfiguration(
        commandName: "vacuum",
        abstract:
            "Remove snapshot files no row refers to: temporary files a killed write left, snapshots of imports that failed, fetch packs no row names; rewrite packs that hold forgotten snapshots without them.",
        discussion:
            "Files younger than an hour are left alone (an import running now writes its snapshots first). A pack holding forgotten snapshots is rewritten whatever its age; the old one goes with the first run an hour later. --dry-run only lists them."
    )

    @Flag(help: "List what would be removed, remove nothing.")
    var dryRun = false

    @OptionGroup var store: StoreOptions

    func execute() throws -> ExitStatus {
        let result = try SnapshotVacuum(workspace: store.workspace).run(dryRun: dryRun)
        for path in result.temporaryFiles + result.orphanSnapshots + result.orphanPacks { emit("\(dryRun ? "would remove" : "removed"): \(path)\n") }
        for path in result.compactedPacks { emit("\(dryRun ? "would rewrite" : "rewrote") without forgotten snapshots: \(path)\n") }
        emit((dryRun ? "found " : "removed ") + result.summary + "\n")
        return .ok
    }
}
