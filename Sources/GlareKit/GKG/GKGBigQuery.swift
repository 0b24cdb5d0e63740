import Foundation
public import GlareCore

/// GDELT's own copy of the GKG on BigQuery (`gdelt-bq.gdeltv2.gkg_partitioned`, one partition a day):
/// the standard SQL whose result `glare import gkg-bigquery` takes in with the counts a local import of
/// the same files gives.
///
/// The result has three kinds of rows (`row_kind`):
/// - `query`: the days asked for (`slot` = `YYYYMMDD-YYYYMMDD`), so coverage is the partitions queried;
/// - `slot`: per 15-minute file (`slot` = its DATE), its records with a URL and the distinct FNV-1a
///   64-bit hashes of their URLs, space-separated hex (`url_hashes`), the day's denominator exactly as
///   Glare counts it from files;
/// - `record`: the fields of the name index (id, DATE, outlet, URL, themes, persons, organisations,
///   all names, the page title) of records whose persons, names or title hold a token of a roster
///   alias: a cheap pre-filter; the exact matching is Glare's, on import.
public enum GKGBigQuery {
    /// GDELT's partitioned GKG table.
    public static let table = "gdelt-bq.gdeltv2.gkg_partitioned"

    /// The tokens a record must hold (lowercased) to be worth sending: each matchable alias's longest
    /// word (of at least three characters; a shorter alias whole), deduplicated and sorted.
    public static func tokens(_ roster: Roster) -> [String] {
        var out = Set<String>()
        for person in roster.people where person.matchable {
            for alias in person.aliases {
                let words = alias.text.lowercased().split(whereSeparator: { $0.isWhitespace || $0 == "-" || $0 == "." || $0 == "," })
                if let longest = words.max(by: { $0.count < $1.count }), longest.count >= 3 {
                    out.insert(String(longest))
                } else {
                    out.insert(alias.text.lowercased())
                }
            }
        }
        return out.sorted()
    }

    /// The query for the days `from...to` (UTC), pre-filtered by the roster's tokens.
    public static func sql(from: Day, to: Day, roster: Roster, translingual: Bool = false) -> String {
        let tokens = tokens(roster)
        let pattern = tokens.map(regexEscaped).joined(separator: "|")
        let partitions = "_PARTITIONTIME BETWEEN TIMESTAMP(\"\(from.iso)\") AND TIMESTAMP(\"\(to.iso)\")"
        let stream = translingual ? "STRPOS(GKGRECORDID, \"-T\") > 0" : "STRPOS(GKGRECORDID, \"-T\") = 0"
        let days = from.distance(to: to) + 1
        return """
            -- Glare: GDELT GKG \(translingual ? "translingual" : "English") records for \(from.iso)..\(to.iso) (\(days) day\(days == 1 ? "" : "s")), \
            roster '\(roster.name)' (\(roster.people.count) people, \(tokens.count) tokens).
            -- Run it in BigQuery (standard SQL), export the result as CSV or newline-delimited JSON, and take it in with
            --   glare import gkg-bigquery RESULT.csv
            -- Scanned: only the columns named below, in the \(days) partition(s) of the filter on _PARTITIONTIME; about
            -- \(estimatedGigabytes(days: days)) GB by Glare's estimate (\(String(format: "%.1f", Double(Self.bytesPerDay) / 1e9)) GB a day). A dry run (bq query --dry_run) gives the exact figure.
            CREATE TEMP FUNCTION glare_fnv1a64(s STRING) RETURNS STRING LANGUAGE js AS r\"\"\"
              // FNV-1a, 64 bits, over the UTF-8 bytes: the URL identity Glare counts distinct articles by.
              const bytes = unescape(encodeURIComponent(s));
              let h = 0xcbf29ce484222325n;
              for (let i = 0; i < bytes.length; i++) {
                h ^= BigInt(bytes.charCodeAt(i));
                h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
              }
              return h.toString(16);
            \"\"\";
            WITH gkg AS (
              SELECT GKGRECORDID, CAST(DATE AS STRING) AS DATE, SourceCommonName, DocumentIdentifier, Themes, Persons,
                     V2Persons, Organizations, AllNames,
                     REGEXP_EXTRACT(Extras, r'<PAGE_TITLE>(.*?)</PAGE_TITLE>') AS title
              FROM `\(table)`
              WHERE \(partitions) AND \(stream)
            )
            SELECT 'query' AS row_kind, '\(from.iso.replacingOccurrences(of: "-", with: ""))-\(to.iso.replacingOccurrences(of: "-", with: ""))' AS slot,
                   NULL AS GKGRECORDID, NULL AS DATE, NULL AS SourceCommonName, NULL AS DocumentIdentifier, NULL AS Themes,
                   NULL AS Persons, NULL AS V2Persons, NULL AS Organizations, NULL AS AllNames, NULL AS title,
                   NULL AS records, NULL AS url_hashes
            UNION ALL
            SELECT 'slot', DATE, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
                   COUNT(*), STRING_AGG(DISTINCT glare_fnv1a64(DocumentIdentifier), ' ')
            FROM gkg WHERE DocumentIdentifier IS NOT NULL AND DocumentIdentifier != ''
            GROUP BY DATE
            UNION ALL
            SELECT 'record', DATE, GKGRECORDID, DATE, SourceCommonName, DocumentIdentifier, Themes, Persons, V2Persons,
                   Organizations, AllNames, title, NULL, NULL
            FROM gkg
            WHERE REGEXP_CONTAINS(LOWER(CONCAT(IFNULL(V2Persons, ''), ' ', IFNULL(Persons, ''), ' ', IFNULL(AllNames, ''), ' ', IFNULL(title, ''))),
                                  r'\(pattern.isEmpty ? "$^" : pattern)')

            """
    }

    /// Glare's estimate of the bytes the query reads a day: 2015–2016 days hold about 200,000 records,
    /// and the columns named take about 2.5 KB of a record's 15–20 KB (GCAM, the largest, is not read).
    public static let bytesPerDay = 500_000_000

    static func estimatedGigabytes(days: Int) -> String {
        String(format: "%.1f", Double(days * bytesPerDay) / 1e9)
    }

    /// A token as an RE2 literal.
    static func regexEscaped(_ s: String) -> String {
        var out = ""
        for c in s {
            if "\\.^$|?*+()[]{}'".contains(c) { out.append("\\") }
            out.append(c)
        }
        return out
    }
}
