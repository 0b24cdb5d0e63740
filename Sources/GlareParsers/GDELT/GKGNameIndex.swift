public import Foundation
public import GlareCore

/// A GKG file's name index: per record its id, date, outlet, URL, page title, person and all-names lists
/// (with counts), organisations and themes. A small part of the file, kept as the file's snapshot, so a
/// changed roster can be matched again offline (`glare rebuild`) without the raw file.
///
/// Version 2 (written now) is binary and compact. After the line `#glare-gkg-name-index v2`:
/// `u32 strings, u32 records`, little-endian; then the file's distinct strings (outlets, names,
/// organisations, themes, dates), each `varint length` + UTF-8 bytes, so a name a file repeats in a
/// thousand records is stored once; then each record: `varint id length` + id bytes, `varint date`,
/// `varint outlet` (string numbers), `varint url length` + bytes, `varint title length` + bytes, then
/// the persons and all-names lists as `varint count` + (`varint string`, `varint occurrences`) pairs,
/// organisations and themes as `varint count` + `varint string`s. Decoding makes each distinct string
/// once, from its bytes, with no per-character work beyond UTF-8 validation.
///
/// Version 1 (read still): UTF-8 text, one record per line, nine tab-separated fields
/// `id date outlet url title persons names organizations themes`, lists `;`-separated, counted names as
/// `Name*count`.
public enum GKGNameIndex {
    /// How errors name a GKG file's stored index: `20150901000000.gkg.csv.zip.names [ab12cd34]`.
    public static func source(file: String, sha256: String) -> String { file + ".names [\(sha256.prefix(8))]" }

    /// The first line of a version 2 index.
    public static let header = "#glare-gkg-name-index v2"
    /// The first line of a version 1 index.
    public static let headerV1 = "#glare-gkg-name-index v1"

    /// Encodes entries (version 2).
    public static func encode(_ entries: [GKGEntry]) -> Data {
        var writer = GKGNameIndexWriter()
        for e in entries { writer.append(e) }
        return writer.data()
    }

    /// Decodes an index of either version; `source` names it in errors.
    public static func decode(_ data: Data, source: String) throws -> [GKGEntry] {
        let v2 = Array((header + "\n").utf8)
        if data.count >= v2.count, data.prefix(v2.count).elementsEqual(v2) {
            return try data.withUnsafeBytes { try decodeV2(UnsafeRawBufferPointer(rebasing: $0[v2.count...]), source: source) }
        }
        return try decodeV1(data, source: source)
    }

    /// Reads a version 2 body.
    static func decodeV2(_ b: UnsafeRawBufferPointer, source: String) throws -> [GKGEntry] {
        var c = GKGNameIndexCursor(b, source: source)
        let stringCount = try c.u32(), recordCount = try c.u32()
        // Every string and record takes at least one byte: counts beyond the size are damage, not memory to take.
        guard stringCount <= b.count, recordCount <= b.count else { throw c.damaged("impossible counts") }
        var strings: [String] = []
        strings.reserveCapacity(stringCount)
        for _ in 0..<stringCount { strings.append(try c.text()) }
        func string() throws -> String {
            let n = try c.varint()
            guard n < strings.count else { throw c.damaged("string number \(n) of \(strings.count)") }
            return strings[n]
        }
        var out: [GKGEntry] = []
        out.reserveCapacity(recordCount)
        for _ in 0..<recordCount {
            let id = try c.text(), date = try string(), outlet = try string(), url = try c.text(), title = try c.text()
            func counted() throws -> [GKGEntry.Name] {
                let n = try c.count()
                var list: [GKGEntry.Name] = []
                list.reserveCapacity(n)
                for _ in 0..<n { list.append(GKGEntry.Name(try string(), count: try c.varint())) }
                return list
            }
            func plain() throws -> [String] {
                let n = try c.count()
                var list: [String] = []
                list.reserveCapacity(n)
                for _ in 0..<n { list.append(try string()) }
                return list
            }
            let persons = try counted(), names = try counted(), organizations = try plain(), themes = try plain()
            out.append(
                GKGEntry(
                    recordId: id, date: date, outlet: outlet, url: url, title: title, persons: persons, names: names,
                    organizations: organizations, themes: themes))
        }
        guard c.isAtEnd else { throw c.damaged("\(c.remaining) bytes after the last record") }
        return out
    }

    /// Reads a version 1 (text) index.
    static func decodeV1(_ data: Data, source: String) throws -> [GKGEntry] {
        guard let text = String(data: data, encoding: .utf8) else {
            throw ParseError(source: source, reason: "the GKG name index is not UTF-8")
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true)[...]
        guard lines.first.map(String.init) == headerV1 else {
            throw ParseError(source: source, line: 1, reason: "not a GKG name index (expected '\(header)' or '\(headerV1)')")
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

    /// Encodes entries in the version 1 text layout (for tests of old snapshots, and tools that want text).
    public static func encodeV1(_ entries: [GKGEntry]) -> Data {
        var out = headerV1 + "\n"
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
}
