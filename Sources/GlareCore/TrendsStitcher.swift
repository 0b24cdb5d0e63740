/// Puts several Google Trends exports of the same terms onto one scale.
///
/// Each export is scaled 0–100 on its own. Exports of one resolution whose periods overlap are joined
/// by rescaling each onto a neighbour: the factor is the ratio of the two exports' sums over the
/// overlapping periods where both have a value of at least 1 for a shared term (zeros and `<1` carry
/// almost no information about scale and are left out of the ratio). Joins follow a maximum spanning
/// tree on the number of such periods, so every export joins its best-overlapping neighbour. A term
/// whose exports cannot all be joined with at least `minimumOverlap` usable periods is refused, never
/// guessed.
///
/// Where several exports cover a period, the stitched value is the mean of their scaled values,
/// weighted by the inverse square of each export's factor (Trends rounds every value to a whole point
/// on its own scale, so an export's rounding error on the common scale grows with its factor; the
/// export where the term is large weighs most). Zeros and `<1` (read as half its ceiling) take part.
/// The mean is unbiased under Google's sampling noise, unlike taking the largest value, which favours
/// the sample that happened to come out high (shown by `TrendsSamplingTests` on simulated samples).
/// Where two or more exports cover a period, the standard error of the mean across them is kept: for
/// repeated samples of one request (the same term, region, range and resolution downloaded again), it
/// is the between-sample standard error. A period only partial exports cover is missing. The stitched
/// group is rescaled so its largest value is 100, like a Trends export; terms that shared an export keep
/// sharing a scale, so they stay comparable.
public struct TrendsStitcher: Sendable {
    /// Settings for stitching.
    public struct Configuration: Sendable {
        /// The fewest overlapping periods with values ≥ 1 in both exports that a join may use.
        public var minimumOverlap: Int

        public init(minimumOverlap: Int = 7) { self.minimumOverlap = minimumOverlap }
    }

    /// An export and a label for messages (its file name).
    public struct Piece: Sendable {
        public let label: String
        public let export: TrendsExport
        public init(label: String, export: TrendsExport) {
            self.label = label
            self.export = export
        }
    }

    /// Identifies a term's column across exports: folded term and folded geography.
    public struct TermKey: Hashable, Sendable, Comparable {
        public let term: String
        public let geo: String
        public init(_ column: TrendsExport.Column) {
            term = NameFolding.fold(column.term)
            geo = NameFolding.fold(column.geo ?? "")
        }
        public static func < (a: TermKey, b: TermKey) -> Bool { (a.geo, a.term) < (b.geo, b.term) }
    }

    /// How one export was put on the group's scale.
    public struct Join: Sendable, Equatable {
        /// The export joined.
        public let label: String
        /// The export it was joined onto, nil for the group's reference export.
        public let onto: String?
        /// Overlapping periods with values ≥ 1 in both that the join used.
        public let overlapPoints: Int
        /// The factor from the export's own scale to the stitched scale.
        public let factor: Double
    }

    /// Exports joined onto one scale, and the stitched values for every term they hold.
    public struct Group: Sendable {
        public let resolution: Resolution
        public let joins: [Join]
        /// For each term: the original column (first seen) and its stitched observations.
        public let series: [TermKey: (column: TrendsExport.Column, points: [Period: Observation])]
        /// Partial periods left out, per term.
        public let partialPeriods: [TermKey: [Period]]
        /// Per term and period covered by two or more exports: the standard error of the stitched value.
        public let standardErrors: [TermKey: [Period: Double]]
    }

    public var configuration: Configuration

    public init(configuration: Configuration = .init()) { self.configuration = configuration }

    /// Stitches the pieces into groups: one group per set of exports connected by shared terms.
    public func stitch(_ pieces: [Piece]) throws -> [Group] {
        guard let resolution = pieces.first?.export.resolution else { return [] }
        if let odd = pieces.first(where: { $0.export.resolution != resolution }) {
            throw StitchError.mixedResolutions(
                first: pieces[0].label, firstResolution: resolution,
                other: odd.label, otherResolution: odd.export.resolution)
        }
        let n = pieces.count
        let keys = pieces.map { $0.export.columns.map(TermKey.init) }
        // Overlap statistics for every pair of exports that share a term.
        var overlaps: [[Overlap?]] = Array(repeating: Array(repeating: nil, count: n), count: n)
        for i in 0..<n {
            for j in (i + 1)..<max(n, i + 1) where !Set(keys[i]).isDisjoint(with: keys[j]) {
                let o = overlap(pieces[i].export, keys[i], pieces[j].export, keys[j])
                overlaps[i][j] = o
                overlaps[j][i] = o.reversed
            }
        }
        // Components and spanning trees (Prim, maximising usable overlap).
        var component = Array(repeating: -1, count: n)
        var factor = Array(repeating: 1.0, count: n)
        var joins = Array(repeating: Join(label: "", onto: nil, overlapPoints: 0, factor: 1), count: n)
        var components: [[Int]] = []
        let order = (0..<n).sorted { a, b in
            let (pa, pb) = (pieces[a].export.firstPeriod, pieces[b].export.firstPeriod)
            if pa != pb, let pa, let pb { return pa < pb }
            return pieces[a].export.rows.count > pieces[b].export.rows.count
        }
        for root in order where component[root] < 0 {
            let c = components.count
            var members = [root]
            component[root] = c
            joins[root] = Join(label: pieces[root].label, onto: nil, overlapPoints: 0, factor: 1)
            while true {
                var best: (from: Int, to: Int, points: Int)?
                for a in members {
                    for b in 0..<n where component[b] < 0 {
                        // A join needs usable overlap and a finite, positive factor (both sums above zero).
                        guard let o = overlaps[a][b], o.points >= max(1, configuration.minimumOverlap), o.sumA > 0, o.sumB > 0 else { continue }
                        if best == nil || o.points > best!.points { best = (a, b, o.points) }
                    }
                }
                guard let best else { break }
                let o = overlaps[best.from][best.to]!
                component[best.to] = c
                factor[best.to] = factor[best.from] * o.sumA / o.sumB
                joins[best.to] = Join(
                    label: pieces[best.to].label, onto: pieces[best.from].label,
                    overlapPoints: o.points, factor: factor[best.to])
                members.append(best.to)
            }
            components.append(members)
        }
        // A term split across components cannot be put on one scale: refuse.
        var home: [TermKey: Int] = [:]
        for i in order {
            for k in keys[i] {
                if let c = home[k], c != component[i] {
                    throw refusal(
                        term: pieces[i].export.columns[keys[i].firstIndex(of: k)!], key: k,
                        pieces: pieces, keys: keys, overlaps: overlaps, component: component, resolution: resolution)
                }
                home[k] = component[i]
            }
        }
        return components.map { members in
            combine(members.sorted(), pieces: pieces, keys: keys, factor: factor, joins: joins, resolution: resolution)
        }
    }

    // MARK: - Internals

    struct Overlap {
        var points: Int
        var sumA: Double
        var sumB: Double
        var reversed: Overlap { Overlap(points: points, sumA: sumB, sumB: sumA) }
    }

    func overlap(_ a: TrendsExport, _ ka: [TermKey], _ b: TrendsExport, _ kb: [TermKey]) -> Overlap {
        var rowsB: [Period: TrendsExport.Row] = [:]
        for r in b.rows where !r.isPartial { rowsB[r.period] = r }
        var o = Overlap(points: 0, sumA: 0, sumB: 0)
        for (ia, k) in ka.enumerated() {
            guard let ib = kb.firstIndex(of: k) else { continue }
            for ra in a.rows where !ra.isPartial {
                guard let rb = rowsB[ra.period],
                    case .value(let va) = ra.values[ia], case .value(let vb) = rb.values[ib], va >= 1, vb >= 1
                else { continue }
                o.points += 1
                o.sumA += Double(va)
                o.sumB += Double(vb)
            }
        }
        return o
    }

    func refusal(
        term: TrendsExport.Column, key: TermKey, pieces: [Piece], keys: [[TermKey]], overlaps: [[Overlap?]],
        component: [Int], resolution: Resolution
    ) -> StitchError {
        let holders = pieces.indices.filter { keys[$0].contains(key) }
        var best: (Int, Int, Int)?
        for a in holders {
            for b in holders where component[a] != component[b] && a < b {
                let p = overlaps[a][b]?.points ?? 0
                if best == nil || p > best!.2 { best = (a, b, p) }
            }
        }
        let (a, b, p) = best!
        return StitchError.insufficientOverlap(
            term: term.term, geo: term.geo, resolution: resolution,
            first: pieces[a].label, second: pieces[b].label,
            usablePoints: p, required: configuration.minimumOverlap)
    }

    func combine(
        _ members: [Int], pieces: [Piece], keys: [[TermKey]], factor: [Double], joins: [Join],
        resolution: Resolution
    ) -> Group {
        var columns: [TermKey: TrendsExport.Column] = [:]
        // Per term and period: the best raw value seen and the scaled candidates.
        var cells: [TermKey: [Period: Cell]] = [:]
        var partial: [TermKey: Set<Period>] = [:]
        for i in members {
            let e = pieces[i].export
            for (c, k) in keys[i].enumerated() {
                if columns[k] == nil { columns[k] = e.columns[c] }
                var column = cells[k] ?? [:]
                for row in e.rows {
                    if row.isPartial {
                        partial[k, default: []].insert(row.period)
                        continue
                    }
                    column[row.period, default: Cell()].add(row.values[c], factor: factor[i])
                }
                cells[k] = column
            }
        }
        var points: [TermKey: [Period: Observation]] = [:]
        var errors: [TermKey: [Period: Double]] = [:]
        var peak = 0.0
        for (k, column) in cells {
            var out: [Period: Observation] = [:]
            for (p, cell) in column {
                let o = cell.observation
                out[p] = o
                if case .value(let v) = o { peak = max(peak, v) }
                if let se = cell.standardError { errors[k, default: [:]][p] = se }
            }
            points[k] = out
        }
        let scale = peak > 0 ? 100 / peak : 1
        var series: [TermKey: (column: TrendsExport.Column, points: [Period: Observation])] = [:]
        var partialOut: [TermKey: [Period]] = [:]
        for (k, column) in points {
            series[k] = (columns[k]!, column.mapValues { $0.scaled(by: scale) })
            let stillPartial = (partial[k] ?? []).filter { column[$0] == nil }
            if !stillPartial.isEmpty { partialOut[k] = stillPartial.sorted() }
        }
        for k in partial.keys where series[k] == nil {
            series[k] = (columns[k]!, [:])
            partialOut[k] = partial[k]!.sorted()
        }
        let scaledJoins = members.map { i in
            Join(label: joins[i].label, onto: joins[i].onto, overlapPoints: joins[i].overlapPoints, factor: joins[i].factor * scale)
        }
        return Group(
            resolution: resolution, joins: scaledJoins, series: series, partialPeriods: partialOut,
            standardErrors: errors.mapValues { $0.mapValues { $0 * scale } })
    }

    /// Everything known about one term in one period across the exports that cover it.
    struct Cell {
        /// Scaled values (zeros, and `<1` as half its ceiling, included) with their weights 1/factor².
        var values: [(value: Double, weight: Double)] = []
        var belowOneCeiling: Double?
        var anyValue = false

        mutating func add(_ value: TrendsExport.Value, factor: Double) {
            let weight = 1 / (factor * factor)
            switch value {
            case .value(let v):
                anyValue = true
                values.append((Double(v) * factor, weight))
            case .belowOne:
                belowOneCeiling = min(belowOneCeiling ?? .infinity, factor)
                values.append((0.5 * factor, weight))
            case .missing:
                break
            }
        }

        /// The weighted mean; `<1` when every export said `<1`.
        var observation: Observation {
            guard !values.isEmpty else { return .missing }
            if !anyValue, let c = belowOneCeiling { return .belowOne(ceiling: c) }
            let w = values.reduce(0) { $0 + $1.weight }
            return .value(values.reduce(0) { $0 + $1.value * $1.weight } / w)
        }

        /// The standard error of the mean across exports (unweighted spread over √n), with two or more.
        var standardError: Double? {
            let n = Double(values.count)
            guard values.count >= 2 else { return nil }
            let mean = values.reduce(0) { $0 + $1.value } / n
            let variance = values.reduce(0) { $0 + ($1.value - mean) * ($1.value - mean) } / (n - 1)
            return (variance / n).squareRoot()
        }
    }
}
