import Foundation

/// The distribution functions the battery needs, written out so the statistics carry no dependency.
public enum Distributions {
    /// Standard normal CDF Φ(x).
    public static func normalCDF(_ x: Double) -> Double { 0.5 * erfc(-x / 2.0.squareRoot()) }

    /// Standard normal survival 1 − Φ(x), accurate in the upper tail.
    public static func normalSF(_ x: Double) -> Double { 0.5 * erfc(x / 2.0.squareRoot()) }

    /// Two-sided normal p-value for a z statistic.
    public static func normalTwoSided(_ z: Double) -> Double {
        guard z.isFinite else { return z.isNaN ? .nan : 0 }
        return min(1, 2 * normalSF(abs(z)))
    }

    /// The standard normal quantile Φ⁻¹(p) (Acklam's rational approximation refined by one Halley step; ~1e-15).
    public static func normalQuantile(_ p: Double) -> Double {
        guard p > 0, p < 1 else { return p == 0 ? -.infinity : p == 1 ? .infinity : .nan }
        let a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00]
        let b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01]
        let c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00]
        let d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00]
        let low = 0.02425
        var x: Double
        if p < low {
            let q = (-2 * log(p)).squareRoot()
            x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        } else if p <= 1 - low {
            let q = p - 0.5, r = q * q
            x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
        } else {
            let q = (-2 * log(1 - p)).squareRoot()
            x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        }
        // Halley refinement.
        let e = normalCDF(x) - p
        let u = e * (2 * Double.pi).squareRoot() * exp(x * x / 2)
        x -= u / (1 + x * u / 2)
        return x
    }

    /// Student t survival function P(T > t) with `df` degrees of freedom (df may be fractional, as in Welch's test).
    public static func studentSF(_ t: Double, df: Double) -> Double {
        guard t.isFinite, df > 0 else { return t.isNaN || df.isNaN ? .nan : (t > 0 ? 0 : 1) }
        let x = df / (df + t * t)
        let tail = 0.5 * regularizedIncompleteBeta(x, a: df / 2, b: 0.5)
        return t > 0 ? tail : 1 - tail
    }

    /// Two-sided Student t p-value.
    public static func studentTwoSided(_ t: Double, df: Double) -> Double {
        guard !t.isNaN else { return .nan }
        return min(1, 2 * studentSF(abs(t), df: df))
    }

    /// The regularised incomplete beta function I_x(a, b), by Lentz's continued fraction (it needs about
    /// √max(a, b) terms: up to 40,000 are allowed, enough for counts in the hundreds of millions).
    public static func regularizedIncompleteBeta(_ x: Double, a: Double, b: Double) -> Double {
        guard x > 0 else { return 0 }
        guard x < 1 else { return 1 }
        let lnFront = lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log1p(-x)
        if x > (a + 1) / (a + b + 2) {
            return 1 - regularizedIncompleteBeta(1 - x, a: b, b: a)
        }
        let tiny = 1e-300
        var f = 1.0, c = 1.0, d = 0.0
        for i in 0...40_000 {
            let m = Double(i / 2)
            let numerator: Double
            if i == 0 {
                numerator = 1
            } else if i % 2 == 0 {
                numerator = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
            } else {
                numerator = -((a + m) * (a + b + m) * x) / ((a + 2 * m) * (a + 2 * m + 1))
            }
            d = 1 + numerator * d
            if abs(d) < tiny { d = tiny }
            d = 1 / d
            c = 1 + numerator / c
            if abs(c) < tiny { c = tiny }
            let cd = c * d
            f *= cd
            if abs(1 - cd) < 1e-16 { break }
        }
        return exp(lnFront) * (f - 1) / a
    }

    /// The quantile of the Beta(a, b) distribution, by bisection on `regularizedIncompleteBeta` (to 1e-14).
    public static func betaQuantile(_ p: Double, a: Double, b: Double) -> Double {
        guard p > 0 else { return 0 }
        guard p < 1 else { return 1 }
        var lo = 0.0, hi = 1.0
        for _ in 0..<200 {
            let mid = (lo + hi) / 2
            if mid <= lo || mid >= hi || hi - lo < 1e-15 { break }
            if regularizedIncompleteBeta(mid, a: a, b: b) < p { lo = mid } else { hi = mid }
        }
        return (lo + hi) / 2
    }

    /// P(X ≥ k) for X ~ Binomial(n, π): I_π(k, n − k + 1); 1 when k ≤ 0.
    public static func binomialUpperTail(_ k: Int, n: Int, p: Double) -> Double {
        guard k > 0 else { return 1 }
        guard k <= n else { return 0 }
        return regularizedIncompleteBeta(p, a: Double(k), b: Double(n - k + 1))
    }
}
