import Foundation
public import GlareCore

/// A simulation study of the verdict rules: series with a known truth, drawn day by day with
/// negative-binomial noise (and, optionally, weekly seasonality), analysed at daily and weekly
/// resolution (weeks are the sums of Sunday-to-Saturday days), tallied as truth × verdict.
///
/// The design is Glare's default around an event on a Tuesday: pre E−92…E−1 less a 3-day gap, event
/// E…E+29, post E+30…E+212, with 150 more days of history so placebo dates exist. The classes:
///
/// | truth | daily mean μ(d), d days from the event | right verdict |
/// |---|---|---|
/// | no change | b = 5 | no-rise |
/// | trend, no event | 2 → 6 linearly over the 455 days | no-rise |
/// | rise then return | b + 10b·e^(−d/7) from d = 0 | rose-then-returned |
/// | rise and persist | as above, plus b from d = 0 (post ≈ 2× pre) | rose-and-persisted |
/// | rise then fall below | the spike, then b/2 from d = 30 | rose-then-returned |
/// | sparse rise then return | 0.08, plus s = 2 for d = 0…13 (a two-week spike of 28 articles) | rose-then-returned |
/// | sparse rise and persist | as above, plus 0.4 from d = 14 (about 40% of the spike's excess stays) | rose-and-persisted (checked only for wrong "returned" claims, at most 5%) |
public struct VerdictSimulation: Sendable {
    /// The known truth of a simulated series.
    public enum Truth: String, Sendable, CaseIterable {
        case noChange = "no change"
        case trend = "trend, no event"
        case riseThenReturn = "rise then return"
        case riseAndPersist = "rise and persist"
        case riseThenFallBelow = "rise then fall below"
        case sparseRiseThenReturn = "sparse rise then return"
        case sparseRiseAndPersist = "sparse rise and persist"

        /// The verdict a careful reader of the chart would give.
        public var expected: Verdict {
            switch self {
            case .noChange, .trend: .noRise
            case .riseThenReturn, .riseThenFallBelow, .sparseRiseThenReturn: .roseThenReturned
            case .riseAndPersist, .sparseRiseAndPersist: .roseAndPersisted
            }
        }

        /// The classes the targets apply to (90% right); the others are checked for wrong claims only.
        public var isTargeted: Bool { self != .sparseRiseAndPersist }

        /// The verdict that would be a wrong claim for this truth, beside no rise where there is one.
        public var wrongClaim: Verdict? {
            switch self {
            case .sparseRiseAndPersist, .riseAndPersist: .roseThenReturned
            case .riseThenReturn, .riseThenFallBelow, .sparseRiseThenReturn: .roseAndPersisted
            case .noChange, .trend: nil
            }
        }

        /// Whether a verdict of a rise is a false rise for this truth.
        public var hasNoRise: Bool { self == .noChange || self == .trend }

        /// The expected count on day `d` from the event (`first` the series' first offset).
        func mean(_ d: Int, first: Int, last: Int, sparseSpike: Double = 2) -> Double {
            let spike = d >= 0 ? exp(-Double(d) / 7) : 0
            switch self {
            case .noChange: return 5
            case .trend: return 2 + 4 * Double(d - first) / Double(last - first)
            case .riseThenReturn: return 5 + 50 * spike
            case .riseAndPersist: return 5 + 50 * spike + (d >= 0 ? 5 : 0)
            case .riseThenFallBelow: return (d >= 30 ? 2.5 : 5) + 50 * spike
            case .sparseRiseThenReturn: return 0.08 + (0..<14 ~= d ? sparseSpike : 0)
            case .sparseRiseAndPersist: return 0.08 + (0..<14 ~= d ? sparseSpike : 0) + (d >= 14 ? 0.4 : 0)
            }
        }
    }

    /// What to simulate.
    public struct Configuration: Sendable {
        /// Series per truth, resolution and dispersion.
        public var replicates: Int
        public var resolutions: [Resolution]
        /// NB2 dispersions α of the daily noise (0 is Poisson).
        public var dispersions: [Double]
        /// Weekday pattern: weekends at 60% of weekdays (mean 1 over a week).
        public var seasonality: Bool
        /// The sparse class's spike, in articles a day for two weeks (its power depends on it).
        public var sparseSpike: Double
        public var seed: UInt64

        public init(
            replicates: Int = 200, resolutions: [Resolution] = [.day, .week], dispersions: [Double] = [0, 0.3, 1],
            seasonality: Bool = true, sparseSpike: Double = 2, seed: UInt64 = 20_150_927
        ) {
            self.sparseSpike = sparseSpike
            self.replicates = replicates
            self.resolutions = resolutions
            self.dispersions = dispersions
            self.seasonality = seasonality
            self.seed = seed
        }
    }

    /// Truth × verdict counts at one resolution.
    public struct Matrix: Sendable {
        public let resolution: Resolution
        public var counts: [Truth: [Verdict: Int]]

        /// The share of a truth's series given one of `verdicts`.
        func share(_ truth: Truth, _ verdicts: [Verdict]) -> Double {
            let row = counts[truth] ?? [:]
            let n = row.values.reduce(0, +)
            return n == 0 ? .nan : Double(verdicts.map { row[$0] ?? 0 }.reduce(0, +)) / Double(n)
        }

        /// The share of a truth's series given its right verdict.
        public func correct(_ truth: Truth) -> Double { share(truth, [truth.expected]) }

        /// The share of a truth's series called a rise of any kind.
        public func rises(_ truth: Truth) -> Double { share(truth, [.roseAndPersisted, .roseThenReturned, .rosePersistenceUnclear]) }

        /// The share of a truth's series given the verdict that would be a wrong claim.
        public func wrong(_ truth: Truth) -> Double { truth.wrongClaim.map { share(truth, [$0]) } ?? 0 }

        /// A Markdown table: one row per truth, one column per verdict, then % right and % rises.
        public var table: String {
            let verdicts = Verdict.allCases
            var t = "| \(resolution.adjective) truth | " + verdicts.map(\.rawValue).joined(separator: " | ") + " | right | rises | wrong claim |\n"
            t += "|---|" + verdicts.map { _ in "---:" }.joined(separator: "|") + "|---:|---:|---:|\n"
            for truth in Truth.allCases {
                let row = counts[truth] ?? [:]
                t += "| \(truth.rawValue) | " + verdicts.map { String(row[$0] ?? 0) }.joined(separator: " | ")
                t += String(format: " | %.1f%% | %.1f%% | %.1f%% |\n", 100 * correct(truth), 100 * rises(truth), 100 * wrong(truth))
            }
            return t
        }
    }

    public static let eventDate = Day(iso: "2015-09-01")!
    public static let firstOffset = -242
    public static let lastOffset = 212

    public let configuration: Configuration

    public init(configuration: Configuration) { self.configuration = configuration }

    /// One simulated daily series.
    public static func series(_ truth: Truth, alpha: Double, seasonality: Bool, sparseSpike: Double = 2, random: inout RandomCounts) -> AttentionSeries {
        var points: [Period: Observation] = [:]
        for d in firstOffset...lastOffset {
            let day = eventDate.adding(days: d)
            let weekday = day.weekday == 0 || day.weekday == 6 ? 0.6 : 1.0
            let mu = truth.mean(d, first: firstOffset, last: lastOffset, sparseSpike: sparseSpike) * (seasonality ? weekday / ((5 + 2 * 0.6) / 7) : 1)
            points[.day(day)] = .value(Double(random.negativeBinomial(mean: mu, alpha: alpha)))
        }
        return AttentionSeries(key: SeriesKey(person: truth.rawValue, source: "simulation", measure: .news), resolution: .day, points: points)
    }

    /// The daily series summed into Sunday-to-Saturday weeks (whole weeks only).
    public static func weekly(_ s: AttentionSeries) -> AttentionSeries {
        var sums: [Period: Double] = [:], days: [Period: Int] = [:]
        for (i, p) in s.periods.enumerated() {
            guard let v = s.observations[i].numeric() else { continue }
            let week = Period(resolution: .week, start: p.start.adding(days: -p.start.weekday))
            sums[week, default: 0] += v
            days[week, default: 0] += 1
        }
        let points = sums.filter { days[$0.key] == 7 }.mapValues { Observation.value($0) }
        return AttentionSeries(key: s.key, resolution: .week, points: points)
    }

    /// Runs the study: one matrix per resolution.
    public func run(truths: [Truth] = Truth.allCases) -> [Matrix] {
        var random = RandomCounts(seed: configuration.seed)
        let analysis = EventWindowAnalysis(
            configuration: .init(
                design: EventDesign(eventDate: Self.eventDate), permutationDraws: 1,
                verdictOnly: true))
        var matrices = configuration.resolutions.map { Matrix(resolution: $0, counts: [:]) }
        for truth in truths {
            for alpha in configuration.dispersions {
                for _ in 0..<configuration.replicates {
                    let daily = Self.series(
                        truth, alpha: alpha, seasonality: configuration.seasonality, sparseSpike: configuration.sparseSpike, random: &random)
                    for (m, resolution) in configuration.resolutions.enumerated() {
                        let s = resolution == .week ? Self.weekly(daily) : daily
                        let verdict = analysis.analyze(.init(series: s)).verdict
                        matrices[m].counts[truth, default: [:]][verdict, default: 0] += 1
                    }
                }
            }
        }
        return matrices
    }
}
