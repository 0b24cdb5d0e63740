import EventWindow
import Foundation
import GlareCore

/// `glare-bench verdicts [replicates]`: the simulation study of the verdict rules (scripts/simulate-verdicts).
func verdictStudy(replicates: Int) {
    let configuration = VerdictSimulation.Configuration(replicates: replicates)
    let start = Date()
    let matrices = VerdictSimulation(configuration: configuration).run()
    print(
        "Verdicts on simulated series with a known truth: \(replicates) series per truth and dispersion, α ∈ \(configuration.dispersions), weekly seasonality, seed \(configuration.seed)\n"
    )
    var failures: [String] = []
    for m in matrices {
        print(m.table)
        for truth in VerdictSimulation.Truth.allCases {
            if m.wrong(truth) > 0.05 {
                failures.append(
                    "\(m.resolution.adjective) \(truth.rawValue): \(String(format: "%.1f", 100 * m.wrong(truth)))% called \(truth.wrongClaim!.rawValue) (at most 5%)"
                )
            }
            if truth.isTargeted && m.correct(truth) < 0.9 {
                failures.append("\(m.resolution.adjective) \(truth.rawValue): \(String(format: "%.1f", 100 * m.correct(truth)))% right (target 90%)")
            }
            if truth.hasNoRise && m.rises(truth) > 0.05 {
                failures.append("\(m.resolution.adjective) \(truth.rawValue): \(String(format: "%.1f", 100 * m.rises(truth)))% false rises (target at most 5%)")
            }
        }
    }
    print("The sparse class's power by the size of its two-week spike (articles a day over a baseline of 0.08):\n")
    print("| spike a day | daily right | weekly right |\n|---:|---:|---:|")
    for spike in [0.5, 1, 1.5, 2, 3] {
        var c = configuration
        c.sparseSpike = spike
        let m = VerdictSimulation(configuration: c).run(truths: [.sparseRiseThenReturn])
        print(String(format: "| %.1f | %.1f%% | %.1f%% |", spike, 100 * m[0].correct(.sparseRiseThenReturn), 100 * m[1].correct(.sparseRiseThenReturn)))
    }
    print("")
    print(String(format: "%.1f s", Date().timeIntervalSince(start)))
    print(failures.isEmpty ? "every class meets the targets" : "below target:\n  " + failures.joined(separator: "\n  "))
}
