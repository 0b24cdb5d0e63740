import Foundation
import GlareCore
import GlareParsers
import GlareReport

/// Reads series for `glare analyze --input`: a `date,count` CSV (one series, named after the file),
/// or Glare's long export (`date,person,source,measure,value,total`). An empty value is a missing day.
public enum AnalysisInput {
    public static func read(_ path: String) throws -> [AttentionSeries] {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw ImportError.unreadable(path: path, reason: (error as NSError).localizedDescription)
        }
        guard let text = String(data: data, encoding: .utf8) else { throw ParseError(source: path, reason: "not UTF-8 text") }
        let lines = text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
        guard let headerLine = lines.first else { throw ParseError(source: path, reason: "the file is empty") }
        let header = headerLine.split(separator: ",", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\u{FEFF}")).lowercased()
        }
        let long = Array(header.prefix(5)) == Array(SeriesExport.longHeader.prefix(5))
        guard long || header.count == 2 else {
            throw ParseError(source: path, line: 1, reason: "expected a 'date,count' header or Glare's long export header (\(SeriesExport.longHeader.joined(separator: ",")))")
        }
        var points: [SeriesKey: [Period: Observation]] = [:]
        let single = SeriesKey(person: URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent, source: "input", measure: .news)
        for (i, line) in lines.enumerated().dropFirst() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingCharacters(in: .whitespaces) }
            guard cells.count >= (long ? 5 : 2) else {
                throw ParseError(source: path, line: i + 1, reason: "expected \(long ? 6 : 2) cells, found \(cells.count)")
            }
            guard let day = Day(iso: cells[0]) else { throw ParseError(source: path, line: i + 1, reason: "'\(cells[0])' is not a YYYY-MM-DD date") }
            let raw = long ? cells[4] : cells[1]
            let observation: Observation
            if raw.isEmpty {
                observation = .missing
            } else if let v = Double(raw), v.isFinite, v >= 0 {
                observation = .value(v)
            } else {
                throw ParseError(source: path, line: i + 1, reason: "'\(raw)' is not a count (a number of at least 0, or empty for a missing day)")
            }
            let key = long ? SeriesKey(person: cells[1], source: cells[2], measure: Measure(rawValue: cells[3]) ?? .news) : single
            if points[key, default: [:]][.day(day)] != nil {
                throw ParseError(source: path, line: i + 1, reason: "\(day) appears twice for \(key)")
            }
            points[key, default: [:]][.day(day)] = observation
        }
        guard !points.isEmpty else { throw ParseError(source: path, reason: "no data rows") }
        return points.keys.sorted().map { AttentionSeries(key: $0, resolution: .day, points: points[$0]!) }
    }
}
