import Foundation
public import GlareCore
import GlareParsers
import GlareReport
public import GlareStore

/// `glare explain PERSON DATE`: the documents (archive downloads) and articles (GDELT GKG records)
/// counted for a person on a day, with what matched and the rule that admitted each, so every count
/// can be audited.
public enum Explanation {
    /// `text(person:day:source:in:archive:)` with the snapshots where a workspace keeps them by default
    /// (`<name>-snapshots` beside the database).
    public static func text(person: String, day: Day, source: String?, in db: GlareDatabase) throws -> String {
        try text(person: person, day: day, source: source, in: db, archive: Workspace(databasePath: db.path, environment: [:]).archive)
    }

    /// The explanation; a GKG record's URL, outlet and title are read from its file's name index in `archive`.
    public static func text(person: String, day: Day, source: String?, in db: GlareDatabase, archive: SnapshotArchive) throws -> String {
        try text(person: person, day: day, source: source, in: db, records: GKGMatchedRecords(archive: archive))
    }

    /// The explanation, with GKG records read through `records` (keep one to explain many days: each
    /// file's name index is then read once).
    public static func text(person: String, day: Day, source: String?, in db: GlareDatabase, records: GKGMatchedRecords) throws -> String {
        let coverage = try coverageText(person: person, day: day, source: source, in: db)
        if let source, source.hasPrefix("gkg") {
            let stream = source.hasSuffix("/mentions") ? String(source.dropLast("/mentions".count)) : source
            return try gkgText(person: person, day: day, stream: stream, in: db, records: records) + coverage
        }
        let documents = try archiveText(person: person, day: day, source: source, in: db)
        guard source == nil else { return documents + coverage }
        let gkg = try db.read { try $0.gkgMatches(person: person, day: day) }
        return (gkg.isEmpty ? documents : documents + "\n" + (try gkgText(person: person, day: day, stream: nil, stored: gkg, in: db, records: records)))
            + coverage
    }

    /// What each of the person's series holds for the day and how much of the day its source covered.
    static func coverageText(person: String, day: Day, source: String?, in db: GlareDatabase) throws -> String {
        let series = try db.read { try $0.series(people: [person], partialPeriods: true) }
            .filter { s in source.map { s.series.key.source == $0 } ?? true }
        var lines: [String] = []
        for s in series {
            let a = s.series
            guard let i = a.periods.firstIndex(where: { $0.resolution == a.resolution && $0.start <= day && day < $0.advanced(by: 1).start }) else { continue }
            let value = a.observations[i].numeric().map(NumberFormat.string) ?? "missing"
            let coverage = a.coverage[i]
            let state = coverage.map { c in c.isComplete ? "covered" : "partly covered (\(c)): missing unless --allow-partial-days" } ?? "coverage not recorded"
            lines.append(
                "  \(a.key.source) \(a.periods[i].label): \(value)\(a.totals[i].map { " of \(NumberFormat.string($0))" } ?? "")\(coverage.map { ", \($0)" } ?? ""); \(state)"
            )
        }
        guard !lines.isEmpty else { return "" }
        return "\ncoverage of \(day.iso) for \(person):\n" + lines.joined(separator: "\n") + "\n"
    }

    /// The GDELT GKG articles counted for a person on a day: one entry per distinct URL (the unit
    /// counted), with every record that carried it, the alias and field that matched and the rule.
    static func gkgText(person: String, day: Day, stream: String?, in db: GlareDatabase, records: GKGMatchedRecords) throws -> String {
        let stored = try db.read { try $0.gkgMatches(person: person, day: day, stream: stream) }
        return try gkgText(person: person, day: day, stream: stream, stored: stored, in: db, records: records)
    }

    /// `gkgText` of matches already read (`gkgMatches` of the person, day and stream).
    static func gkgText(
        person: String, day: Day, stream: String?, stored: [GKGStoredMatch], in db: GlareDatabase, records: GKGMatchedRecords
    ) throws -> String {
        guard !stored.isEmpty else {
            return "no GDELT GKG record names \(person) on \(day.iso)\(stream.map { " in \($0)" } ?? "")\n"
        }
        let (rows, problems) = try records.resolve(stored, in: db)
        var lines: [String] = []
        for s in Set(rows.map(\.match.stream)).sorted() {
            let mine = rows.filter { $0.match.stream == s }
            let urls = Dictionary(grouping: mine, by: \.url)
            lines.append(
                "\(urls.count) article(s) in \(s) name \(person) on \(day.iso) (\(urls.values.map { $0.map(\.match.mentions).max() ?? 0 }.reduce(0, +)) mention(s)):"
            )
            for url in urls.keys.sorted() {
                let records = urls[url]!
                let first = records[0]
                lines.append("")
                lines.append("- \(first.outlet): \(first.title.isEmpty ? "(no title)" : "\"\(first.title)\"")")
                lines.append("  \(url)")
                for r in records {
                    let m = GKGMatchEvidence(json: r.match.evidence)
                    let how =
                        m.map { "'\($0.matched)' in \($0.field) = alias '\($0.alias)'" + ($0.context.map { ", context term '\($0)'" } ?? "") }
                        ?? r.match.evidence
                    lines.append(
                        "  record \(r.match.recordId) in \(r.match.file) [name index \(r.match.indexSHA256?.prefix(8) ?? "?")]: \(how), \(r.match.mentions) mention(s)"
                    )
                }
            }
        }
        if !problems.isEmpty { lines += [""] + problems }
        return lines.joined(separator: "\n") + "\n"
    }

    static func archiveText(person: String, day: Day, source: String?, in db: GlareDatabase) throws -> String {
        let database = source.map { s in
            let s = s.hasSuffix("/stories") ? String(s.dropLast("/stories".count)) : s
            return ["archive:", "feed:"].first(where: s.hasPrefix).map { String(s.dropFirst($0.count)) } ?? s
        }
        let documents = try db.read { try $0.documents(database: database, day: day, person: person) }
        guard !documents.isEmpty else {
            return "no stored document mentions \(person) on \(day.iso)\(source.map { " in \($0)" } ?? "")\n"
        }
        var lines = ["\(documents.count) document(s) mention \(person) on \(day.iso):"]
        for d in documents {
            let doc = d.document
            lines.append("")
            lines.append("- \(doc.outlet): \"\(doc.headline)\" [\(DocumentSource.source(database: doc.database, format: doc.format))]")
            lines.append(
                "  from \(d.originalName) [\(d.snapshotSHA256.prefix(8))], line \(doc.line), id \(doc.documentId)\(doc.hasText ? "" : " (body withheld by the archive)")"
            )
            guard let (count, evidence) = d.mentions[person] else { continue }
            let mentions = (try? JSONDecoder().decode([Mention].self, from: Data(evidence.utf8))) ?? []
            lines.append("  \(count) mention(s):")
            for m in mentions {
                let field = m.field == "title" ? doc.headline : doc.text
                let rule = m.rule == .context ? "context term '\(m.context ?? "")'" : "alias"
                lines.append("    \(m.field) \(m.start)..<\(m.end): \"\(m.matched)\" via alias '\(m.alias)', \(rule)")
                lines.append("      …\(snippet(field, m.start, m.end))…")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// About 80 bytes either side of a mention, on character boundaries, on one line.
    static func snippet(_ text: String, _ start: Int, _ end: Int) -> String {
        let u = Array(text.utf8)
        guard start <= end, end <= u.count else { return "" }
        var a = max(0, start - 80), b = min(u.count, end + 80)
        while a > 0 && u[a] & 0xC0 == 0x80 { a -= 1 }
        while b < u.count && u[b] & 0xC0 == 0x80 { b += 1 }
        let before = String(decoding: u[a..<start], as: UTF8.self), name = String(decoding: u[start..<end], as: UTF8.self)
        let after = String(decoding: u[end..<b], as: UTF8.self)
        return (before + "[" + name + "]" + after).replacingOccurrences(of: "\n", with: " ")
    }
}
