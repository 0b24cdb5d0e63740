import Foundation

/// A linear value axis from zero: a rounded top and three to five ticks at 1, 2, 2.5 or 5 times a power of ten.
public struct ValueAxis: Sendable {
    public let top: Double
    public let ticks: [Double]

    public init(maximum: Double, targetTicks: Int = 4) {
        let m = maximum.isFinite && maximum > 0 ? maximum : 1
        let raw = m / Double(max(targetTicks, 1))
        let power = pow(10, floor(log10(raw)))
        let step = [1, 2, 2.5, 5, 10].map { $0 * power }.first { $0 >= raw } ?? 10 * power
        let count = Int((m / step).rounded(.up))
        top = Double(count) * step
        ticks = (0...count).map { Double($0) * step }
    }

    /// A tick's label: as few decimals as the step needs.
    public func label(_ v: Double) -> String {
        let step = ticks.count > 1 ? ticks[1] - ticks[0] : 1
        let digits = step >= 1 ? 0 : Int((-log10(step)).rounded(.up)) + (step * pow(10, (-log10(step)).rounded(.up)) == 2.5 ? 1 : 0)
        return Self.format(v, digits: digits)
    }

    static func format(_ v: Double, digits: Int) -> String {
        let s = String(format: "%.\(digits)f", v)
        guard v >= 10_000, digits == 0 else { return s }
        // Thousands separated by a thin space, as journals print them.
        var out = "", count = 0
        for c in s.reversed() {
            if count > 0 && count % 3 == 0 { out.append("\u{2009}") }
            out.append(c)
            count += 1
        }
        return String(out.reversed())
    }

    /// Tick values on a log-scale rate-ratio axis between lo and hi.
    public static func logTicks(_ lo: Double, _ hi: Double) -> [Double] {
        [0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 1, 2, 3, 5, 10, 20, 30, 50, 100, 200, 300, 500, 1000].filter { $0 >= lo * 0.999 && $0 <= hi * 1.001 }
    }

    /// The log ticks that keep at least `spacing` points apart when placed by `x`, always keeping 1 and
    /// thinning outwards from it.
    public static func spacedLogTicks(_ lo: Double, _ hi: Double, spacing: Double, x: (Double) -> Double) -> [Double] {
        let all = logTicks(lo, hi)
        var kept: [Double] = all.contains(1) ? [1] : Array(all.prefix(1))
        guard let start = kept.first else { return [] }
        for direction in [1.0, -1.0] {
            var last = start
            for t in (direction > 0 ? all.filter { $0 > start } : all.filter { $0 < start }.reversed()) where abs(x(t) - x(last)) >= spacing {
                kept.append(t)
                last = t
            }
        }
        return kept.sorted()
    }

    /// A rate ratio tick's label.
    public static func ratioLabel(_ v: Double) -> String { v < 1 ? String(format: v < 0.1 ? "%.2f" : "%.1f", v) : String(format: "%.0f", v) }
}
