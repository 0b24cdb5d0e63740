import ArgumentParser
import Foundation
import GlareCore
import GlareKit
import GlareParsers
import GlareStore

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import files into the store.",
        subcommands: [Trends.self, Archive.self, GKG.self, GKGIndex.self, GKGBigQueryResult.self, Pageviews.self, Counts.self]
    )

    struct Archive: GlareCommand {
        static let configuration = CommandConfiguration(
            commandName: "archive",
            abstract: "Import news archive downloads (LexisNexis, Nexis Uni, Factiva, ProQuest; text, RTF, DOCX, HTML, XML).",
            discussion: """
                The format is recognised from the content. Every document is matched against the roster and stored \
                once (the archive's id, or a hash of outlet, date, headline and text, makes overlapping downloads \
                count once); counts go to the series 'archive:<database>', for every roster person: zero on the days \
                the download covered (--covers, else its first to last document) without a mention, missing outside \
                them. A document whose date or body cannot be read (an entry the archive blocked for copyright, a \
                truncated last document) is skipped with a warning naming it, and the rest of the file is imported; \
                --strict refuses such a file instead. Each file is imported on its own: a damaged file imports \
                nothing and is named with the document and line where it broke, the others still import, and the \
                exit status is then 65 (74 when a file cannot be read or its snapshot written: nothing is stored, and \
                a later run imports it).
                """
        )

        @Argument(help: ArgumentHelp("Download files.", valueName: "file"))
        var files: [String]

        @Option(
            help: ArgumentHelp(
                "The date range the downloads' searches covered, FROM..TO (default: each file's first to last document, with a warning).", valueName: "range"))
        var covers: String?

        @Flag(help: "Refuse a file with a document whose date or body cannot be read, instead of skipping that document.")
        var strict = false

        func validate() throws {
            if let covers, Day.range(covers) == nil { throw ValidationError("--covers must be YYYY-MM-DD..YYYY-MM-DD with the first day not after the second") }
        }

        @OptionGroup var rosterOptions: RosterOptions
        @OptionGroup var store: StoreOptions

        func execute() throws -> ExitStatus {
            try requireInputs(files)
            var statuses: [ExitStatus] = []
            let importer = ArchiveImporter(roster: try rosterOptions.load(), workspace: store.workspace, logger: store.logger("glare.import.archive"))
            let bar = ProgressBar()
            let results = try importer.importFiles(files, covers: covers.flatMap(Day.range), strict: strict) {
                bar.update(done: $0, total: $1, bytes: $2)
            }
            for r in results {
                statuses.append(r.status)
                if let error = r.error {
                    Terminal.error("\(error)")
                } else {
                    let span = r.covers.map { ", covering \($0.lowerBound.iso)..\($0.upperBound.iso)" } ?? ""
                    let numbers = r.skipped.map { "\($0.number)" }.joined(separator: ", ")
                    let skipped = r.skipped.isEmpty ? "" : ", \(r.skipped.count) skipped: document\(r.skipped.count == 1 ? "" : "s") \(numbers)"
                    emit(
                        "imported: \(r.file) (\(r.format ?? "?"), \(r.documents) documents, \(r.added) new, \(r.documents - r.added) already stored\(r.withoutText > 0 ? ", \(r.withoutText) without text" : "")\(skipped)\(span))\n"
                    )
                    for s in r.skipped {
                        Terminal.warning("\(r.file)\(s.line.map { ":\($0)" } ?? ""): skipped \(s.reason) (--strict refuses the file instead)")
                    }
                    if r.coversInferred, let c = r.covers {
                        Terminal.warning(
                            "\(r.file): no --covers range given; taken as \(c.lowerBound.iso)..\(c.upperBound.iso), its first to last document: days the search covered outside it are missing, not zero"
                        )
                    }
                }
            }
            return ExitStatus.worst(statuses)
        }
    }

    struct Counts: GlareCommand {
        static let configuration = CommandConfiguration(
            commandName: "counts",
            abstract: "Import a table of counts per period (Media Cloud, GDELT, a colleague's CSV) as a source of its own.",
            discussion: """
                Any tidy CSV: a date column, a count column, optionally a group column (one series per value, e.g. a \
                person) and a total column (the denominator). Columns are found by name unless given; dates may be \
                ISO days, timestamps, YYYYMMDD or YYYY-MM; the resolution (days, N-day buckets, weeks labelled by any \
                weekday, months) comes from the dates, and a period of the grid with no row is missing. --preset reads \
                a known export by its layout and refuses a file of another kind: mediacloud, gdelt-tv (percent of \
                airtime: measure share, not counts), gdelt-doc. The series go to the source 'counts:NAME'; importing \
                another file under the same name replaces them.
                """
        )

        @Argument(help: ArgumentHelp("The CSV file.", valueName: "file"))
        var file: String

        @Option(help: ArgumentHelp("The source's name: its series are 'counts:NAME'.", valueName: "name"))
        var source: String

        @Option(
            help:
                "What the counts measure: news (the default), search or views; a table of shares (--preset gdelt-tv, GDELT's volume intensity) is always share."
        )
        var measure: Measure?

        @OptionGroup var columns: CountsColumnOptions
        @OptionGroup var store: StoreOptions

        func execute() throws -> ExitStatus {
            try requireInputs([file])
            let r = try CountsImporter(workspace: store.workspace, logger: store.logger("glare.import.counts"))
                .importFile(file, name: source, options: columns.options, measure: measure)
            for note in r.notes { emit("  \(note)\n") }
            let share = r.values.isShare ? ", measure share: \(r.values.description), not counts" : ""
            emit(
                "imported: \(r.file) as \(r.source) (\(r.series.count) series, \(r.resolution), \(r.periods) periods\(share)\(r.replaced > 0 ? ", replacing \(r.replaced) series" : ""))\n"
            )
            return .ok
        }
    }

    struct GKG: GlareCommand {
        static let configuration = CommandConfiguration(
            commandName: "gkg",
            abstract: "Import local GDELT GKG 2.1 files (.gkg.csv, .gkg.csv.zip, translation.gkg too), or folders of them.",
            discussion: """
                Each file is processed like a fetched one: its name index is kept as a snapshot, the records naming \
                roster people are stored, and the 'gkg' series are derived again. A day is observed only when all 96 \
                of its slots are processed or known to be absent (--master-list); a day with fewer is partial (missing \
                unless --allow-partial-days) and its coverage is shown. A slot processed before is skipped. Bad \
                rows are skipped and counted; a file that cannot be read is named, its day left incomplete, and the \
                exit status is then 65.
                """
        )

        @Argument(help: ArgumentHelp("GKG files, or folders of them.", valueName: "path"))
        var paths: [String]

        @Option(
            name: .customLong("master-list"),
            help: ArgumentHelp(
                "A local copy of GDELT's masterfilelist.txt: slots of the imported days it does not name are recorded as absent, so a day can be complete.",
                valueName: "file"))
        var masterList: String?

        @OptionGroup var gkg: GKGOptions
        @OptionGroup var rosterOptions: RosterOptions
        @OptionGroup var store: StoreOptions

        func execute() throws -> ExitStatus {
            try requireInputs(paths + (masterList.map { [$0] } ?? []))
            var complete = true
            let bar = ProgressBar()
            let pipeline = try GKGPipeline(
                roster: try rosterOptions.load(), workspace: store.workspace, options: gkg.options,
                logger: store.logger("glare.import.gkg")
            ) {
                bar.update(done: $0.done, total: $0.total, bytes: $0.bytes, elapsed: $0.elapsed)
            }
            complete = GKGOptions.report(try GKGImporter(pipeline: pipeline).importPaths(paths, masterList: masterList))
            return complete ? .ok : .dataError
        }
    }

    struct GKGIndex: GlareCommand {
        static let configuration = CommandConfiguration(
            commandName: "gkg-index",
            abstract: "Import GKG name indexes written by 'glare gkg index' (here or by the Spark job), as if their files had been imported.",
            discussion: """
                Each NAME.names file (with its NAME.names.json) is taken in exactly as 'glare import gkg' takes the GKG \
                file it came from: the index kept as the file's snapshot, its records matched against the roster, the \
                day's distinct articles counted, the slot recorded processed; the counts are the same. A slot processed \
                before is skipped. A damaged or mismatched index is named, leaves its slot as it was, and the exit status \
                is then 65.
                """
        )

        @Argument(help: ArgumentHelp("Index files (NAME.names), or folders of them.", valueName: "path"))
        var paths: [String]

        @OptionGroup var gkg: GKGOptions
        @OptionGroup var rosterOptions: RosterOptions
        @OptionGroup var store: StoreOptions

        func execute() throws -> ExitStatus {
            try requireInputs(paths)
            let bar = ProgressBar()
            let pipeline = try GKGPipeline(
                roster: try rosterOptions.load(), workspace: store.workspace, options: gkg.options,
                logger: store.logger("glare.import.gkg-index")
            ) {
                bar.update(done: $0.done, total: $0.total, bytes: $0.bytes, elapsed: $0.elapsed)
            }
            return GKGOptions.report(try GKGIndexImporter(pipeline: pipeline).importPaths(paths)) ? .ok : .dataError
        }
    }

    struct GKGBigQueryResult: GlareCommand {
        static let configuration = CommandConfiguration(
            commandName: "gkg-bigquery",
            abstract: "Import the exported result of 'glare gkg bigquery' (CSV or newline-delimited JSON) as the GKG files of its days.",
            discussion: """
                Per 15-minute slot of the days queried: the records sent are matched by Glare's rules, the slot's \
                distinct-URL hashes are the day's denominator, and the slot is recorded processed; a slot with no row is \
                recorded absent (GDELT published nothing), so the queried days are complete. A slot processed before \
                (from files or an earlier result) is skipped.
                """
        )

        @Argument(help: ArgumentHelp("The exported result (.csv or .jsonl).", valueName: "file"))
        var result: String

        @Flag(help: "The result is of the translingual stream (the query was printed with --translingual).")
        var translingual = false

        @OptionGroup var gkg: GKGOptions
        @OptionGroup var rosterOptions: RosterOptions
        @OptionGroup var store: StoreOptions

        func execute() throws -> ExitStatus {
            try requireInputs([result])
            let pipeline = try GKGPipeline(
                roster: try rosterOptions.load(), workspace: store.workspace, options: gkg.options, logger: store.logger("glare.import.gkg-bigquery"))
            return GKGOptions.report(try GKGBigQueryImporter(pipeline: pipeline).importResult(result, translingual: translingual)) ? .ok : .dataError
        }
    }

    struct Pageviews: GlareCommand {
        static let configuration = CommandConfiguration(
            commandName: "pageviews",
            abstract: "Import Wikimedia hourly dump files (pagecounts-YYYYMMDD-HH0000.gz, pageviews-YYYYMMDD-HH0000.gz).",
            discussion: """
                Streams each file and keeps the views of the roster's confirmed Wikipedia titles (desktop and, for \
                pageviews, mobile), with each edition's total as the denominator. Hours are summed to UTC days; a day \
                is observed once all 24 of its hours are imported. The two dump series count differently and stay \
                apart: 'wikipedia-pagecounts:<lang>' and 'wikipedia-pageviews:<lang>' (measure views). A file imported \
                before is skipped; a damaged one is named and the exit status is then 65 (74 when a file cannot be read or \
                its snapshot written).
                """
        )

        @Argument(help: ArgumentHelp("Hourly dump files.", valueName: "file"))
        var files: [String]

        @OptionGroup var rosterOptions: RosterOptions
        @OptionGroup var store: StoreOptions

        func execute() throws -> ExitStatus {
            try requireInputs(files)
            var statuses: [ExitStatus] = []
            let importer = PageviewDumpImporter(roster: try rosterOptions.load(), workspace: store.workspace, logger: store.logger("glare.import.pageviews"))
            let bar = ProgressBar()
            let results = try importer.importFiles(files) { bar.update(done: $0, total: $1, bytes: $2) }
            for r in results {
                statuses.append(r.status)
                if let error = r.error {
                    Terminal.error("\(error)")
                } else if r.imported {
                    emit(
                        "imported: \(r.file) (\(r.lines) lines, \(r.matched) roster titles\(r.unreadable > 0 ? ", \(r.unreadable) unreadable lines of roster editions skipped" : ""))\n"
                    )
                } else {
                    emit("skipped: \(r.file) (imported before)\n")
                }
            }
            return ExitStatus.worst(statuses)
        }
    }

    struct Trends: GlareCommand {
        static let configuration = CommandConfiguration(
            commandName: "trends",
            abstract: "Import Google Trends exports (multiTimeline.csv files, or Trends API JSON).",
            discussion: """
                Every column's term is matched to a roster person by alias ('Liu Xia: (Worldwide)' -> liu-xia). \
                Exports of the same term, region and resolution are stitched onto one scale over their overlapping \
                periods; import the pieces of a long daily series together or in any order, as long as each overlaps \
                another. All files are imported in one transaction: on any error nothing is stored. A file imported \
                before is skipped.
                """
        )

        @Argument(help: ArgumentHelp("Export files, or folders of them.", valueName: "file"))
        var files: [String]

        @Option(help: ArgumentHelp("The roster person a single-term file is about (overrides alias matching).", valueName: "id"))
        var person: String?

        @Option(name: .customLong("term"), help: ArgumentHelp("A term of an API JSON response, in column order (repeat for each).", valueName: "term"))
        var terms: [String] = []

        @Option(
            help: ArgumentHelp(
                "The region of an API JSON response (CSV exports name theirs); for a pre-2017 report of several regions, the one region to import.",
                valueName: "name"))
        var geo: String?

        @Flag(help: "Keep terms that are not on the roster as series of their own, named by a slug of the term.")
        var allowUnknownTerms = false

        @Option(help: ArgumentHelp("The fewest overlapping periods (values of at least 1 in both) a stitch join may use.", valueName: "n"))
        var minOverlap = 7

        @OptionGroup var rosterOptions: RosterOptions
        @OptionGroup var store: StoreOptions

        func validate() throws {
            guard minOverlap >= 1 else { throw ValidationError("--min-overlap must be at least 1") }
        }

        func execute() throws -> ExitStatus {
            try requireInputs(files)
            let roster = try rosterOptions.load()
            let importer = TrendsImporter(
                roster: roster, rosterName: rosterOptions.rosterPath, workspace: store.workspace,
                logger: store.logger("glare.import.trends"))
            let report = try importer.importFiles(
                files,
                options: .init(
                    person: person, terms: terms, geo: geo, allowUnknownTerms: allowUnknownTerms,
                    stitching: .init(minimumOverlap: minOverlap)))
            emit(ImportSummary.text(report))
            return .ok
        }
    }
}
