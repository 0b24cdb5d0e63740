// Where a GKG import's time goes: over the same zips, inflate alone, + parse, + name index, + match (what
// `glare import gkg` does before it stores), each timed on this thread.
import Foundation
import GlareCore
import GlareKit
import GlareParsers
import GlareStore

func gkgStagesBenchmark(folder: String) {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let roster = try! Roster.load(contentsOf: root.appendingPathComponent("Feeds/roster.yaml"))
    let zips = try! FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".zip") }.sorted()
        .map { URL(fileURLWithPath: folder).appendingPathComponent($0) }
    let clock = ContinuousClock()
    func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }
    let buffer = InflateBuffer()
    var bytes = 0
    var lines = 0
    let inflate = clock.measure {
        for z in zips {
            try! GKGZipReader(url: z).read(into: buffer) { b in
                bytes += b.count
                guard let base = b.baseAddress else { return }
                var p = 0
                while p < b.count, let nl = memchr(base + p, 0x0A, b.count - p) {
                    lines += 1
                    p = base.distance(to: UnsafeRawPointer(nl)) + 1
                }
            }
        }
    }
    let mb = Double(bytes) / 1e6
    var records = 0
    let parse = clock.measure {
        for z in zips {
            try! GKGZipReader(url: z).read(into: buffer) { b in
                var reader = GKGReader()
                reader.feedRows(b, { _ in records += 1 })
                _ = reader.finishRows({ _ in records += 1 })
            }
        }
    }
    let processor = GKGFileProcessor(matcher: GKGNameMatcher(roster: roster))
    let index = clock.measure {
        for z in zips { _ = try! processor.read(.file(z), name: z.lastPathComponent, slot: nil, translingual: nil) }
    }
    var matches = 0
    var indexBytes = 0
    let match = clock.measure {
        for z in zips {
            let out = try! processor.process(.file(z), name: z.lastPathComponent, slot: nil, translingual: nil)
            matches += out.result.matches.count
            indexBytes += out.index.count
        }
    }
    print(String(format: "gkg stages: %d files, %.0f MB uncompressed, %d lines, %d records, %d matches", zips.count, mb, lines, records, matches))
    print(String(format: "  inflate alone (libdeflate + crc32 + newline count): %.2f s, %.0f MB/s", seconds(inflate), mb / seconds(inflate)))
    print(String(format: "  + parse (rows, fields as bytes):                   %.2f s, %.0f MB/s", seconds(parse), mb / seconds(parse)))
    print(String(format: "  + name index and URL hashes:                       %.2f s, %.0f MB/s", seconds(index), mb / seconds(index)))
    print(
        String(
            format: "  + match (in the index):                            %.2f s, %.0f MB/s (index %.0f B per record before gzip)", seconds(match),
            mb / seconds(match), Double(indexBytes) / Double(max(records, 1))))
}
