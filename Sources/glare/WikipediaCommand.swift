import ArgumentParser
import Foundation
import GlareCore
import GlareFetch
import GlareKit

struct WikipediaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wikipedia",
        abstract: "Wikipedia article titles for the roster.",
        subcommands: [Resolve.self]
    )

    struct Resolve: GlareCommand {
        static let configuration = CommandConfiguration(
            commandName: "resolve",
            abstract: "Propose Wikipedia titles (every language) for people without any, to confirm in the roster.",
            discussion:
                "Searches one edition for each name, follows redirects and interlanguage links. Nothing is written: the proposals are printed as roster YAML to check and copy; only titles in the roster are counted."
        )

        @Option(name: .customLong("person"), help: ArgumentHelp("Only these people (repeat).", valueName: "id"))
        var people: [String] = []

        @Option(help: ArgumentHelp("The edition searched.", valueName: "code"))
        var lang = "en"

        @Option(help: ArgumentHelp("The MediaWiki API, {lang} replaced.", valueName: "url"))
        var mediawikiURL = "https://{lang}.wikipedia.org/w/api.php"

        @OptionGroup var rosterOptions: RosterOptions
        @OptionGroup var store: StoreOptions

        func execute() throws -> ExitStatus {
            let roster = try rosterOptions.load()
            let chosen = roster.people.filter { p in p.matchable && (people.isEmpty ? p.wikipedia.isEmpty : people.contains(p.id)) }
            let client = HTTPClient(configuration: Fetch.http(ProcessInfo.processInfo.environment), logger: store.logger("glare.wikipedia"))
            let resolver = WikipediaResolver(client: client, mediawikiURL: mediawikiURL)
            emit(WikipediaResolver.yaml(try chosen.map { try resolver.resolve($0, lang: lang) }))
            return .ok
        }
    }
}
