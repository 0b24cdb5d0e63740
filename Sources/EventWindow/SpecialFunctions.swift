import Foundation

/// Special functions not in the C library.
enum SpecialFunctions {
    /// The digamma function ψ(x) for x > 0: recurrence up to x ≥ 12, then the asymptotic series.
    static func digamma(_ x: Double) -> Double {
        var x = x
        var result = 0.0
        while x < 12 {
            result -= 1 / x
            x += 1
        }
        let inv = 1 / x, inv2 = inv * inv
        let series = inv2 * (1.0 / 12 - inv2 * (1.0 / 120 - inv2 * (1.0 / 252 - inv2 * (1.0 / 240 - inv2 * (1.0 / 132)))))
        return result + log(x) - 0.5 * inv - series
    }
}
