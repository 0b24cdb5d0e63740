/// Why exports could not be stitched onto one scale.
public enum StitchError: Error, Equatable, CustomStringConvertible {
    /// Exports of different resolutions were given to one stitch.
    case mixedResolutions(first: String, firstResolution: Resolution, other: String, otherResolution: Resolution)
    /// Two exports of the same term do not overlap enough to be joined.
    case insufficientOverlap(
        term: String, geo: String?, resolution: Resolution, first: String, second: String,
        usablePoints: Int, required: Int)

    public var description: String {
        switch self {
        case let .mixedResolutions(first, fr, other, or):
            return
                "cannot stitch \(fr.adjective) and \(or.adjective) exports together ('\(first)' is \(fr.adjective), '\(other)' is \(or.adjective)); stitch each resolution separately"
        case let .insufficientOverlap(term, geo, resolution, first, second, points, required):
            let place = geo.map { " (\($0))" } ?? ""
            return
                "cannot put '\(term)'\(place) on one \(resolution.adjective) scale: '\(first)' and '\(second)' overlap in \(points) period(s) with values of at least 1 in both, and a join needs \(required); import an export that overlaps both, or exports with a longer overlap"
        }
    }
}
