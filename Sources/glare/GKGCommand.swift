import ArgumentParser
import Foundation
import GlareCore
import GlareKit

/// `glare gkg`: GKG work that needs no store, for spreading over many machines.
struct GKGCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gkg",
        abstract: "GDELT GKG work without a store: name indexes for a cluster, the BigQuery query.",
        subcommands: [Index.self]
    )

    struct Index: GlareCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write each GKG file's name index (NAME.names and NAME.names.json) into a folder: no store, no roster.",
            discussion: """
                The index is the file's snapshot as 'glare import gkg' keeps it (about 2% of the file); 'glare import \\
                gkg-index' takes it in with the same counts. A pure function of the file, so it runs anywhere: on \\
                Spark executors (scripts/spark/gkg_index.py), then the indexes are imported where the store is. A \\
                file that cannot be read is named and the exit status is then 65; the others are still written.
                """
        )

        @Argument(help: ArgumentHelp("GKG files (.gkg.csv or .gkg.csv.zip).", valueName: "file"))
        var files: [String]

        @Option(help: ArgumentHelp("The folder to write the indexes into (created if needed).", valueName: "dir"))
        var out: String

        func execute() throws -> ExitStatus {
            let folder = URL(fileURLWithPath: out, isDirectory: true)
            do { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) } catch {
                Terminal.error("\(out): cannot create the folder (\(error.localizedDescription))")
                return .cannotCreate
            }
            var statuses: [ExitStatus] = []
            for file in files {
                do {
                    let index = try GKGIndexFile.make(file: URL(fileURLWithPath: file))
                    try index.write(to: folder)
                    emit("\(GKGIndexFile.indexName(for: index.metadata.name)): \(index.metadata.rows) rows, \(index.index.count) bytes\n")
                    statuses.append(.ok)
                } catch {
                    Terminal.error("\(file): \(error)")
                    statuses.append(ExitStatus.of(error))
                }
            }
            return ExitStatus.worst(statuses)
        }
    }
}
