import Foundation

/// Sample statistics over observed values (missing days are never passed in).
enum Descriptive {
    static func sum(_ x: [Double]) -> Double {
        // Neumaier-compensated, so long series sum exactly enough for 1e-9 comparisons.
        var s = 0.0, c = 0.0
        for v in x {
            let t = s + v
            c += abs(s) >= abs(v) ? (s - t) + v : (v - t) + s
            s = t
        }
        return s + c
    }

    static func mean(_ x: [Double]) -> Double { x.isEmpty ? .nan : sum(x) / Double(x.count) }

    /// Sample variance with n − 1 in the denominator.
    static func variance(_ x: [Double]) -> Double {
        guard x.count > 1 else { return .nan }
        let m = mean(x)
        return sum(x.map { ($0 - m) * ($0 - m) }) / Double(x.count - 1)
    }

    static func sd(_ x: [Double]) -> Double { variance(x).squareRoot() }

    static func median(_ x: [Double]) -> Double {
        guard !x.isEmpty else { return .nan }
        let s = x.sorted()
        let n = s.count
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2
    }
}
