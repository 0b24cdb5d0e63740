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

    // Built once: a regex literal is compiled again each time it is evaluated (half of a fetch's time).
    // `[0-9]`, not `\d`: Swift's `\d` matches any script's digits (`٢٠١٥`, `２０１５`), which `Int` does not read.
    nonisolated(unsafe) static let isoPattern =
        /^([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[T ]([0-9]{2}):([0-9]{2})(?::([0-9]{2}))?(?:\.[0-9]+)?\s*(Z|[+-][0-9]{2}:?[0-9]{2})?)?/
    nonisolated(unsafe) static let rfcPattern =
        /([0-9]{1,2})\s+([a-z]{3})[a-z]*\.?\s+([0-9]{2,4})(?:\s+([0-9]{1,2}):([0-9]{2})(?::([0-9]{2}))?(?:\s*([a-z]+|[+-][0-9]{4}))?)?/

    public static func day(_ text: String) -> Day? {
        // The usual shape first, as written: nearly every feed's dates, without trimming (Foundation's trim
        // cost more than the rest of a date), and no other shape below reads it otherwise.
        if let usual = usualRFC822(text) { return usual }
        let t = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if let iso = t.firstMatch(of: isoPattern) {
            guard let year = Int(iso.1), let month = Int(iso.2), let dayOfMonth = Int(iso.3), let d = Day(year: year, month: month, day: dayOfMonth) else {
                return nil
            }
            guard let h = iso.4.flatMap({ Int($0) }), let m = iso.5.flatMap({ Int($0) }), let zone = iso.7 else { return d }
            return shift(d, minutes: h * 60 + m - offset(String(zone)))
        }
        if t.utf8.count != text.utf8.count, let usual = usualRFC822(t) { return usual }  // read above when nothing was trimmed
        let lower = t.lowercased()
        if let r = lower.firstMatch(of: rfcPattern),
            let month = months.firstIndex(of: String(r.2))
        {
            guard var year = Int(r.3), let dayOfMonth = Int(r.1) else { return nil }
            if year < 100 { year += year < 50 ? 2000 : 1900 }
            guard let d = Day(year: year, month: month + 1, day: dayOfMonth) else { return nil }
            guard let h = r.4.flatMap({ Int($0) }), let m = r.5.flatMap({ Int($0) }) else { return d }
            return shift(d, minutes: h * 60 + m - offset(r.7.map(String.init) ?? "gmt"))
        }
        return PublicationDate.parse(t)
    }

    /// The shape nearly every feed writes, `Wed, 02 Sep 2015 10:00:00 GMT` (or a numeric zone such as
    /// `+0200`), read byte by byte to what the RFC 822 pattern below gives (`.some(nil)` for a date
    /// that does not exist); nil for any other shape.
    static func usualRFC822(_ text: String) -> Day?? {
        guard text.utf8.count == 29 || text.utf8.count == 31 else { return nil }
        let u = Array(text.utf8)
        func letter(_ i: Int) -> Bool { (u[i] | 0x20) >= 0x61 && (u[i] | 0x20) <= 0x7A }
        func number(_ range: Range<Int>) -> Int? {
            var v = 0
            for i in range {
                guard u[i] >= 0x30 && u[i] <= 0x39 else { return nil }
                v = v * 10 + Int(u[i] - 0x30)
            }
            return v
        }
        guard letter(0), letter(1), letter(2), u[3] == 0x2C, u[4] == 0x20, u[7] == 0x20, letter(8), letter(9), letter(10), u[11] == 0x20,
            u[16] == 0x20, u[19] == 0x3A, u[22] == 0x3A, u[25] == 0x20,
            let dayOfMonth = number(5..<7), var year = number(12..<16), let h = number(17..<19), let m = number(20..<22), number(23..<25) != nil,
            let month = months.firstIndex(of: String(decoding: u[8..<11], as: UTF8.self).lowercased())
        else { return nil }
        let zone = String(decoding: u[26...], as: UTF8.self).lowercased()
        if u.count == 29 {
            guard letter(26), letter(27), letter(28) else { return nil }
        } else {
            guard u[26] == 0x2B || u[26] == 0x2D, number(27..<31) != nil else { return nil }
        }
        if year < 100 { year += year < 50 ? 2000 : 1900 }
        guard let d = Day(year: year, month: month + 1, day: dayOfMonth) else { return .some(nil) }
        return shift(d, minutes: h * 60 + m - offset(zone))
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
