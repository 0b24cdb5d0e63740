import GlareCore

/// Known count exports, read by name (`--preset`) instead of by guessing their columns. A preset gives the
/// defaults of `CountsCSVParser.Options` for its layout and checks that the file has that layout: a file
/// of another kind is an error that names what was expected. Columns named in the options still win.
///
/// - `mediacloud`: Media Cloud's count exports: `date,count,total_count,ratio` (the current API and UI;
///   counts read against `total_count`), the older `date,sentences` / `date,stories`, and the legacy API's
///   `count,date` (saved through pandas); timestamps, quoted or not. Counts per day (what a file with one
///   row is taken as; a file split into longer periods keeps them). Measure news.
/// - `gdeltTV`: the GDELT Television Explorer's CSV download: `Date` as `YYYYMMDDYYYYMMDD` (a period's
///   first and last day run together: daily rows give a daily series, week and month ranges weeks and
///   months), then one column per station or `Combined`, each its own series named by the column. The
///   values are **percent of airtime**: a share, not a count (measure `share`).
/// - `gdeltDoc`: the GDELT DOC 2.0 API's timeline CSV (`Date,Series,Value`): `timelinevolraw` gives
///   `Article Count` rows (counts, measure news) with `Total Monitored Articles` rows (their totals);
///   `timelinevol` gives `Volume Intensity` rows, percent of all monitored articles: a share (measure `share`).
public enum CountsPreset: String, Sendable, Equatable, Codable, CaseIterable {
    case mediacloud
    case gdeltTV = "gdelt-tv"
    case gdeltDoc = "gdelt-doc"

    /// The export's name, for messages.
    public var title: String {
        switch self {
        case .mediacloud: "a Media Cloud count export"
        case .gdeltTV: "a GDELT Television Explorer CSV"
        case .gdeltDoc: "a GDELT DOC API timeline CSV"
        }
    }

    /// The layout the preset reads, for the error when a file does not have it.
    public var expectedLayout: String {
        switch self {
        case .mediacloud:
            "a 'date' column and a 'count', 'stories' or 'sentences' column (current exports add 'total_count' and 'ratio')"
        case .gdeltTV:
            "a 'Date' column of periods written YYYYMMDDYYYYMMDD (first and last day) and one column of percent of airtime per station or 'Combined'"
        case .gdeltDoc:
            "the columns 'Date', 'Series', 'Value', with the series 'Article Count' and 'Total Monitored Articles' (timelinevolraw) or 'Volume Intensity' (timelinevol)"
        }
    }

    /// The count columns Media Cloud's exports have used.
    static let mediaCloudCounts = ["count", "stories", "sentences"]
    /// The `Series` values of a GDELT DOC timeline CSV.
    static let docArticleCount = "article count", docTotal = "total monitored articles", docVolumeIntensity = "volume intensity"

    /// The resolution a file with a single row is taken as.
    var singleRowResolution: Resolution? { self == .mediacloud ? .day : nil }
}
