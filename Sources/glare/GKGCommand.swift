import ArgumentParser
import Foundation
import GlareCore
import GlareKit

/// `glare gkg`: GKG work that needs no store, for spreading over many machines.
struct GKGCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gkg",
        abstract: "GDELT GKG work without a store: name indexes for a cluster, the BigQuery query.",
        subcommands: [Index.self, BigQuery.self]
    )

    struct Index: GlareCommand {
        static let configuration = CommandConfiguration(
            commandName: "index",
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
            try requireInputs(files)
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

    struct BigQuery: GlareCommand {
        static let configuration = CommandConfiguration(
            commandName: "bigquery",
            abstract: "Print the BigQuery standard SQL that reads the roster's GKG records and the days' article totals from GDELT's own tables.",
            discussion: """
                The query reads gdelt-bq.gdeltv2.gkg_partitioned, only the partitions of --from..--to (a filter on \
                _PARTITIONTIME) and only the columns the name index needs; it sends the records whose persons, names or \
                title hold a token of a roster alias, and per 15-minute file the distinct hashes of every record's URL (the \
                denominator). Export its result as CSV or newline-delimited JSON and take it in with 'glare import \
                gkg-bigquery': the counts are those of importing the same GKG files.
                """
        )

        @Option(help: ArgumentHelp("First day (UTC), YYYY-MM-DD.", valueName: "date"))
        var from: String

        @Option(help: ArgumentHelp("Last day (UTC), YYYY-MM-DD.", valueName: "date"))
        var to: String

        @Flag(help: "The translingual stream (GDELT Translingual records) instead of the English one.")
        var translingual = false

        @OptionGroup var rosterOptions: RosterOptions

        func validate() throws {
            guard let a = Day(iso: from), let b = Day(iso: to) else { throw ValidationError("--from and --to take YYYY-MM-DD") }
            guard a <= b else { throw ValidationError("--from must not come after --to") }
        }

        func execute() throws -> ExitStatus {
            emit(GKGBigQuery.sql(from: Day(iso: from)!, to: Day(iso: to)!, roster: try rosterOptions.load(), translingual: translingual))
            return .ok
        }
    }
}
