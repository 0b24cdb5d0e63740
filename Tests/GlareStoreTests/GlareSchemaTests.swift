import Foundation
import GRDB
import GlareTestSupport
import Testing

@testable import GlareStore

/// A new store is made from the schema the migrations give (`GlareSchema`, one script instead of every migration
/// in turn), so the two must not drift apart: `GlareSchema.statements` is what SQLite keeps for a store the
/// migrations made, object by object, and `GLARE_RECORD_SCHEMA=1 scripts/test` records it again after a new migration.
@Suite struct GlareSchemaTests {
    static let record = ProcessInfo.processInfo.environment["GLARE_RECORD_SCHEMA"] == "1"

    /// Every object of a store as SQLite keeps it, in the order it was made, and the migrations it records.
    static func schema(_ db: Database) throws -> (statements: [String], migrations: Set<String>, autoVacuum: Int) {
        (
            try String.fetchAll(db, sql: "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY rowid"),
            try GlareDatabase.migrator.appliedIdentifiers(db), try Int.fetchOne(db, sql: "PRAGMA auto_vacuum")!
        )
    }

    @Test func theRecordedSchemaIsWhatTheMigrationsGive() throws {
        var configuration = Configuration()
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA auto_vacuum = INCREMENTAL") }
        let queue = try DatabaseQueue(configuration: configuration)
        try GlareDatabase.migrator.migrate(queue)
        let migrated = try queue.read(Self.schema)
        if Self.record {
            let literal = { (s: String) in
                "\""
                    + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                    .replacingOccurrences(of: "\n", with: "\\n") + "\""
            }
            let file = """
                /// The schema the migrations give a new store (`GlareDatabase.migrator`), object by object as SQLite keeps it:
                /// a new store is made from it in one script (`GlareDatabase.create`). Recorded by `GLARE_RECORD_SCHEMA=1
                /// scripts/test` (`GlareSchemaTests`, which fails while it differs from what the migrations give); not edited by hand.
                enum GlareSchema {
                    static let statements: [String] = [
                \(migrated.statements.map { "        " + literal($0) + "," }.joined(separator: "\n"))
                    ]
                }

                """
            try file.write(to: Fixtures.root.appendingPathComponent("Sources/GlareStore/GlareSchema.swift"), atomically: true, encoding: .utf8)
        }
        #expect(
            GlareSchema.statements == migrated.statements,
            "GlareSchema differs from what the migrations give: record it again with GLARE_RECORD_SCHEMA=1 scripts/test")
        #expect(migrated.migrations == Set(GlareDatabase.migrator.migrations) && migrated.autoVacuum == 2)
    }

    @Test func aNewStoreHasTheMigratedSchemaAndRecordsEveryMigration() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        _ = try GlareDatabase(path: folder.path("g.sqlite"))
        let made = try DatabaseQueue(path: folder.path("g.sqlite")).read(Self.schema)
        #expect(made.statements == GlareSchema.statements)
        #expect(made.migrations == Set(GlareDatabase.migrator.migrations))
        #expect(made.autoVacuum == 2)  // incremental: pages freed by deletes can be given back
        // Opened again: nothing left to migrate, and it takes writes.
        let db = try GlareDatabase(path: folder.path("g.sqlite"))
        try db.write { tx in _ = try tx.insertSnapshot(Snapshot(sha256: "ab", byteCount: 3), kind: "feed-rss", originalName: "f.xml") }
        #expect(try db.read { try $0.snapshot(sha256: "ab") } != nil)
        #expect(try DatabaseQueue(path: folder.path("g.sqlite")).read { try Int.fetchOne($0, sql: "PRAGMA page_size") } == GlareDatabase.pageSize)
    }

    /// A store made with SQLite's default pages (4 KiB, as Glare made them before) keeps them: opened, migrated and
    /// written to as before.
    @Test func aStoreWithSmallerPagesKeepsThem() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let old = try DatabaseQueue(path: folder.path("old.sqlite"))
        try old.write { try $0.execute(sql: "PRAGMA page_size = 4096; CREATE TABLE t (x)") }
        try old.close()
        let db = try GlareDatabase(path: folder.path("old.sqlite"))
        try db.write { tx in _ = try tx.insertSnapshot(Snapshot(sha256: "ab", byteCount: 3), kind: "feed-rss", originalName: "f.xml") }
        #expect(try db.read { try $0.snapshot(sha256: "ab") } != nil)
        #expect(try DatabaseQueue(path: folder.path("old.sqlite")).read { try Int.fetchOne($0, sql: "PRAGMA page_size") } == 4096)
        #expect(GlareDatabase.pageSize != 4096)
    }
}
