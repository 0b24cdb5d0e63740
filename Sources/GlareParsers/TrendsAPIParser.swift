public import Foundation
public import GlareCore

/// Reads responses of the internal Google Trends API (`/trends/api/widgetdata/multiline`): JSON behind
/// the `)]}',` guard prefix, one `timelineData` point per period with a value per term, `<1` in
/// `formattedValue`, `hasData: false` for missing cells and `isPartial: true` on a period still in progress.
///
/// The response does not name its terms or region; the caller supplies them (`withColumns`). Until then
/// the columns are named `term 1`, `term 2`, ….
public enum TrendsAPIParser {
    /// The guard Google puts before the JSON so that it cannot be run as a script.
    static let guardPrefix = ")]}'"

    private struct Response: Decodable {
        struct Body: Decodable { let timelineData: [Point] }
        struct Point: Decodable {
            let time: String
            let value: [Int]
            let hasData: [Bool]?
            let formattedValue: [String]?
            let isPartial: Bool?
        }
        let `default`: Body
    }

    /// Whether the bytes look like an API response rather than a CSV export.
    public static func recognises(_ data: Data) -> Bool {
        let head = String(decoding: data.prefix(16), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return head.hasPrefix(guardPrefix) || head.hasPrefix("{\"default\"")
    }

    /// Parses a response; `source` names the file in errors.
    public static func parse(_ data: Data, source: String) throws -> TrendsExport {
        var text = try TextDecoding.decode(data, source: source)
        if text.hasPrefix(guardPrefix) {
            text.removeFirst(guardPrefix.count)
            if text.hasPrefix(",") { text.removeFirst() }
        }
        let response: Response
        do {
            response = try JSONDecoder().decode(Response.self, from: Data(text.utf8))
        } catch let DecodingError.dataCorrupted(context) {
            throw ParseError(
                source: source,
                reason:
                    "not a Trends API response: invalid JSON (\(context.underlyingError.map { "\($0)" } ?? context.debugDescription)); the file may be truncated"
            )
        } catch {
            throw ParseError(
                source: source, reason: "not a Trends API multiline response: expected default.timelineData with time and value per point (\(error))")
        }
        let points = response.default.timelineData
        guard let first = points.first else { throw ParseError(source: source, reason: "the response has no timelineData points") }
        let width = first.value.count
        guard width >= 1 else { throw ParseError(source: source, reason: "the first point has no values") }

        var times: [Int] = []
        for (i, p) in points.enumerated() {
            // Unix seconds of the days Glare stores, so that steps between points cannot overflow.
            guard let t = Int(p.time), Day.unixSeconds.contains(t) else {
                throw ParseError(
                    source: source,
                    reason: "point \(i + 1): time '\(p.time)' is not Unix seconds of the years \(Day.years.lowerBound) to \(Day.years.upperBound)")
            }
            guard p.value.count == width else {
                throw ParseError(source: source, reason: "point \(i + 1) has \(p.value.count) values, the first had \(width)")
            }
            times.append(t)
        }
        let resolution = try resolution(times, source: source)
        var rows: [TrendsExport.Row] = []
        var previous: Period?
        for (i, p) in points.enumerated() {
            let day = Day(unixSeconds: times[i])
            let hour = resolution == .hour ? (times[i] - day.ordinal * 86_400) / 3600 : nil
            let period = Period(resolution: resolution, start: day, hour: hour)
            if let previous, period != previous.next {
                throw ParseError(source: source, reason: "point \(i + 1) (\(period.label)) does not follow \(previous.label)")
            }
            previous = period
            var values: [TrendsExport.Value] = []
            for c in 0..<width {
                if let has = p.hasData, c < has.count, !has[c] { values.append(.missing); continue }
                if let f = p.formattedValue, c < f.count, f[c].trimmingCharacters(in: .whitespaces) == "<1" { values.append(.belowOne); continue }
                let v = p.value[c]
                guard (0...100).contains(v) else { throw ParseError(source: source, reason: "point \(i + 1): value \(v) is outside 0–100") }
                values.append(.value(v))
            }
            rows.append(TrendsExport.Row(period: period, values: values, isPartial: p.isPartial ?? false))
        }
        let columns = (1...width).map { TrendsExport.Column(term: "term \($0)", geo: nil) }
        return TrendsExport(format: .apiJSON, resolution: resolution, columns: columns, rows: rows)
    }

    static func resolution(_ times: [Int], source: String) throws -> Resolution {
        guard times.count >= 2 else { return .day }
        let step = times[1] - times[0]
        switch step {
        case 3600: return .hour
        case 86_400: return .day
        case 604_800: return .week
        case (28 * 86_400)...(31 * 86_400): return .month
        default:
            throw ParseError(source: source, reason: "points are \(step) seconds apart; Glare reads hourly, daily, weekly and monthly data")
        }
    }
}
