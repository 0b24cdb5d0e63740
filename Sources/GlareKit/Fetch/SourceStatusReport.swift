import Foundation
import GlareCore
public import GlareStore

/// `glare status`: per source, the last success, the last failure and why, the items stored, and
/// (for GDELT) the days with incomplete coverage.
public enum SourceStatusReport {
    public static func text(_ db: GlareDatabase, sources: [SourceDefinition]) throws -> (text: String, status: ExitStatus) {
        let states = Dictionary(uniqueKeysWithValues: try db.read { try $0.sourceStates() }.map { ($0.source, $0) })
        var lines: [String] = []
        var status = ExitStatus.ok
        let ids = sources.map(\.id) + states.keys.filter { id in !sources.contains { $0.id == id } }.sorted()
        for id in ids {
            let s = states[id]
            let kind = sources.first { $0.id == id }?.kind.rawValue ?? s?.kind ?? "?"
            guard let s else {
                lines.append("\(id) (\(kind)): never fetched")
                continue
            }
            let failing = s.lastFailure != nil && (s.lastSuccess ?? "") < (s.lastFailure ?? "")
            lines.append(
                "\(id) (\(kind)): \(failing ? (s.transient ? "FAILING (transient)" : "FAILING") : "ok"); last success \(s.lastSuccess ?? "never"); \(s.items) items (\(s.lastItems) new in the last successful run)"
            )
            if let failure = s.lastFailure { lines.append("  last failure \(failure): \(s.lastError ?? "")") }
            if failing { status = s.transient && status != .unavailable ? .temporaryFailure : .unavailable }
        }
        for stream in try db.read({ try $0.gkgStreams() }) {
            let coverage = try db.read { try $0.gkgCoverage(stream: stream) }
            let incomplete = coverage.filter { !$0.value.observed }.keys.sorted()
            let files = coverage.values.reduce(0) { $0 + $1.done }
            lines.append(
                "\(stream) (GDELT GKG): \(files) files processed over \(coverage.count) days; \(incomplete.count) incomplete day(s)\(incomplete.isEmpty ? "" : ": " + incomplete.prefix(10).map(\.iso).joined(separator: ", ") + (incomplete.count > 10 ? ", …" : ""))"
            )
        }
        if lines.isEmpty { lines.append("no sources defined or fetched") }
        return (lines.joined(separator: "\n") + "\n", status)
    }
}
