public import GlareCore

extension AttentionSeries {
    /// Each period as `date=value/total` (`NA` missing, `<1` below one, `-` no total), for exact assertions.
    public var labels: [String] {
        zip(periods, observations).enumerated().map { i, p in
            let v: String =
                switch p.1 {
                case .value(let x): String(Int(x));
                case .missing: "NA";
                case .belowOne: "<1"
                }
            return "\(p.0.label)=\(v)/\(totals[i].map { String(Int($0)) } ?? "-")"
        }
    }
}

extension Array where Element == AttentionSeries {
    /// The labels of one person's series from one source; `missing` when there is none.
    public func labels(_ person: String, _ source: String, missing: [String] = []) -> [String] {
        first { $0.key.person == person && $0.key.source == source }?.labels ?? missing
    }
}
