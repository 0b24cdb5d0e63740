import EventWindow
import GlareCore
import Testing

/// A small version of `scripts/simulate-verdicts`: the verdicts against a known truth must meet the
/// targets (at least 90% right in every class, at most 5% rises where there is none), daily and weekly.
@Suite struct SimulationTests {
    @Test func verdictsMeetTheirTargetsOnSimulatedSeries() {
        let matrices = VerdictSimulation(configuration: .init(replicates: 15)).run()
        #expect(matrices.map(\.resolution) == [.day, .week])
        for m in matrices {
            for truth in VerdictSimulation.Truth.allCases {
                if truth.isTargeted { #expect(m.correct(truth) >= 0.9, "\(m.resolution) \(truth.rawValue): \(m.correct(truth))\n\(m.table)") }
                #expect(m.wrong(truth) <= 0.05, "\(m.resolution) \(truth.rawValue): \(m.wrong(truth))\n\(m.table)")
                if truth.hasNoRise { #expect(m.rises(truth) <= 0.05, "\(m.resolution) \(truth.rawValue)\n\(m.table)") }
            }
        }
    }

    @Test func theGeneratorHasTheMeanAndVarianceItClaims() {
        var random = RandomCounts(seed: 3)
        let n = 20_000
        let draws = (0..<n).map { _ in Double(random.negativeBinomial(mean: 4, alpha: 0.5)) }
        let mean = draws.reduce(0, +) / Double(n)
        let variance = draws.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(n - 1)
        #expect(abs(mean - 4) < 0.1)
        #expect(abs(variance - (4 + 0.5 * 16)) < 0.6)
        let poisson = (0..<n).map { _ in Double(random.poisson(0.08)) }
        #expect(abs(poisson.reduce(0, +) / Double(n) - 0.08) < 0.01)
    }
}
