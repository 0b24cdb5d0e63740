import Foundation
import GlareCore
import GlareParsers

/// One reader under fuzzing: a name (`scripts/fuzz NAME`) and what to do with an input's bytes.
/// A reader may throw on bad bytes (that is its job); it must never crash, hang or exhaust memory.
struct FuzzTarget: Sendable {
    let name: String
    let run: @Sendable (Data) -> Void

    /// Every reader of outside bytes, one target each.
    static let all: [FuzzTarget] =
        [
            FuzzTarget(name: "trends-csv") { _ = try? TrendsCSVParser.parse($0, source: "fuzz") },
            FuzzTarget(name: "trends-json") { _ = try? TrendsAPIParser.parse($0, source: "fuzz") },
            FuzzTarget(name: "trends-legacy") { _ = try? LegacyTrendsReportParser.parse($0, source: "fuzz") },
            FuzzTarget(name: "gkg-rows", run: gkgRows),
            FuzzTarget(name: "gkg-zip", run: gkgZip),
            FuzzTarget(name: "gkg-name-index") { _ = try? GKGNameIndex.decode($0, source: "fuzz") },
            FuzzTarget(name: "gdelt-master-list") { _ = GDELTMasterList(text: String(decoding: $0, as: UTF8.self), translingual: false) },
            FuzzTarget(name: "feed") { _ = try? FeedParser.parse($0, source: "fuzz") },
            FuzzTarget(name: "archive") { data in
                guard let format = try? ArchiveFormat.detect(data, source: "fuzz") else { return }
                _ = try? format.parse(data, source: "fuzz")
            },
            FuzzTarget(name: "counts-csv") { _ = try? CountsCSVParser.parse($0, source: "fuzz") },
            FuzzTarget(name: "roster") { _ = try? Roster.parse(yaml: String(decoding: $0, as: UTF8.self), file: "fuzz") },
            FuzzTarget(name: "pageview-dump") { data in
                let bytes = [UInt8](data)
                for line in bytes.split(separator: 0x0A) { _ = PageviewDumpLine.parse(line, foldingMobile: true) }
            },
        ]
        + ArchiveFormat.allCases.map { format in
            FuzzTarget(name: format.rawValue) { _ = try? format.parse($0, source: "fuzz") }
        }

    static func named(_ name: String) -> FuzzTarget? { all.first { $0.name == name } }

    /// GKG rows read as entries and as bytes: the index written from the bytes is the entries' index.
    private static func gkgRows(_ data: Data) {
        var entries: [GKGEntry] = []
        let tally = GKGReader.read(data) { entries.append($0) }
        var reader = GKGReader()
        var writer = GKGNameIndexWriter()
        data.withUnsafeBytes { reader.feedRows($0, { writer.append($0) }) }
        precondition(reader.finishRows({ writer.append($0) }) == tally, "rows and entries tally differently")
        precondition(writer.data() == GKGNameIndex.encode(entries), "the index of the rows is not the entries' index")
    }

    /// A zipped GKG file as an import reads it: the zip read, its one member inflated, read row by row
    /// into a name index, and the index read back in place.
    private static func gkgZip(_ data: Data) {
        guard let zip = try? GKGZipReader(data: data, name: "fuzz") else { return }
        var reader = GKGReader()
        var writer = GKGNameIndexWriter()
        try? zip.read(into: InflateBuffer()) { reader.feedRows($0, { writer.append($0) }) }
        _ = reader.finishRows({ writer.append($0) })
        precondition((try? GKGNameIndexTable(writer.data(), source: "fuzz"))??.count == writer.count, "an index written does not read back")
    }
}
