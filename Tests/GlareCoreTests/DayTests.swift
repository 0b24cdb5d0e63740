import GlareCore
import Testing

@Suite struct DayTests {
    @Test func isoRoundTripAcrossEras() {
        for text in ["1970-01-01", "2015-09-01", "2000-02-29", "1851-09-18", "2100-12-31"] {
            #expect(Day(iso: text)?.iso == text)
        }
        #expect(Day(iso: "1970-01-01")?.ordinal == 0)
        #expect(Day(iso: "2015-09-01")?.ordinal == 16679)
    }

    /// `iso` writes its ten bytes in place for years 0–9999; every day there reads as its components padded, as
    /// it did when it was built from padded strings (and years outside still are).
    @Test func isoIsTheComponentsPadded() {
        func padded(_ v: Int, _ width: Int) -> String { String(repeating: "0", count: max(0, width - String(v).count)) + String(v) }
        for ordinal in stride(from: -800_000, through: 3_000_000, by: 97) {
            let c = Day(ordinal: ordinal).components
            #expect(Day(ordinal: ordinal).iso == padded(c.year, 4) + "-" + padded(c.month, 2) + "-" + padded(c.day, 2), "\(ordinal)")
        }
        #expect(Day(ordinal: -719_528).iso == "0000-01-01")
        #expect(Day(ordinal: 2_932_896).iso == "9999-12-31")
    }

    @Test func rejectsImpossibleDates() {
        for text in ["2015-02-29", "2015-13-01", "2015-00-10", "2015-9-1", "15-09-01", "2015/09/01", "1900-02-29"] {
            #expect(Day(iso: text) == nil, "\(text)")
        }
    }

    @Test func weekdaysAndMonths() {
        #expect(Day(iso: "2015-09-01")!.weekday == 2)  // a Tuesday
        #expect(Day(iso: "2012-10-14")!.weekday == 0)  // a Sunday
        #expect(Day(iso: "2016-01-31")!.adding(months: 1).iso == "2016-02-29")
        #expect(Day(iso: "2015-12-15")!.adding(months: 1).iso == "2016-01-15")
        #expect(Day(iso: "2015-01-15")!.adding(months: -1).iso == "2014-12-15")
        #expect(Day(unixSeconds: 1609459200).iso == "2021-01-01")
        #expect(Day(unixSeconds: -1).iso == "1969-12-31")
    }

    /// The day of a Unix time is floor division, for every time down to `Int.min` (no overflow).
    @Test func theDayOfAnyUnixTime() {
        for t in [-86_401, -86_400, -86_399, -1, 0, 1, 86_399, 86_400] {
            #expect(Day(unixSeconds: t).ordinal == Int((Double(t) / 86_400).rounded(.down)), "\(t)")
        }
        #expect(Day(unixSeconds: Int.min).ordinal == Int.min / 86_400 - 1)
        #expect(Day(unixSeconds: Int.max).ordinal == Int.max / 86_400)
        #expect(Day.unixSeconds == -30_610_224_000...253_402_300_799)  // 1000-01-01T00:00:00Z to 9999-12-31T23:59:59Z
    }

    @Test func periodsStepByTheirResolution() {
        let d = Day(iso: "2021-06-02")!
        let hour = Period(resolution: .hour, start: d, hour: 23)
        #expect(hour.next.label == "2021-06-03T00")
        #expect(Period(resolution: .week, start: d).next.start.iso == "2021-06-09")
        #expect(Period(resolution: .month, start: d).start.iso == "2021-06-01")
        #expect(Period(resolution: .month, start: d).lastDay.iso == "2021-06-30")
        #expect(Period(label: "2021-06-02T07", resolution: .hour) == Period(resolution: .hour, start: d, hour: 7))
    }

    @Test func seriesAreDenseCalendarsWithMissingDays() {
        let d = Day(iso: "2015-09-01")!
        let key = SeriesKey(person: "liu-xia", source: "test", measure: .news)
        let s = AttentionSeries(key: key, resolution: .day, points: [.day(d): .value(0), .day(d.adding(days: 3)): .value(5)])
        #expect(s.periods.count == 4)
        #expect(s.observations == [.value(0), .missing, .missing, .value(5)])
        #expect(s.observedCount == 2)
        #expect(s[.day(d.adding(days: 10))] == .missing)
    }

    @Test func partialDates() {
        #expect(PartialDate("2015-04")?.exactDay == nil)
        #expect(PartialDate("2015-04")?.earliestDay.iso == "2015-04-01")
        #expect(PartialDate("2016-08-01")?.exactDay?.iso == "2016-08-01")
        #expect(PartialDate("2015-02-30") == nil)
        #expect(PartialDate("2015-13") == nil)
        #expect(PartialDate("unverified") == nil)
        // Only the years a Day holds (a year 999 would make no earliest day).
        #expect(PartialDate("0999") == nil)
        #expect(PartialDate("+999-01") == nil)
    }
}

/// Hostile values through the core types: never a trap.
@Suite struct HostileCoreValueTests {
    @Test func hugeYearsAreNotDays() {
        #expect(Day(year: 9_223_372_036_854_775_807, month: 1, day: 1) == nil)
        #expect(Day(year: -9_223_372_036_854_775_807, month: 1, day: 1) == nil)
        #expect(Day(year: 99_999_999_999, month: 1, day: 11) == nil)
        #expect(Day(year: 2015, month: 9, day: 1)?.iso == "2015-09-01")
    }

    @Test func controlCharactersArePrintedAsText() {
        #expect("a\u{1B}]0;owned\u{07}b\u{1B}[31mc".printable == "a\\u{1B}]0;owned\\u{7}b\\u{1B}[31mc")
        #expect("Liu Xia\u{202E}".printable == "Liu Xia\\u{202E}")
        #expect("tab\tand\nline".printable == "tab\tand\nline")
        #expect("刘霞 Ismayılova".printable == "刘霞 Ismayılova")
    }
}
