import Foundation
import GlareCore

/// A date cell of a counts table: the day a period starts, whether it named a whole month
/// (`YYYY-MM`, or a range from a month's first to its last day), and for a range `A - B` how many days it spans.
struct PeriodLabel: Equatable {
    let day: Day
    let isMonth: Bool
    let spanDays: Int?

    /// Parses `YYYY-MM-DD` (with an optional time: `T…` or ` …`), `YYYYMMDD` (with an optional
    /// `HHMMSS`, or GDELT's `THHMMSSZ`), `YYYY-MM`, a range `A - B` of ISO days or GDELT television's
    /// `YYYYMMDDYYYYMMDD` (first and last day), or, with `slashFormat`, the spreadsheet
    /// notations (`M/D/YYYY`, `D.M.YYYY`, …). Years outside 1800–2200 are refused.
    init?(_ raw: String, slashFormat: DateFormat? = nil) {
        let text = raw.trimmingCharacters(in: .whitespaces)
        let u = Array(text.utf8)
        if u.count >= 10, u[4] == 0x2D, u[7] == 0x2D, let d = Day(iso: text.prefix(10)) {
            let rest = text.dropFirst(10)
            if rest.isEmpty {
                self.init(day: d)
                return
            }
            if let first = rest.first, first == "T" || first == " ",
                rest.dropFirst().allSatisfy({ $0.isNumber || ":.+-Z".contains($0) }), rest.dropFirst().first?.isNumber == true
            {
                self.init(day: d)
                return
            }
            // A range `A - B` (or `A/B`, `A to B`).
            for separator in [" - ", " – ", "/", " to "] where rest.hasPrefix(separator) {
                let end = rest.dropFirst(separator.count).trimmingCharacters(in: .whitespaces)
                guard let e = Day(iso: end), e >= d else { return nil }
                self.init(day: d, isMonth: Self.isCalendarMonth(d, e), spanDays: d.distance(to: e) + 1)
                return
            }
            return nil
        }
        if u.count == 8 || u.count == 14, u.allSatisfy({ (0x30...0x39).contains($0) }), let d = Day(compact: text) {
            self.init(day: d)
            return
        }
        // GDELT's compact stamps: `YYYYMMDDTHHMMSSZ` (a time of day), and the television explorer's
        // `YYYYMMDDYYYYMMDD` (a period's first and last day run together).
        if u.count == 16, u[8] == 0x54, u[15] == 0x5A, u[0..<8].allSatisfy({ (0x30...0x39).contains($0) }), let d = Day(compact: text) {
            self.init(day: d)
            return
        }
        if u.count == 16, u.allSatisfy({ (0x30...0x39).contains($0) }), let d = Day(compact: text), let e = Day(compact: text.dropFirst(8)) {
            guard e >= d else { return nil }
            self.init(day: d, isMonth: Self.isCalendarMonth(d, e), spanDays: d.distance(to: e) + 1)
            return
        }
        if u.count == 7, u[4] == 0x2D, let y = Int(text.prefix(4)), let m = Int(text.suffix(2)), let d = Day(year: y, month: m, day: 1) {
            self.init(day: d, isMonth: true)
            return
        }
        if let slashFormat, let (d, _) = slashFormat.parse(text) {
            self.init(day: d)
            return
        }
        return nil
    }

    /// Whether `first...last` is exactly one calendar month.
    static func isCalendarMonth(_ first: Day, _ last: Day) -> Bool {
        first.components.day == 1 && last.adding(days: 1).components.day == 1 && first.components.month == last.components.month
            && first.components.year == last.components.year
    }

    private init?(day: Day, isMonth: Bool = false, spanDays: Int? = nil) {
        guard (1800...2200).contains(day.year) else { return nil }
        self.day = day
        self.isMonth = isMonth
        self.spanDays = spanDays
    }
}
