/// Small dense linear algebra for the regressions: symmetric positive-definite solves and inverses.
enum LinearAlgebra {
    /// Cholesky factor L (row-major, lower) of a symmetric positive-definite matrix, or nil if not positive definite.
    static func cholesky(_ a: [[Double]]) -> [[Double]]? {
        let n = a.count
        var l = Array(repeating: Array(repeating: 0.0, count: n), count: n)
        for i in 0..<n {
            for j in 0...i {
                var s = a[i][j]
                for k in 0..<j { s -= l[i][k] * l[j][k] }
                if i == j {
                    guard s > 1e-300 * max(1, abs(a[i][i])) else { return nil }
                    l[i][i] = s.squareRoot()
                } else {
                    l[i][j] = s / l[j][j]
                }
            }
        }
        return l
    }

    /// The inverse of a symmetric positive-definite matrix.
    static func inverse(_ a: [[Double]]) -> [[Double]]? {
        guard let l = cholesky(a) else { return nil }
        let n = a.count
        var inv = Array(repeating: Array(repeating: 0.0, count: n), count: n)
        for col in 0..<n {
            var e = Array(repeating: 0.0, count: n)
            e[col] = 1
            let x = solve(l, e)
            for row in 0..<n { inv[row][col] = x[row] }
        }
        return inv
    }

    /// Solves (L Lᵀ) x = b.
    static func solve(_ l: [[Double]], _ b: [Double]) -> [Double] {
        let n = b.count
        var y = b
        for i in 0..<n {
            for k in 0..<i { y[i] -= l[i][k] * y[k] }
            y[i] /= l[i][i]
        }
        var x = y
        for i in stride(from: n - 1, through: 0, by: -1) {
            for k in (i + 1)..<n { x[i] -= l[k][i] * x[k] }
            x[i] /= l[i][i]
        }
        return x
    }

    /// Xᵀ W X for a design matrix given as rows.
    static func crossProduct(_ x: [[Double]], weights: [Double]? = nil) -> [[Double]] {
        let p = x.first?.count ?? 0
        var m = Array(repeating: Array(repeating: 0.0, count: p), count: p)
        for (r, row) in x.enumerated() {
            let w = weights?[r] ?? 1
            for i in 0..<p where row[i] != 0 {
                let wi = w * row[i]
                for j in 0...i { m[i][j] += wi * row[j] }
            }
        }
        for i in 0..<p { for j in 0..<i { m[j][i] = m[i][j] } }
        return m
    }
}
