import Foundation
import GlareCore
import GlareStore

/// `glare explain PERSON DATE`: the documents counted for a person on a day, with the passages that
/// matched and the rule that admitted each, so every count can be audited.
public enum Explanation {
    public static func text(person: String, day: Day, source: String?, in db: GlareDatabase) throws -> String {
        let database = source.map { $0.hasPrefix(NewsSeriesBuilder.sourcePrefix) ? String($0.dropFirst(NewsSeriesBuilder.sourcePrefix.count)) : $0 }
        let documents = try db.read { try $0.documents(database: database, day: day, person: person) }
        guard !documents.isEmpty else {
            return "no stored document mentions \(person) on \(day.iso)\(source.map { " in \($0)" } ?? "")\n"
        }
        var lines = ["\(documents.count) document(s) mention \(person) on \(day.iso):"]
        for d in documents {
            let doc = d.document
            lines.append("")
            lines.append("- \(doc.outlet): \"\(doc.headline)\" [\(NewsSeriesBuilder.sourcePrefix)\(doc.database)]")
            lines.append("  from \(d.originalName) [\(d.snapshotSHA256.prefix(8))], line \(doc.line), id \(doc.documentId)\(doc.hasText ? "" : " (body withheld by the archive)")")
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
