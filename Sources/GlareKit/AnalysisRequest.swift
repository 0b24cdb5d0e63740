public import EventWindow
import Foundation
public import GlareCore
public import GlareParsers
import GlareStore

/// What `glare analyze` was asked: which series, which design, which people are controls.
public struct AnalysisRequest: Sendable {
    /// A file to read series from instead of the store, and how to read it.
    public var input: String?
    public var inputOptions: CountsCSVParser.Options
    public var people: [String]
    public var sources: [String]
    public var measure: Measure?
    /// The event date; the roster's when nil.
    public var eventDate: Day?
    public var pre: ClosedRange<Day>?
    public var event: ClosedRange<Day>?
    public var post: ClosedRange<Day>?
    /// People to treat as controls, in addition to the roster's control group.
    public var controls: [String]
    /// Use each person's own date as her event date: the roster's `featured_on`, or inferred from her campaign day.
    public var featuredDates: FeaturedDates?
    /// Leave out days from each person's release on.
    public var maskAfterRelease: Bool
    public var permutations: Int
    public var seed: UInt64
    /// Days before the event window left out of the baseline.
    public var gap: Int
    /// Read counts against each period's total where a series has totals (always when `--input`
    /// names its total column, or its preset has one: Media Cloud's `total_count`, GDELT's monitored articles).
    public var perTotal: Bool
    /// Admit partly covered periods as values (marked in the notes).
    public var partialPeriods = false
    /// Only periods starting in these days are read (`--from`/`--to`); nil reads every period.
    public var days: ClosedRange<Day>?

    public init(
        input: String? = nil, people: [String] = [], sources: [String] = [], measure: Measure? = nil,
        eventDate: Day? = nil, pre: ClosedRange<Day>? = nil, event: ClosedRange<Day>? = nil,
        post: ClosedRange<Day>? = nil, controls: [String] = [], featuredDates: FeaturedDates? = nil,
        maskAfterRelease: Bool = false, permutations: Int = 9_999, seed: UInt64 = 20_150_901,
        inputOptions: CountsCSVParser.Options = .init(), gap: Int = EventDesign.defaultGap, perTotal: Bool = false
    ) {
        self.input = input
        self.inputOptions = inputOptions
        self.gap = gap
        self.perTotal = perTotal
        self.people = people
        self.sources = sources
        self.measure = measure
        self.eventDate = eventDate
        self.pre = pre
        self.event = event
        self.post = post
        self.controls = controls
        self.featuredDates = featuredDates
        self.maskAfterRelease = maskAfterRelease
        self.permutations = permutations
        self.seed = seed
    }

    /// Runs the battery. Needs the roster for groups, dates and the default event; the store unless `input` is given.
    public func run(roster: Roster?, workspace: Workspace) throws -> AnalysisReport {
        let (configuration, inputs, notes) = try prepare(roster: roster, workspace: workspace)
        var report = EventWindowAnalysis(configuration: configuration).run(inputs)
        report.notes = notes + Self.shareWarnings(report)
        return report
    }

    /// Warnings for shares judged by tests that read their values as counts: a share with nothing in the
    /// pre window gets its verdict from the exact tests of a zero baseline, which round the summed percents
    /// to counts.
    public static func shareWarnings(_ report: AnalysisReport) -> [String] {
        report.results.filter { $0.measure == Measure.share.rawValue && $0.zeroBaseline != nil }.map {
            "warning: \($0.person) · \($0.source): no share in the pre window, so the verdict '\($0.verdict.rawValue)' rests on the exact tests of a zero baseline, which read the summed percents as counts; a share has no such sampling model: read it as a description, not a test"
        }
    }

    /// The battery's configuration and inputs (the selected series with each person's group, event
    /// date and mask), and sentences on how they were read (an input file's columns, dates inferred).
    public func prepare(roster: Roster?, workspace: Workspace) throws -> (EventWindowAnalysis.Configuration, [EventWindowAnalysis.Input], [String]) {
        guard let date = eventDate ?? roster?.eventDate else { throw AnalysisError.noEventDate }
        let design = EventDesign(eventDate: date, preDays: pre, eventDays: event, postDays: post, gap: gap)
        if let problem = design.problem { throw AnalysisError.badDesign(problem) }
        var series: [AttentionSeries]
        var notes: [String] = []
        var readsTotals = usesTotals
        if let input {
            let table = try AnalysisInput.read(input, options: inputOptions, measure: measure)
            series = table.series
            notes = table.notes
            if let total = table.columns.total, !readsTotals {
                if let preset = inputOptions.preset {
                    // A preset's totals are its denominator (Media Cloud's total_count, GDELT's monitored articles).
                    readsTotals = true
                    notes.append("counts are read against '\(total)', the denominator of \(preset.title)")
                } else {
                    notes.append("totals were found in '\(total)' but are not used: give --total-column or --per-total to read counts against them")
                }
            }
        } else {
            let db = try workspace.openExistingDatabase()
            let stored = try SeriesQuery(people: people, measure: measure, sources: sources, partialPeriods: partialPeriods).series(in: db)
            series = stored.map(\.series)
            if let roster, let warning = RosterFingerprint.warning(for: stored, roster: roster) { notes.append("warning: " + warning) }
            if series.contains(where: { $0.key.measure == .share }) {
                notes.append("measure 'share': " + AnalysisInput.shareNote("percent of coverage (of airtime, or of all monitored articles)"))
            }
            let partial = series.map(\.partialCount).reduce(0, +)
            if partial > 0 {
                notes.append(
                    "warning: --allow-partial-days: \(partial) partly covered period(s) are read as values although their source did not cover all of them")
            }
        }
        if let days { series = series.map { $0.clipped(to: days) } }
        guard !series.isEmpty else { throw AnalysisError.noSeries }
        var inferred: [String: (Int, Day)] = [:]
        let inputs = series.map { s -> EventWindowAnalysis.Input in
            let person = roster?[s.key.person]
            let group: Person.Group? = controls.contains(s.key.person) ? .control : person?.group
            var mask: [ClosedRange<Day>] = []
            if maskAfterRelease, let released = person?.released?.earliestDay {
                mask.append(released...Day(ordinal: Int.max / 4))
            }
            var own: Day?
            if featuredDates != nil, group == .featured {
                own = person?.featuredOn
                if own == nil, featuredDates == .inferred, let n = person?.campaignDay {
                    own = FeaturedDates.workingDay(n, from: date)
                    if let own { inferred[s.key.person] = (n, own) }
                }
            }
            return EventWindowAnalysis.Input(series: s, group: group, eventDate: own, mask: mask)
        }
        if let mode = featuredDates {
            if !inferred.isEmpty {
                notes.append(
                    "warning: --featured-dates inferred: \(inferred.count) date(s) are an inference, not confirmed (campaign day N taken as the Nth working day from \(date.iso)): "
                        + inferred.keys.sorted().map { "\($0) day \(inferred[$0]!.0) → \(inferred[$0]!.1.iso)" }.joined(separator: ", "))
            }
            let undated = Set(inputs.filter { $0.group == .featured && $0.eventDate == nil }.map(\.series.key.person)).sorted()
            if !undated.isEmpty {
                notes.append(
                    "warning: --featured-dates: \(undated.count) featured \(undated.count == 1 ? "person has" : "people have") no confirmed featured_on date in the roster\(mode == .inferred ? " and no campaign day" : "") (\(undated.joined(separator: ", "))); they are analysed on the event date \(date.iso), not a day of their own"
                )
            }
        }
        return (EventWindowAnalysis.Configuration(design: design, permutationDraws: permutations, seed: seed, perTotal: readsTotals), inputs, notes)
    }

    /// Whether counts are read against their totals, before the input file is read (a preset's totals add to it).
    var usesTotals: Bool { perTotal || (input != nil && inputOptions.totalColumn != nil) }
}

/// Why an analysis could not run.
public enum AnalysisError: Error, Equatable, CustomStringConvertible {
    case noEventDate
    case badDesign(String)
    case noSeries

    public var description: String {
        switch self {
        case .noEventDate: "no event date: give --event YYYY-MM-DD or set 'event: {date: …}' in the roster"
        case .badDesign(let problem): "the windows do not fit together: \(problem)"
        case .noSeries: "no series match the selection; see 'glare series' for what is stored"
        }
    }
}
