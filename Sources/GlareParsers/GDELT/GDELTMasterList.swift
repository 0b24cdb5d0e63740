import Foundation
public import GlareCore

/// GDELT 2.0's master file list (`masterfilelist.txt`, `masterfilelist-translation.txt`): one line per
/// published file, `SIZE MD5 URL`. Lines are not strictly ordered, and slots GDELT missed have no line.
public struct GDELTMasterList: Sendable {
    /// One GKG file the list names.
    public struct File: Sendable, Equatable {
        public let size: Int
        public let md5: String
        public let url: String
        /// The file's name (`20150901000000.gkg.csv.zip`).
        public let name: String
        public let slot: GKGSlot
    }

    /// The GKG files listed, by slot (a slot listed twice keeps its last line).
    public let files: [GKGSlot: File]
    /// Lines that could not be read (line number and text), for the fetch report.
    public let badLines: [(line: Int, text: String)]

    /// Reads a list; only GKG files of the given stream are kept.
    public init(text: String, translingual: Bool) {
        var files: [GKGSlot: File] = [:]
        var bad: [(Int, String)] = []
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty { continue }
            let parts = trimmed.split(separator: " ", omittingEmptySubsequences: true)
            guard !trimmed.contains("\u{FFFD}"), parts.count == 3, let size = Int(parts[0]), size >= 0, parts[1].count == 32,
                parts[1].allSatisfy(\.isHexDigit)
            else {
                bad.append((i + 1, String(trimmed.prefix(200))))
                continue
            }
            let url = String(parts[2])
            let name = String(url.split(separator: "/").last ?? "")
            guard let (slot, isTranslation) = GKGSlot.parse(fileName: name), isTranslation == translingual else { continue }
            files[slot] = File(size: size, md5: parts[1].lowercased(), url: url, name: name, slot: slot)
        }
        self.files = files
        badLines = bad
    }
}
