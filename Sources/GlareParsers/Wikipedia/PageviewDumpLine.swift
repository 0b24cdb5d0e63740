import Foundation

/// One line of a Wikimedia hourly dump (`project title count bytes`), as Glare reads it: the edition
/// (`en`; mobile `en.m` folded into `en` when `foldingMobile`), the title (percent-decoded, NFC), the
/// hour's views.
public struct PageviewDumpLine: Sendable, Equatable {
    public let project: String
    public let title: String
    public let views: Double

    public init(project: String, title: String, views: Double) {
        self.project = project
        self.title = title
        self.views = views
    }

    /// The project code alone (cheap: for deciding whether the rest of the line matters).
    public static func project(_ bytes: ArraySlice<UInt8>, foldingMobile: Bool) -> String? {
        guard let space = bytes.firstIndex(of: 0x20) else { return nil }
        var project = String(decoding: bytes[bytes.startIndex..<space], as: UTF8.self)
        if foldingMobile, project.hasSuffix(".m") { project.removeLast(2) }
        return project
    }

    /// Reads a line; nil for a line without three fields or with a count that is not a number.
    public static func parse(_ bytes: ArraySlice<UInt8>, foldingMobile: Bool) -> PageviewDumpLine? {
        let parts = bytes.split(separator: 0x20, maxSplits: 3, omittingEmptySubsequences: false)
        guard parts.count >= 3, let views = Double(String(decoding: parts[2], as: UTF8.self)), let project = project(bytes, foldingMobile: foldingMobile) else {
            return nil
        }
        var title = String(decoding: parts[1], as: UTF8.self)
        if title.contains("%") { title = title.removingPercentEncoding ?? title }
        return PageviewDumpLine(project: project, title: title.precomposedStringWithCanonicalMapping, views: views)
    }

    /// A title as Wikipedia writes it in dumps: underscores for spaces, NFC.
    public static func dumpTitle(_ title: String) -> String {
        title.replacingOccurrences(of: " ", with: "_").precomposedStringWithCanonicalMapping
    }
}
