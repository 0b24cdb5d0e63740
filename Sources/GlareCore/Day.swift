import Foundation

/// A calendar day in UTC, stored as the number of days since 1970-01-01.
///
/// Glare counts attention per day; every date a user types or reads is an ISO `YYYY-MM-DD`.
/// The arithmetic is done here, without `Calendar`, so parsing millions of dates stays cheap.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
    /// Days since 1970-01-01 (negative before it).
    public let ordinal: Int

    public init(ordinal: Int) { self.ordinal = ordinal }

    /// The years a day may have: four digits. A date outside them is not a date in any archive, export or
    /// feed Glare reads, and keeping to them keeps the arithmetic far from overflow, whatever a file says.
    public static let years = 1000...9999

    /// The Unix times (seconds) of the days of `years`, from the first second of the first to the last of the last.
    public static let unixSeconds =
        Day(year: years.lowerBound, month: 1, day: 1)!.ordinal * 86_400...(Day(year: years.upperBound, month: 12, day: 31)!.ordinal + 1) * 86_400 - 1

    /// The day with the given proleptic Gregorian year (in `years`), month (1–12) and day (1–31), or nil if
    /// no such day exists.
    public init?(year: Int, month: Int, day: Int) {
        guard Day.years.contains(year), (1...12).contains(month), day >= 1, day <= Day.daysIn(month: month, year: year) else { return nil }
        ordinal = Day.ordinalFrom(year: year, month: month, day: day)
    }

    /// Parses `YYYY-MM-DD` exactly (four-digit year, two-digit month and day).
    public init?(iso text: some StringProtocol) {
        // Read in place when the text is contiguous (a native string is): a fetch parses days by the ten thousand.
        if let parsed = text.utf8.withContiguousStorageIfAvailable({ Day.parseISO($0) }) {
            guard let parsed else { return nil }
            self = parsed
            return
        }
        guard let parsed = Array(text.utf8).withUnsafeBufferPointer({ Day.parseISO($0) }) else { return nil }
        self = parsed
    }

    private static func parseISO(_ u: UnsafeBufferPointer<UInt8>) -> Day? {
        guard u.count == 10, u[4] == 0x2D, u[7] == 0x2D,
            let y = Day.digits(u[0..<4]), let m = Day.digits(u[5..<7]), let d = Day.digits(u[8..<10])
        else { return nil }
        return Day(year: y, month: m, day: d)
    }

    /// Parses the `YYYYMMDD` that begins a compact stamp (`20150901`, `2015090100`, `20150901T000000Z`),
    /// as GDELT and Wikimedia write them.
    public init?(compact text: some StringProtocol) {
        let u = Array(text.utf8.prefix(8))
        guard u.count == 8, let y = Day.digits(u[0..<4]), let m = Day.digits(u[4..<6]), let d = Day.digits(u[6..<8]) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// The day that contains the given Unix time (seconds since the epoch, UTC).
    public init(unixSeconds: Int) {
        // Floor division that cannot overflow (no negation: -Int.min does not exist).
        ordinal = unixSeconds >= 0 ? unixSeconds / 86_400 : (unixSeconds + 1) / 86_400 - 1
    }

    public var components: (year: Int, month: Int, day: Int) {
        // Howard Hinnant's civil_from_days.
        let z = ordinal + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    public var year: Int { components.year }
    public var month: Int { components.month }

    /// 0 = Sunday … 6 = Saturday.
    public var weekday: Int { ((ordinal % 7) + 7 + 4) % 7 }

    /// The first day of this day's month.
    public var firstOfMonth: Day { let c = components; return Day(ordinal: Day.ordinalFrom(year: c.year, month: c.month, day: 1)) }

    public func adding(days: Int) -> Day { Day(ordinal: ordinal + days) }

    /// The same day of month `months` later, clamped to the month's last day.
    public func adding(months: Int) -> Day {
        let c = components
        let total = c.year * 12 + (c.month - 1) + months
        let y = total >= 0 ? total / 12 : (total - 11) / 12
        let m = total - y * 12 + 1
        return Day(ordinal: Day.ordinalFrom(year: y, month: m, day: min(c.day, Day.daysIn(month: m, year: y))))
    }

    /// Whole days from `self` to `other` (positive when `other` is later).
    public func distance(to other: Day) -> Int { other.ordinal - ordinal }

    /// `YYYY-MM-DD`.
    public var iso: String {
        let c = components
        // Ten ASCII bytes written in place (a string that short is held inline, without an allocation): a fetch
        // or import writes one for every document and every point it stores.
        guard (0...9999).contains(c.year) else { return Day.pad(c.year, 4) + "-" + Day.pad(c.month, 2) + "-" + Day.pad(c.day, 2) }
        return String(unsafeUninitializedCapacity: 10) { b in
            let digit = { (v: Int) in UInt8(truncatingIfNeeded: 0x30 + v) }
            (b[0], b[1], b[2], b[3]) = (digit(c.year / 1000), digit(c.year / 100 % 10), digit(c.year / 10 % 10), digit(c.year % 10))
            (b[4], b[5], b[6], b[7]) = (0x2D, digit(c.month / 10), digit(c.month % 10), 0x2D)
            (b[8], b[9]) = (digit(c.day / 10), digit(c.day % 10))
            return 10
        }
    }

    /// `YYYYMMDD`.
    public var compact: String {
        let c = components
        return Day.pad(c.year, 4) + Day.pad(c.month, 2) + Day.pad(c.day, 2)
    }

    public var description: String { iso }

    public static func < (a: Day, b: Day) -> Bool { a.ordinal < b.ordinal }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let day = Day(iso: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a YYYY-MM-DD date: \(text)"))
        }
        self = day
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(iso)
    }

    // MARK: helpers

    public static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static func ordinalFrom(year: Int, month: Int, day: Int) -> Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func digits(_ bytes: some Collection<UInt8>) -> Int? {
        var v = 0
        for b in bytes {
            guard b >= 0x30, b <= 0x39 else { return nil }
            v = v * 10 + Int(b - 0x30)
        }
        return v
    }

    static func pad(_ v: Int, _ width: Int) -> String {
        let s = String(v)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}

extension Day {
    /// Parses an inclusive range written `A..B` (two ISO days).
    public static func range(_ text: String) -> ClosedRange<Day>? {
        let parts = text.components(separatedBy: "..")
        guard parts.count == 2, let a = Day(iso: parts[0]), let b = Day(iso: parts[1]), a <= b else { return nil }
        return a...b
    }
}
