import Foundation

/// `glare init`: the files of a new study. A commented roster to fill in (two people of the #FreeThe20
/// campaign as a start), the whole #FreeThe20 roster as an example to copy from, a sources file with
/// every kind of fetched source commented out, and the next steps. The store (`glare.sqlite`, with its
/// snapshots in `glare-snapshots/`) is created in the folder by the first import or fetch.
public enum StudyTemplate {
    /// What `glare init` wrote.
    public struct Result: Sendable {
        /// The study folder.
        public let folder: String
        /// The files written, relative to the folder.
        public let files: [String]
        /// What to do next, for the terminal.
        public let nextSteps: String
    }

    /// The files, relative to the study folder, and their contents.
    public static var files: [(path: String, text: String)] {
        [
            ("roster.yaml", roster), ("sources.yaml", sources), ("examples/freethe20-roster.yaml", exampleRoster),
            ("NEXT-STEPS.md", nextSteps),
        ]
    }

    /// Writes the study into `folder` (created if needed). Refuses, writing nothing, when any of its
    /// files exists already (`StudyError.exists`) or the folder cannot be made (`StudyError.cannotCreate`).
    public static func write(to folder: String) throws -> Result {
        let fm = FileManager.default
        let root = URL(fileURLWithPath: folder, isDirectory: true)
        let existing = files.map(\.path).filter { fm.fileExists(atPath: root.appendingPathComponent($0).path) }
        if !existing.isEmpty { throw StudyError.exists(folder: folder, files: existing) }
        for name in ["glare.sqlite"] where fm.fileExists(atPath: root.appendingPathComponent(name).path) {
            throw StudyError.exists(folder: folder, files: [name])
        }
        do {
            for (path, text) in files {
                let url = root.appendingPathComponent(path)
                try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: url, options: .withoutOverwriting)
            }
        } catch {
            throw StudyError.cannotCreate(folder: folder, reason: (error as NSError).localizedDescription)
        }
        return Result(folder: folder, files: files.map(\.path), nextSteps: nextSteps)
    }

    /// The roster to fill in.
    public static let roster = """
        # The roster of this study: who is counted, under which names, around which event.
        #
        # Glare reads this file by default when run in this folder (else give --roster FILE or set
        # GLARE_ROSTER). Replace the two people below (two of the campaign's) with your own, and add
        # controls (group: control) to compare with; examples/freethe20-roster.yaml is a
        # complete roster (20 featured people and controls, with sources) to copy from.
        #
        #   roster        the study's name
        #   event         date (YYYY-MM-DD: the event day E of the windows) and label
        #   people        a list; each person has
        #     id            lowercase letters, digits, hyphens; unique (names the series)
        #     name          display name
        #     group         featured | control (considered, not featured) | collective (never matched in text)
        #     aliases       the names matched in text and in Trends columns: strings, or
        #                   {text, lang, verified}; verified: false marks a spelling not seen in a source
        #     ambiguous     true when a match needs one of context_terms nearby (common names)
        #     context_terms, exclude_terms   words that admit or veto an ambiguous match
        #     campaign_day, featured_on (YYYY-MM-DD), country, occupation, outcome, note, sources
        #     arrested, released   YYYY-MM-DD, YYYY-MM or YYYY; null when unknown
        #     wikipedia     confirmed article titles per edition, e.g. {en: Liu_Xia}; only these are counted
        # Unknown fields are errors, so a misspelt key is never silently ignored. 'glare roster' checks the file.

        roster: "My study"
        event:
          date: 2015-09-01
          label: "#FreeThe20 launched (replace with your event)"

        people:
          - id: liu-xia
            name: "Liu Xia"
            group: featured
            aliases:
              - "Liu Xia"
              - {text: "刘霞", lang: zh-Hans, verified: true}
            ambiguous: true
            context_terms: ["Liu Xiaobo", "Nobel", "house arrest", "poet"]

          - id: gao-yu
            name: "Gao Yu"
            group: featured
            aliases:
              - "Gao Yu"
              - {text: "高瑜", lang: zh-Hans, verified: true}
            ambiguous: true
            context_terms: ["journalist", "state secrets", "Deutsche Welle"]

        """

    /// The sources file, every kind commented out.
    public static let sources = """
        # What 'glare fetch' pulls (run it by hand, or from cron: see scripts/cron in Glare's repository).
        # Glare reads this file by default when run in this folder (else --sources FILE or GLARE_SOURCES).
        # Uncomment what you need. Every kind:
        #
        #   id         lowercase letters, digits, hyphens; the series is feed:<id> (or the kind's own name)
        #   kind       rss | atom | guardian | nyt-archive | mediacloud | gdelt-doc | trends | wikipedia-pageviews
        #   url        the feed, or the API's base URL
        #   query      for APIs: the search (default: every roster alias in Latin script, quoted, OR'd)
        #   api_key_env  the environment variable with the key; or NAME=value in ~/.config/glare/credentials (mode 600)
        #   since      for date-ranged APIs: where a first run starts (YYYY-MM-DD)
        #   enabled    false keeps a definition without fetching it
        # Unknown fields are errors. The GDELT GKG archive has its own command: glare fetch gkg --from --to.

        sources: []
        #  - id: bbc-world
        #    kind: rss
        #    url: https://feeds.bbci.co.uk/news/world/rss.xml
        #
        #  - id: my-atom-feed
        #    kind: atom
        #    url: https://example.org/feed.atom
        #
        #  - id: guardian
        #    kind: guardian
        #    url: https://content.guardianapis.com/
        #    api_key_env: GUARDIAN_API_KEY
        #    since: 2015-07-01
        #
        #  - id: nyt
        #    kind: nyt-archive
        #    url: https://api.nytimes.com/svc/archive/v1/
        #    api_key_env: NYT_API_KEY
        #    since: 2015-07-01
        #
        #  - id: mediacloud
        #    kind: mediacloud
        #    url: https://search.mediacloud.org/api/
        #    api_key_env: MEDIACLOUD_API_KEY
        #    collections: [34412234]
        #    since: 2015-07-01
        #
        #  - id: gdelt-doc
        #    kind: gdelt-doc
        #    url: https://api.gdeltproject.org/api/v2/doc/doc
        #    since: 2017-01-01
        #
        #  - id: trends
        #    kind: trends
        #    url: https://trends.google.com/trends/api/
        #    since: 2015-07-01
        #
        #  - id: wikipedia
        #    kind: wikipedia-pageviews
        #    url: https://wikimedia.org/api/rest_v1/
        #    since: 2015-07-01
        # (Replace 'sources: []' with 'sources:' once one entry is uncommented.)

        """

    /// What to do next.
    public static let nextSteps = """
        Next steps (run in this folder; no flags needed):
          1. Edit roster.yaml: your event and your people (examples/freethe20-roster.yaml shows a full one).
             'glare roster' checks it.
          2. Import what you have; the first import creates the store glare.sqlite here (snapshots of every
             imported file go to glare-snapshots/; set --db or GLARE_DB to keep it elsewhere):
               glare import trends multiTimeline.csv         Google Trends exports
               glare import archive download.rtf --covers 2015-07-01..2016-03-31   news archives
               glare import counts counts.csv --source mine  any table of counts per period
             or uncomment sources in sources.yaml and run 'glare fetch'.
          3. 'glare series' lists what is stored; 'glare forget ID' undoes an import.
          4. 'glare analyze' tests whether attention rose and persisted around the event;
             'glare report' writes glare-report.html; 'glare export --out series.csv' for R, Stata or pandas.

        """
}

/// Why `glare init` wrote nothing.
public enum StudyError: Error, Equatable, CustomStringConvertible {
    case exists(folder: String, files: [String])
    case cannotCreate(folder: String, reason: String)

    public var description: String {
        switch self {
        case let .exists(folder, files):
            "\(folder) already holds \(files.joined(separator: ", ")); nothing was written (choose an empty folder, or move them away)"
        case let .cannotCreate(folder, reason): "\(folder): cannot create the study (\(reason))"
        }
    }
}
