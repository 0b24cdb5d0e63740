import ArgumentParser
import GlareKit

struct Explore: GlareCommand {
    static let configuration = CommandConfiguration(
        commandName: "explore",
        abstract: "Write an offline explorer: one HTML page to pick people and sources, switch views and read the documents behind a peak.",
        discussion: """
            Takes the selection and windows of 'glare report' and writes one self-contained page (its own small \
            script, nothing fetched): tick people and sources; show raw values, the share of each period's total, \
            or an index (each series' peak = 100); per day, week or month; windows shaded; click a point to list the \
            documents behind it (titles, outlets, links, matched passages, as 'glare explain' gives them) for each \
            news series' highest days (--document-days).
            """
    )

    @OptionGroup var analysis: AnalysisOptions

    @Option(help: ArgumentHelp("The page to write.", valueName: "file.html"))
    var out: String

    @Option(help: ArgumentHelp("The page's title.", valueName: "text"))
    var title: String?

    @Option(help: ArgumentHelp("Days per news series whose documents the page carries (its highest).", valueName: "n"))
    var documentDays = 30

    @OptionGroup var store: StoreOptions

    func validate() throws {
        guard documentDays >= 0 else { throw ValidationError("--document-days must be 0 or more") }
    }

    func execute() throws -> ExitStatus {
        let path = try ExplorerRequest(analysis: try analysis.request(), title: title, documentDays: documentDays)
            .write(to: out, roster: try analysis.roster(), workspace: store.workspace)
        emit("explorer written: \(path)\n")
        return .ok
    }
}
