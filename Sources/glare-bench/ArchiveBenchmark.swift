// Import of a generated LexisNexis text download: parse, match, store, rebuild the series.
import EventWindow
import Foundation
import GlareCore
import GlareKit
import Logging

func archiveBenchmark(articles: Int) {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let roster = try! Roster.load(contentsOf: root.appendingPathComponent("Feeds/roster.yaml"))
    let names = roster.people.filter { $0.matchable && $0.group == .featured }.map(\.name)
    var g = SplitMix64(seed: 11)
    let start = Day(iso: "2015-06-01")!
    var text = "\u{FEFF}\r\nDownload Request: Selected Items: 1-\(articles)\r\n\r\n"
    for i in 1...articles {
        let day = start.adding(days: Int(g.next() % 300))
        let c = day.components
        let month = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"][c.month - 1]
        var body: [String] = []
        for _ in 0..<8 {
            var words: [String] = []
            for _ in 0..<60 { words.append(vocabulary[Int(g.next() % UInt64(vocabulary.count))]) }
            if g.next() % 10 == 0 { words.insert(names[Int(g.next() % UInt64(names.count))] + ", the journalist and lawyer,", at: 10) }
            body.append(words.joined(separator: " ") + ".")
        }
        text += "                               \(i) of \(articles) DOCUMENTS\r\n\r\n\r\n\r\n                                  The Bench Times\r\n\r\n"
        text += "                            \(month) \(c.day), \(c.year)\r\n\r\nHeadline number \(i)\r\n\r\nBYLINE: Staff\r\n\r\nLENGTH: 480 words\r\n\r\n"
        text += body.joined(separator: "\r\n\r\n") + "\r\n\r\nLOAD-DATE: \(month) \(c.day), \(c.year)\r\n\r\nLANGUAGE: ENGLISH\r\n\r\n\r\n"
    }
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("glare-bench-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("download.txt")
    try! Data(text.utf8).write(to: file)
    let importer = ArchiveImporter(
        roster: roster, workspace: Workspace(databasePath: folder.appendingPathComponent("g.sqlite").path, environment: [:]),
        logger: Logger(label: "bench", factory: { _ in SwiftLogNoOpLogHandler() }))
    let clock = ContinuousClock()
    var results: [ArchiveImporter.FileResult] = []
    let elapsed = clock.measure { results = try! importer.importFiles([file.path]) }
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    let mb = Double(text.utf8.count) / 1_048_576
    print("archive import: \(articles) LexisNexis text articles, \(String(format: "%.1f", mb)) MB, \(results[0].added) stored")
    print(
        String(
            format: "  %.2f s, %.0f articles/s, %.1f MB/s (parse, match, store, rebuild series; one core)", seconds, Double(articles) / seconds, mb / seconds))
}
