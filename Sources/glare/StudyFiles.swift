import Foundation

/// Where the roster and the sources file are looked for when no flag or variable names them: a study
/// made by `glare init` keeps them in its own folder (`./roster.yaml`), the repository in `Feeds/`.
enum StudyFiles {
    /// `./NAME` when it exists, else `Feeds/NAME`.
    static func defaultPath(_ name: String) -> String {
        FileManager.default.fileExists(atPath: name) ? name : "Feeds/" + name
    }

    /// The sources file: `--sources`, else `$GLARE_SOURCES`, else `./sources.yaml`, else `Feeds/sources.yaml`.
    static func sourcesPath(_ option: String?) -> String {
        option ?? ProcessInfo.processInfo.environment["GLARE_SOURCES"].flatMap { $0.isEmpty ? nil : $0 } ?? defaultPath("sources.yaml")
    }

    static let sourcesHelp = "The sources file (default: $GLARE_SOURCES, else ./sources.yaml, else Feeds/sources.yaml)."
}
