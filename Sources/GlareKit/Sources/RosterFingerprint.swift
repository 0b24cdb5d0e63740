import Foundation
public import GlareCore
public import GlareStore

/// A short hash of what in a roster changes derived series (ids, names, groups, aliases, context and
/// exclusion terms, Wikipedia titles), so a series can say which roster it was derived under. Comments,
/// notes, sources and dates do not count.
public enum RosterFingerprint {
    public static func of(_ roster: Roster) -> String {
        var lines: [String] = []
        for p in roster.people {
            var fields = [p.id, p.name, p.group.rawValue, p.matchable ? "m" : "-", p.ambiguous ? "a" : "-"]
            fields += p.aliases.map { "alias=\($0.text)|\($0.language ?? "")|\($0.needsContext.map { $0 ? "1" : "0" } ?? "")" }
            fields += p.contextTerms.map { "context=" + $0 } + p.excludeTerms.map { "exclude=" + $0 }
            fields += p.wikipedia.sorted { $0.key < $1.key }.map { "wikipedia=\($0.key):\($0.value)" }
            lines.append(fields.joined(separator: "\t"))
        }
        return String(Snapshot(of: Data(lines.joined(separator: "\n").utf8)).sha256.prefix(16))
    }

    /// A warning when stored series were derived under another roster than `roster`; nil when all agree.
    public static func warning(for series: [StoredSeries], roster: Roster) -> String? {
        let current = of(roster)
        let stale = series.filter { s in s.rosterHash.map { $0 != current } ?? false }
        guard !stale.isEmpty else { return nil }
        let kinds = Set(stale.compactMap(\.kind)).sorted().joined(separator: ", ")
        return "\(stale.count) series (\(kinds)) were derived under another roster than the one loaded (\(current)); run 'glare rebuild' to derive them again"
    }
}
