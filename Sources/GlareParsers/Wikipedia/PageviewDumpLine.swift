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

    /// The longest line read: a title is at most 255 bytes (765 percent-encoded), so a line past this is
    /// damage, counted as unreadable and never held in memory whole.
    public static let maximumLength = 65_536

    /// The largest hourly count believed: no page is read 10¹² times in an hour.
    public static let maximumViews: UInt64 = 1_000_000_000_000

    /// Reads a line; nil for a line without three fields or whose count is not a whole number of views
    /// (digits only, at most `maximumViews`: `nan`, `inf`, `1e19`, `-500` and `2.5` are not counts).
    public static func parse(_ bytes: ArraySlice<UInt8>, foldingMobile: Bool) -> PageviewDumpLine? {
        let parts = bytes.split(separator: 0x20, maxSplits: 3, omittingEmptySubsequences: false)
        guard parts.count >= 3, let views = count(parts[2]), let project = project(bytes, foldingMobile: foldingMobile) else {
            return nil
        }
        var title = String(decoding: parts[1], as: UTF8.self)
        if title.contains("%") { title = title.removingPercentEncoding ?? title }
        return PageviewDumpLine(project: project, title: title.precomposedStringWithCanonicalMapping, views: views)
    }

    /// A count of views: 1 to 13 ASCII digits, at most `maximumViews`.
    static func count(_ bytes: ArraySlice<UInt8>) -> Double? {
        guard !bytes.isEmpty, bytes.count <= 13 else { return nil }
        var v: UInt64 = 0
        for b in bytes {
            guard b >= 0x30, b <= 0x39 else { return nil }
            v = v * 10 + UInt64(b - 0x30)
        }
        return v <= maximumViews ? Double(v) : nil
    }

    /// A title as Wikipedia writes it in dumps: underscores for spaces, NFC.
    public static func dumpTitle(_ title: String) -> String {
        title.replacingOccurrences(of: " ", with: "_").precomposedStringWithCanonicalMapping
    }
}
