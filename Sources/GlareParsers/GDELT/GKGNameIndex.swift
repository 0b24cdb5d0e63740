public import Foundation
public import GlareCore

/// A GKG file's name index: per record its id, date, outlet, URL, page title, person and all-names lists
/// (with counts), organisations and themes. About a tenth of the file, kept as the file's snapshot, so a
/// changed roster can be matched again offline (`glare rebuild`) without the raw file.
///
/// Format: UTF-8 text, a version line, then one record per line, nine tab-separated fields:
/// `id date outlet url title persons names organizations themes`, lists `;`-separated, counted names as
/// `Name*count`.
public enum GKGNameIndex {
    public static let header = "#glare-gkg-name-index v1"

    /// Encodes entries.
    public static func encode(_ entries: [GKGEntry]) -> Data {
        var out = header + "\n"
        out.reserveCapacity(entries.count * 600)
        func clean(_ s: String) -> String {
            s.utf8.contains(where: { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D })
                ? s.split(whereSeparator: { $0 == "\t" || $0 == "\n" || $0 == "\r" }).joined(separator: " ") : s
        }
        func counted(_ names: [GKGEntry.Name]) -> String { names.map { clean($0.text) + "*" + String($0.count) }.joined(separator: ";") }
        for e in entries {
            out += clean(e.recordId); out += "\t"
            out += e.date; out += "\t"
            out += clean(e.outlet); out += "\t"
            out += clean(e.url); out += "\t"
            out += clean(e.title); out += "\t"
            out += counted(e.persons); out += "\t"
            out += counted(e.names); out += "\t"
            out += e.organizations.map(clean).joined(separator: ";"); out += "\t"
            out += e.themes.map(clean).joined(separator: ";"); out += "\n"
        }
        return Data(out.utf8)
    }

    /// Decodes an index; `source` names it in errors.
    public static func decode(_ data: Data, source: String) throws -> [GKGEntry] {
        guard let text = String(data: data, encoding: .utf8) else {
            throw ParseError(source: source, reason: "the GKG name index is not UTF-8")
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true)[...]
        guard lines.first.map(String.init) == header else {
            throw ParseError(source: source, line: 1, reason: "not a GKG name index (expected '\(header)')")
        }
        lines = lines.dropFirst()
        func counted(_ s: Substring) -> [GKGEntry.Name] {
            s.split(separator: ";").map { item in
                guard let star = item.lastIndex(of: "*"), let n = Int(item[item.index(after: star)...]) else { return GKGEntry.Name(String(item), count: 1) }
                return GKGEntry.Name(String(item[..<star]), count: n)
            }
        }
        var out: [GKGEntry] = []
        for (i, line) in lines.enumerated() {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard f.count == 9 else {
                throw ParseError(source: source, line: i + 2, reason: "expected 9 tab-separated fields, found \(f.count)")
            }
            out.append(
                GKGEntry(
                    recordId: String(f[0]), date: String(f[1]), outlet: String(f[2]), url: String(f[3]), title: String(f[4]),
                    persons: counted(f[5]), names: counted(f[6]),
                    organizations: f[7].split(separator: ";").map(String.init), themes: f[8].split(separator: ";").map(String.init)))
        }
        return out
    }
}
