import Foundation
public import GlareCore

/// A known latent daily series, and Trends-style exports cut from it: each window scaled so its peak
/// is 100 and rounded to whole numbers, with values in (0, 0.5) written as `<1` the way Trends does.
public struct SyntheticTrends {
    public let start: Day
    /// Latent interest per day (any positive scale).
    public let latent: [[Double]]

    /// `terms` latent daily series over `days` days: a baseline, a slow seasonal wave, a spike at
    /// `spikeDay` and deterministic noise from a fixed linear congruential generator.
    public init(start: Day, days: Int, terms: Int = 1, spikeDay: Int = 300, seed: UInt64 = 42) {
        self.start = start
        var state = seed
        func uniform() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        latent = (0..<terms).map { t in
            (0..<days).map { d in
                let base = 20.0 + 8 * sin(Double(d) / 45 + Double(t))
                let spike = 400.0 * exp(-Double(max(0, d - spikeDay - t * 20)) / 9) * (d >= spikeDay + t * 20 ? 1 : 0)
                return (base + spike) * (0.9 + 0.2 * uniform()) / Double(t + 1)
            }
        }
    }

    /// A `multiTimeline.csv` for days `from..<to` (offsets from `start`) with all terms.
    public func csv(from: Int, to: Int, names: [String], geo: String = "Worldwide") -> String {
        let peak = latent.map { $0[from..<to].max()! }.max()!
        var lines = ["Category: All categories", "", (["Day"] + names.map { "\($0): (\(geo))" }).joined(separator: ",")]
        for d in from..<to {
            let cells = latent.map { series -> String in
                let v = series[d] / peak * 100
                if v > 0 && v < 0.5 { return "<1" }
                return String(Int(v.rounded()))
            }
            lines.append(([start.adding(days: d).iso] + cells).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The latent series of one term over `from..<to`, scaled so the overall peak of all terms there is 100.
    public func truth(term: Int, from: Int, to: Int) -> [Double] {
        let peak = latent.map { $0[from..<to].max()! }.max()!
        return latent[term][from..<to].map { $0 / peak * 100 }
    }
}
