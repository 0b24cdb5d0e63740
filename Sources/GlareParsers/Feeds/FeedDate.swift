import Foundation
public import GlareCore

/// Feed dates: RFC 822 with its common deviations (missing weekday, two-digit years, named or numeric
/// zones, a missing zone taken as UTC), ISO 8601, and dates with localised month names. The day is the
/// UTC calendar day of the instant when a time and zone are given, else the day as written.
public enum FeedDate {
    static let zones: [String: Int] = [
        "ut": 0, "utc": 0, "gmt": 0, "z": 0, "est": -300, "edt": -240, "cst": -360, "cdt": -300,
        "mst": -420, "mdt": -360, "pst": -480, "pdt": -420, "cet": 60, "cest": 120, "bst": 60, "msk": 180,
    ]
    static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    public static func day(_ text: String) -> Day? {
        let t = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if let iso = t.firstMatch(of: /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?)?/) {
            guard let d = Day(year: Int(iso.1)!, month: Int(iso.2)!, day: Int(iso.3)!) else { return nil }
            guard let h = iso.4.flatMap({ Int($0) }), let m = iso.5.flatMap({ Int($0) }), let zone = iso.7 else { return d }
            return shift(d, minutes: h * 60 + m - offset(String(zone)))
        }
        let lower = t.lowercased()
        if let r = lower.firstMatch(of: /(\d{1,2})\s+([a-z]{3})[a-z]*\.?\s+(\d{2,4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([a-z]+|[+-]\d{4}))?)?/),
            let month = months.firstIndex(of: String(r.2))
        {
            var year = Int(r.3)!
            if year < 100 { year += year < 50 ? 2000 : 1900 }
            guard let d = Day(year: year, month: month + 1, day: Int(r.1)!) else { return nil }
            guard let h = r.4.flatMap({ Int($0) }), let m = r.5.flatMap({ Int($0) }) else { return d }
            return shift(d, minutes: h * 60 + m - offset(r.7.map(String.init) ?? "gmt"))
        }
        return PublicationDate.parse(t)
    }

    /// A zone's offset from UTC in minutes (`+0200`, `-05:00`, `EST`); unknown names count as UTC.
    static func offset(_ zone: String) -> Int {
        let z = zone.lowercased()
        if let named = zones[z] { return named }
        let digits = z.filter(\.isNumber)
        guard z.hasPrefix("+") || z.hasPrefix("-"), digits.count == 4, let v = Int(digits) else { return 0 }
        let minutes = v / 100 * 60 + v % 100
        return z.hasPrefix("-") ? -minutes : minutes
    }

    static func shift(_ day: Day, minutes: Int) -> Day {
        day.adding(days: Int((Double(minutes) / 1440).rounded(.down)))
    }
}
