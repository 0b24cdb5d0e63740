import GRDB

extension StoreTransaction {
    /// The snapshots whose evidence a source's series were made from: the Trends exports behind them,
    /// the documents, counts tables, reported counts and coverage recorded under the source's name.
    public func snapshotIDs(source: String) throws -> [Int64] {
        let ids = try Int64.fetchAll(
            db,
            sql: """
                SELECT seriesInput.snapshotId FROM seriesInput JOIN series ON series.id = seriesInput.seriesId WHERE series.source = ?1
                UNION SELECT snapshotId FROM coverageSpan WHERE source = ?1 AND snapshotId IS NOT NULL
                UNION SELECT snapshotId FROM countsTable WHERE source = ?1
                UNION SELECT snapshotId FROM sourceCount WHERE source = ?1
                UNION SELECT snapshotId FROM sourceInput WHERE source = ?1
                UNION SELECT snapshotId FROM pageviewFile WHERE series = ?1
                """, arguments: [source])
        return ids.sorted()
    }

    /// Removes one snapshot's evidence (Trends values, documents and their mentions, GKG files and
    /// matches, dump hours, counts tables, reported counts, coverage) and its row. The series are not
    /// touched: derive them again in the same transaction. The snapshot file stays until `glare vacuum`.
    /// Returns the rows removed per table.
    @discardableResult
    public func forgetSnapshot(id: Int64) throws -> [String: Int] {
        var removed: [String: Int] = [:]
        func run(_ table: String, _ sql: String) throws {
            try db.execute(sql: sql, arguments: [id])
            if db.changesCount > 0 { removed[table, default: 0] += db.changesCount }
        }
        try run("seriesInput", "DELETE FROM seriesInput WHERE snapshotId = ?1 OR ontoSnapshotId = ?1")
        try run("trendsExport", "DELETE FROM trendsExport WHERE snapshotId = ?")
        try run("document", "DELETE FROM document WHERE snapshotId = ?")
        if removed["document"] != nil { documentDatabases.recount() }  // every database's ends set again once, when read or at commit
        try run(
            "pageviewHour",
            "DELETE FROM pageviewHour WHERE EXISTS (SELECT 1 FROM pageviewFile f WHERE f.snapshotId = ? AND f.series = pageviewHour.series AND f.hour = pageviewHour.hour)"
        )
        try run("pageviewFile", "DELETE FROM pageviewFile WHERE snapshotId = ?")
        // The days the file's articles counted toward are totalled again by the next derivation.
        try db.execute(
            sql: """
                UPDATE gkgDay SET articles = NULL WHERE EXISTS (
                    SELECT 1 FROM gkgFile f LEFT JOIN gkgFileDay d ON d.fileId = f.id
                    WHERE (f.indexSnapshotId = ?1 OR f.rawSnapshotId = ?1) AND f.stream = gkgDay.stream AND (gkgDay.day = f.day OR gkgDay.day = d.day))
                """, arguments: [id])
        try run("gkgFile", "DELETE FROM gkgFile WHERE indexSnapshotId = ?1 OR rawSnapshotId = ?1")
        try run("sourceCount", "DELETE FROM sourceCount WHERE snapshotId = ?")
        try run("sourceInput", "DELETE FROM sourceInput WHERE snapshotId = ?")
        try run("coverageSpan", "DELETE FROM coverageSpan WHERE snapshotId = ?")
        try run("countsTable", "DELETE FROM countsTable WHERE snapshotId = ?")
        try run("snapshot", "DELETE FROM snapshot WHERE id = ?")
        return removed
    }

    /// Forgets a source's fetch state (its cursor, ETag, last success), so a fetch starts it afresh.
    public func forgetSourceState(_ source: String) throws {
        try db.execute(sql: "DELETE FROM sourceState WHERE source = ?", arguments: [source])
    }
}
