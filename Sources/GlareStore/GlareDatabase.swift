public import Foundation
import GRDB
import GlareCore

/// Glare's SQLite database: imported snapshots, the trend points each gave, and the derived series.
///
/// One file, created with the schema its migrations give (`GlareSchema`) and upgraded by them. Every change goes through `write`, one transaction:
/// either all of it is stored or none.
public final class GlareDatabase: Sendable {
    /// The database file's path (`:memory:` for a temporary in-memory database).
    public let path: String
    /// The page size of a store this Glare makes (one made before keeps its own).
    static let pageSize = 8192
    /// The most KiB of pages SQLite keeps in memory for a connection (SQLite's default, 2,000 KiB, set here so that a build
    /// of SQLite with another default does not change it). A cache this size is full after a few hundred pages, and from
    /// then on each page read goes into the memory of a page read before. A larger one takes fresh memory for every page a
    /// run reads, which the kernel must fault in and zero (3–10 µs a 4 KiB page on the VMs measured). A fetch of 200 feeds
    /// faulted in ~12,600 pages into a store of 100 days and ~8,600–9,800 into an empty one with 64 MiB, ~6,300–6,900 into
    /// either with 2,000 KiB; in 16 interleaved rounds both runs were shorter (435 → 401 ms, 454 → 427 ms) and used less
    /// CPU (README, performance). A transaction's changed pages beyond it are written to the file before it commits
    /// (SQLite's cache spill): a cache of 500 KiB made that fetch slower, one of 1,000 KiB no faster; imports took as long as with 64 MiB.
    static let pageCacheKiB = 2000
    private let queue: DatabaseQueue

    /// Opens (creating if needed) the database at `path` and brings its schema up to date. A write
    /// waits up to `busyTimeout` seconds for another process's lock before it is `StoreError.busy`.
    /// With `readOnly`, a missing file is `StoreError.missing` and nothing is created; the file is
    /// opened read-only (a schema from an older Glare is brought up to date first).
    public init(path: String, readOnly: Bool = false, busyTimeout: TimeInterval = 10) throws {
        self.path = path
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(busyTimeout)
        // A new store has pages of 8 KiB (SQLite's default is 4 KiB) and gives pages freed by deletes back to the file
        // system when asked (`PRAGMA incremental_vacuum`); on a store that already has tables neither changes anything.
        // A fetch adds each feed's new items at a place of its own in the index of document links: with pages twice as
        // large, fewer of those places split a page, and a run reads, journals and writes fewer, larger pages (a fetch of
        // 200 feeds into a store of 100 days, measured when the (database, day) index took them at such places too: 25–43
        // ms less in two sets of interleaved runs, into an empty store 8–23 ms; README, performance).
        if !readOnly {
            configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA page_size = \(Self.pageSize); PRAGMA auto_vacuum = INCREMENTAL") }
        }
        // SQLite's page cache, kept small (`pageCacheKiB`).
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA cache_size = -\(Self.pageCacheKiB)") }
        // The rollback journal is kept between transactions, its header zeroed at each commit (as safe as
        // deleting it): deleting it made ext4 free its blocks at every commit and allocate them again at the
        // next, with the folder synced for its new entry (a tenth of a cron fetch's time into a store of
        // 100 days). One above 64 MiB (a large import's) is cut back to that after its commit.
        // (A store someone switched to WAL keeps it: switching back would fail while another connection is open.)
        let keepsJournal = !readOnly && path != ":memory:"
        if keepsJournal {
            configuration.prepareDatabase { db in
                guard try String.fetchOne(db, sql: "PRAGMA journal_mode") != "wal" else { return }
                try db.execute(sql: "PRAGMA journal_mode = PERSIST; PRAGMA journal_size_limit = 67108864")
            }
        }
        if readOnly && path != ":memory:" {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue else { throw StoreError.missing(path: path) }
        }
        do {
            if path == ":memory:" {
                queue = try DatabaseQueue(configuration: configuration)
            } else if readOnly {
                // A store from an older Glare is migrated once (a write), then read as it is.
                if try !Self.isCurrent(path: path, configuration: configuration) {
                    _ = try GlareDatabase(path: path, busyTimeout: busyTimeout)
                }
                configuration.readonly = true
                queue = try DatabaseQueue(path: path, configuration: configuration)
            } else {
                let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                if !FileManager.default.fileExists(atPath: path) { try Self.create(path: path, configuration: configuration) }
                queue = try DatabaseQueue(path: path, configuration: configuration)
            }
            let migrator = Self.migrator
            if try queue.read({ try migrator.hasBeenSuperseded($0) }) {
                throw StoreError.database(path: path, reason: "was written by a newer Glare (unknown migrations); upgrade Glare")
            }
            if try !readOnly && !queue.read({ try migrator.hasCompletedMigrations($0) }) {
                // Several processes may open a new database at once (cron jobs, a user's shell): one
                // migrates while the others wait on an exclusive lock, then find nothing left to do.
                let lock = path == ":memory:" ? nil : try MigrationLock(database: path)
                defer { lock?.release() }
                try migrator.migrate(queue)
            }
            if keepsJournal { Self.matchJournal(toStoreAt: path) }
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError where Self.isBusy(error) {
            throw StoreError.busy(path: path)
        } catch {
            throw StoreError.database(path: path, reason: "cannot open (\(error))")
        }
    }

    /// Creates a new store whole: made with the migrations' schema (`GlareSchema`) in a file beside it
    /// without syncing (a dozen migrations, each a few `fdatasync`s, were most of a first `glare fetch`), synced once, then
    /// renamed into place, under the migration lock. A crash leaves no store or a complete one, never
    /// a half-migrated file; a process that finds the store there once it has the lock uses that one.
    private static func create(path: String, configuration: Configuration) throws {
        let lock = try MigrationLock(database: path)
        defer { lock.release() }
        guard !FileManager.default.fileExists(atPath: path) else { return }
        let building = path + "-new"
        try? FileManager.default.removeItem(atPath: building)  // left by a run killed while creating
        do {
            var c = configuration
            c.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = OFF; PRAGMA journal_mode = MEMORY") }
            let q = try DatabaseQueue(path: building, configuration: c)
            // The schema the migrations give, made in one transaction (`GlareSchema`, which GlareSchemaTests keeps equal to
            // them), every migration recorded as run: the migrations one by one, each parsing the schema again, took
            // ~20 ms, most of a first `glare fetch`'s opening. (A store in memory is still made by the migrations.)
            let migrations = migrator.migrations
            try q.write { db in
                for statement in GlareSchema.statements { try db.execute(sql: statement) }
                let migration = try db.makeStatement(sql: "INSERT INTO grdb_migrations (identifier) VALUES (?)")
                for identifier in migrations { try migration.execute(arguments: [identifier]) }
            }
            try q.close()
            try FileSync.file(building)
            // A journal beside no store (the store deleted, its journal kept: stores keep theirs) belongs to no
            // file: were it one a crash left hot, SQLite would roll it back into the new store.
            guard unlink(journalPath(of: path)) == 0 || errno == ENOENT else {
                throw StoreError.io(path: journalPath(of: path), reason: "cannot remove a journal left without its store (\(String(cString: strerror(errno))))")
            }
            guard rename(building, path) == 0 else {
                throw StoreError.io(path: path, reason: "cannot move the new store into place (\(String(cString: strerror(errno))))")
            }
            try FileSync.folder(of: path)
        } catch {
            try? FileManager.default.removeItem(atPath: building)
            throw error
        }
    }

    /// Where SQLite keeps the rollback journal of the store at `path`.
    static func journalPath(of path: String) -> String { path + "-journal" }

    /// Gives the store's journal, kept beside it between writes, the store's permissions and group (made
    /// empty, so not a journal to roll back, when there is none yet): every reader opens it to see whether
    /// a write was cut short, and one that may read the store but not its journal cannot read at all
    /// ("attempt to write a readonly database"). A journal made under another umask, or a store whose mode
    /// or group changed since, is brought in line whenever Glare writes to the store; what the process may
    /// not change (another user's journal) is left as it is.
    static func matchJournal(toStoreAt path: String) {
        var store = stat()
        guard stat(path, &store) == 0 else { return }
        let mode = store.st_mode & 0o7777
        let journal = open(journalPath(of: path), O_RDWR | O_CREAT | O_CLOEXEC, mode)
        guard journal >= 0 else { return }
        defer { close(journal) }
        var current = stat()
        guard fstat(journal, &current) == 0 else { return }
        if current.st_gid != store.st_gid { _ = fchown(journal, uid_t.max, store.st_gid) }  // uid_t.max: the owner as it is
        if current.st_mode & 0o7777 != mode { _ = fchmod(journal, mode) }
    }

    /// Whether the file's schema has every migration (read without writing).
    private static func isCurrent(path: String, configuration: Configuration) throws -> Bool {
        var c = configuration
        c.readonly = true
        let q = try DatabaseQueue(path: path, configuration: c)
        let migrator = Self.migrator
        return try q.read { try migrator.hasCompletedMigrations($0) || migrator.hasBeenSuperseded($0) }
    }

    /// Runs `body` in one write transaction; if it throws, nothing it did is kept. A database another
    /// process keeps locked past the busy timeout is `StoreError.busy` (temporary: cron may retry).
    public func write<T>(_ body: (StoreTransaction) throws -> T) throws -> T {
        do {
            return try queue.write { db in
                let tx = StoreTransaction(db: db, writes: true)
                let result = try body(tx)
                try tx.settleDocumentDatabases()
                return result
            }
        } catch let error as DatabaseError where Self.isBusy(error) {
            throw StoreError.busy(path: path)
        }
    }

    static func isBusy(_ error: DatabaseError) -> Bool { error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED }

    /// Copies the whole database, consistent as of one moment, into a new file at `path` (SQLite's backup).
    ///
    /// With `snapshotsInOwnFiles`, the copy's rows place every snapshot in a file of its own (`ab/abcdef….gz`),
    /// none in a pack: for a copy that travels with the snapshots written out one by one (a bundle's).
    public func backup(to path: String, snapshotsInOwnFiles: Bool = false) throws {
        do {
            let copy = try DatabaseQueue(path: path)
            try queue.backup(to: copy)
            if snapshotsInOwnFiles {
                try copy.write { db in
                    try db.execute(sql: "UPDATE snapshot SET pack = NULL, packOffset = NULL, packLength = NULL WHERE pack IS NOT NULL")
                }
            }
            try copy.close()
        } catch {
            throw StoreError.io(path: path, reason: "cannot copy the database (\(error))")
        }
    }

    /// Runs `body` with a read-only view of the database.
    public func read<T>(_ body: (StoreTransaction) throws -> T) throws -> T {
        try queue.read { db in try body(StoreTransaction(db: db, writes: false)) }
    }

    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1: snapshots, trends exports, series") { db in
            try db.execute(
                sql: """
                    CREATE TABLE snapshot (
                        id INTEGER PRIMARY KEY,
                        sha256 TEXT NOT NULL UNIQUE,
                        byteCount INTEGER NOT NULL,
                        kind TEXT NOT NULL,
                        originalName TEXT NOT NULL,
                        importedAt TEXT NOT NULL,
                        sourceURL TEXT,
                        httpStatus INTEGER
                    );
                    CREATE TABLE trendsExport (
                        id INTEGER PRIMARY KEY,
                        snapshotId INTEGER NOT NULL UNIQUE REFERENCES snapshot(id) ON DELETE CASCADE,
                        format TEXT NOT NULL,
                        resolution TEXT NOT NULL,
                        category TEXT,
                        firstPeriod TEXT NOT NULL,
                        lastPeriod TEXT NOT NULL
                    );
                    CREATE TABLE trendsColumn (
                        exportId INTEGER NOT NULL REFERENCES trendsExport(id) ON DELETE CASCADE,
                        position INTEGER NOT NULL,
                        term TEXT NOT NULL,
                        geo TEXT,
                        person TEXT NOT NULL,
                        onRoster BOOLEAN NOT NULL,
                        PRIMARY KEY (exportId, position)
                    );
                    CREATE TABLE trendsValue (
                        exportId INTEGER NOT NULL,
                        position INTEGER NOT NULL,
                        period TEXT NOT NULL,
                        state TEXT NOT NULL CHECK (state IN ('value', 'below-one', 'missing')),
                        value INTEGER,
                        partial BOOLEAN NOT NULL DEFAULT 0,
                        PRIMARY KEY (exportId, position, period),
                        FOREIGN KEY (exportId, position) REFERENCES trendsColumn(exportId, position) ON DELETE CASCADE
                    ) WITHOUT ROWID;
                    CREATE TABLE series (
                        id INTEGER PRIMARY KEY,
                        person TEXT NOT NULL,
                        source TEXT NOT NULL,
                        measure TEXT NOT NULL,
                        resolution TEXT NOT NULL,
                        term TEXT,
                        geo TEXT,
                        UNIQUE (person, source, measure)
                    );
                    CREATE TABLE seriesPoint (
                        seriesId INTEGER NOT NULL REFERENCES series(id) ON DELETE CASCADE,
                        period TEXT NOT NULL,
                        state TEXT NOT NULL CHECK (state IN ('value', 'below-one', 'missing')),
                        value REAL,
                        total REAL,
                        PRIMARY KEY (seriesId, period)
                    ) WITHOUT ROWID;
                    CREATE TABLE seriesInput (
                        seriesId INTEGER NOT NULL REFERENCES series(id) ON DELETE CASCADE,
                        snapshotId INTEGER NOT NULL REFERENCES snapshot(id),
                        ontoSnapshotId INTEGER REFERENCES snapshot(id),
                        overlapPoints INTEGER NOT NULL,
                        factor REAL NOT NULL,
                        PRIMARY KEY (seriesId, snapshotId)
                    );
                    """)
        }
        m.registerMigration("v2: documents and mentions") { db in
            try db.execute(
                sql: """
                    CREATE TABLE document (
                        id INTEGER PRIMARY KEY,
                        snapshotId INTEGER NOT NULL REFERENCES snapshot(id),
                        documentKey TEXT NOT NULL UNIQUE,
                        format TEXT NOT NULL,
                        database TEXT NOT NULL,
                        outlet TEXT NOT NULL,
                        day TEXT NOT NULL,
                        headline TEXT NOT NULL,
                        byline TEXT,
                        language TEXT,
                        hasText BOOLEAN NOT NULL,
                        text TEXT NOT NULL,
                        line INTEGER NOT NULL
                    );
                    CREATE INDEX documentByDatabaseDay ON document(database, day);
                    CREATE TABLE mention (
                        documentId INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
                        person TEXT NOT NULL,
                        mentions INTEGER NOT NULL,
                        evidence TEXT NOT NULL,
                        PRIMARY KEY (documentId, person)
                    ) WITHOUT ROWID;
                    CREATE INDEX mentionByPerson ON mention(person);
                    """)
        }
        m.registerMigration("v3: story sketches") { db in
            try db.execute(sql: "ALTER TABLE document ADD COLUMN sketch BLOB")
        }
        m.registerMigration("v4: GDELT GKG files, matches and day totals") { db in
            try db.execute(
                sql: """
                    CREATE TABLE gkgFile (
                        id INTEGER PRIMARY KEY,
                        stream TEXT NOT NULL,
                        slot TEXT NOT NULL,
                        day TEXT NOT NULL,
                        name TEXT NOT NULL,
                        status TEXT NOT NULL CHECK (status IN ('done', 'failed', 'absent')),
                        indexSnapshotId INTEGER REFERENCES snapshot(id),
                        rawSnapshotId INTEGER REFERENCES snapshot(id),
                        byteCount INTEGER,
                        md5 TEXT,
                        rows INTEGER NOT NULL DEFAULT 0,
                        skipped INTEGER NOT NULL DEFAULT 0,
                        problems TEXT,
                        reason TEXT,
                        processedAt TEXT NOT NULL,
                        UNIQUE (stream, slot)
                    );
                    CREATE INDEX gkgFileByDay ON gkgFile(stream, day);
                    CREATE TABLE gkgFileDay (
                        fileId INTEGER NOT NULL REFERENCES gkgFile(id) ON DELETE CASCADE,
                        day TEXT NOT NULL,
                        records INTEGER NOT NULL,
                        urlHashes BLOB NOT NULL,
                        PRIMARY KEY (fileId, day)
                    ) WITHOUT ROWID;
                    CREATE INDEX gkgFileDayByDay ON gkgFileDay(day);
                    CREATE TABLE gkgDay (
                        stream TEXT NOT NULL,
                        day TEXT NOT NULL,
                        articles INTEGER,
                        PRIMARY KEY (stream, day)
                    ) WITHOUT ROWID;
                    CREATE TABLE gkgMatch (
                        fileId INTEGER NOT NULL REFERENCES gkgFile(id) ON DELETE CASCADE,
                        recordId TEXT NOT NULL,
                        person TEXT NOT NULL,
                        day TEXT NOT NULL,
                        url TEXT NOT NULL,
                        outlet TEXT NOT NULL,
                        title TEXT NOT NULL,
                        mentions INTEGER NOT NULL,
                        evidence TEXT NOT NULL,
                        PRIMARY KEY (fileId, recordId, person)
                    ) WITHOUT ROWID;
                    CREATE INDEX gkgMatchByPersonDay ON gkgMatch(person, day);
                    """)
        }
        m.registerMigration("v5: fetched sources' state") { db in
            try db.execute(
                sql: """
                    CREATE TABLE sourceState (
                        source TEXT PRIMARY KEY,
                        kind TEXT NOT NULL,
                        etag TEXT,
                        lastModified TEXT,
                        cursor TEXT,
                        lastAttempt TEXT,
                        lastSuccess TEXT,
                        lastFailure TEXT,
                        lastError TEXT,
                        transient BOOLEAN NOT NULL DEFAULT 0,
                        items INTEGER NOT NULL DEFAULT 0,
                        lastItems INTEGER NOT NULL DEFAULT 0
                    ) WITHOUT ROWID;
                    """)
        }
        m.registerMigration("v6: counts reported by count APIs") { db in
            try db.execute(
                sql: """
                    CREATE TABLE sourceCount (
                        source TEXT NOT NULL,
                        person TEXT NOT NULL,
                        day TEXT NOT NULL,
                        value REAL NOT NULL,
                        total REAL,
                        snapshotId INTEGER NOT NULL REFERENCES snapshot(id),
                        PRIMARY KEY (source, person, day)
                    ) WITHOUT ROWID;
                    """)
        }
        m.registerMigration("v7: the responses behind reported counts") { db in
            try db.execute(
                sql: """
                    CREATE TABLE sourceInput (
                        source TEXT NOT NULL,
                        person TEXT NOT NULL,
                        snapshotId INTEGER NOT NULL REFERENCES snapshot(id),
                        PRIMARY KEY (source, person, snapshotId)
                    ) WITHOUT ROWID;
                    """)
        }
        m.registerMigration("v8: Wikipedia hourly dump files") { db in
            try db.execute(
                sql: """
                    CREATE TABLE pageviewFile (
                        name TEXT PRIMARY KEY,
                        series TEXT NOT NULL,
                        hour TEXT NOT NULL,
                        snapshotId INTEGER NOT NULL REFERENCES snapshot(id),
                        lines INTEGER NOT NULL,
                        UNIQUE (series, hour)
                    );
                    CREATE TABLE pageviewHour (
                        series TEXT NOT NULL,
                        lang TEXT NOT NULL,
                        person TEXT NOT NULL,
                        hour TEXT NOT NULL,
                        views REAL NOT NULL,
                        PRIMARY KEY (series, lang, person, hour)
                    ) WITHOUT ROWID;
                    """)
        }
        m.registerMigration("v9: one source contract: series kinds, coverage, the roster behind a series") { db in
            try db.execute(
                sql: """
                    ALTER TABLE series ADD COLUMN kind TEXT;
                    ALTER TABLE series ADD COLUMN rosterHash TEXT;
                    UPDATE series SET kind = CASE
                        WHEN source LIKE 'google-trends/%' THEN 'trends'
                        WHEN source LIKE 'archive:%' THEN 'archive'
                        WHEN source LIKE 'feed:%' THEN 'feed'
                        WHEN source LIKE 'gkg%' THEN 'gkg'
                        WHEN source LIKE 'mediacloud:%' OR source LIKE 'gdelt-doc:%' OR source LIKE 'wikipedia:%' THEN 'reported-counts'
                        WHEN source LIKE 'wikipedia-pagecounts:%' OR source LIKE 'wikipedia-pageviews:%' THEN 'pageview-dump'
                        WHEN source LIKE 'counts:%' THEN 'counts-table'
                        ELSE 'unknown' END;
                    CREATE INDEX seriesByKind ON series(kind);
                    CREATE TABLE seriesPointV9 (
                        seriesId INTEGER NOT NULL REFERENCES series(id) ON DELETE CASCADE,
                        period TEXT NOT NULL,
                        state TEXT NOT NULL CHECK (state IN ('value', 'below-one', 'missing', 'partial')),
                        value REAL,
                        total REAL,
                        covered INTEGER,
                        units INTEGER,
                        unit TEXT,
                        PRIMARY KEY (seriesId, period)
                    ) WITHOUT ROWID;
                    INSERT INTO seriesPointV9 (seriesId, period, state, value, total) SELECT seriesId, period, state, value, total FROM seriesPoint;
                    DROP TABLE seriesPoint;
                    ALTER TABLE seriesPointV9 RENAME TO seriesPoint;
                    CREATE TABLE coverageSpan (
                        id INTEGER PRIMARY KEY,
                        source TEXT NOT NULL,
                        start INTEGER NOT NULL,
                        "end" INTEGER NOT NULL,
                        snapshotId INTEGER REFERENCES snapshot(id),
                        how TEXT NOT NULL
                    );
                    CREATE INDEX coverageSpanBySource ON coverageSpan(source);
                    INSERT INTO coverageSpan (source, start, "end", snapshotId, how)
                        SELECT CASE WHEN format IN ('rss', 'atom', 'guardian', 'nyt-archive', 'gdelt-doc') THEN 'feed:' ELSE 'archive:' END || database,
                               CAST(ROUND((julianday(MIN(day)) - 2440587.5) * 86400) AS INTEGER),
                               CAST(ROUND((julianday(MAX(day)) - 2440587.5 + 1) * 86400) AS INTEGER),
                               snapshotId, 'first to last document (stored before coverage was recorded)'
                        FROM document GROUP BY snapshotId, database, format IN ('rss', 'atom', 'guardian', 'nyt-archive', 'gdelt-doc');
                    CREATE TABLE countsTable (
                        source TEXT PRIMARY KEY,
                        snapshotId INTEGER NOT NULL REFERENCES snapshot(id),
                        originalName TEXT NOT NULL,
                        measure TEXT NOT NULL,
                        options TEXT NOT NULL
                    ) WITHOUT ROWID;
                    """)
        }
        m.registerMigration("v10: Trends products and standard errors") { db in
            try db.execute(
                sql: """
                    ALTER TABLE trendsExport ADD COLUMN property TEXT;
                    ALTER TABLE trendsExport ADD COLUMN timeRange TEXT;
                    ALTER TABLE seriesPoint ADD COLUMN se REAL;
                    """)
        }
        m.registerMigration("v11: GKG URL hashes dropped once a day is complete") { db in
            // `urlHashes` becomes optional: a complete day keeps its exact total in `gkgDay` and drops them,
            // except where they are the only record of the URLs (`hashesOnly`: a BigQuery slot, whose name
            // index holds only the matched records).
            try db.execute(
                sql: """
                    CREATE TABLE gkgFileDayNew (
                        fileId INTEGER NOT NULL REFERENCES gkgFile(id) ON DELETE CASCADE,
                        day TEXT NOT NULL,
                        records INTEGER NOT NULL,
                        urlHashes BLOB,
                        hashesOnly INTEGER NOT NULL DEFAULT 0,
                        PRIMARY KEY (fileId, day)
                    ) WITHOUT ROWID;
                    INSERT INTO gkgFileDayNew (fileId, day, records, urlHashes, hashesOnly)
                        SELECT fd.fileId, fd.day, fd.records, fd.urlHashes, f.name LIKE 'bigquery:%' FROM gkgFileDay fd JOIN gkgFile f ON f.id = fd.fileId;
                    DROP TABLE gkgFileDay;
                    ALTER TABLE gkgFileDayNew RENAME TO gkgFileDay;
                    CREATE INDEX gkgFileDayByDay ON gkgFileDay(day);
                    """)
        }
        m.registerMigration("v12: GKG matches by reference: URL hash, person and evidence numbers") { db in
            // A matched record's URL, outlet and title are in its file's name index (`glare explain` reads
            // them there): a match keeps the record's id, its URL's hash (what counting distinct articles
            // needs), the day as a number, and the person and evidence as numbers of tables that keep each
            // distinct one once. Existing matches are converted with Glare's own hash, day and evidence.
            let functions = [
                DatabaseFunction("glareURLHash", argumentCount: 1, pure: true) { v in
                    String.fromDatabaseValue(v[0]).map { Int64(bitPattern: GKGMatchRow.urlHash($0)) }
                },
                DatabaseFunction("glareDayOrdinal", argumentCount: 1, pure: true) { v in String.fromDatabaseValue(v[0]).flatMap(Day.init(iso:))?.ordinal },
                DatabaseFunction("glareGKGEvidence", argumentCount: 1, pure: true) { v in String.fromDatabaseValue(v[0]).map(GKGMatchEvidence.stored) },
            ]
            for f in functions { db.add(function: f) }
            defer { for f in functions { db.remove(function: f) } }
            try db.execute(
                sql: """
                    CREATE TABLE gkgPerson (id INTEGER PRIMARY KEY, person TEXT NOT NULL UNIQUE);
                    CREATE TABLE gkgEvidence (id INTEGER PRIMARY KEY, evidence TEXT NOT NULL UNIQUE);
                    CREATE TABLE gkgMatchNew (
                        fileId INTEGER NOT NULL REFERENCES gkgFile(id) ON DELETE CASCADE,
                        recordId TEXT NOT NULL,
                        personId INTEGER NOT NULL REFERENCES gkgPerson(id),
                        day INTEGER NOT NULL,
                        urlHash INTEGER NOT NULL,
                        mentions INTEGER NOT NULL,
                        evidenceId INTEGER NOT NULL REFERENCES gkgEvidence(id),
                        PRIMARY KEY (fileId, recordId, personId)
                    ) WITHOUT ROWID;
                    INSERT INTO gkgPerson (person) SELECT DISTINCT person FROM gkgMatch ORDER BY person;
                    INSERT OR IGNORE INTO gkgEvidence (evidence) SELECT glareGKGEvidence(evidence) FROM gkgMatch ORDER BY fileId, recordId;
                    INSERT INTO gkgMatchNew (fileId, recordId, personId, day, urlHash, mentions, evidenceId)
                        SELECT m.fileId, m.recordId, p.id, glareDayOrdinal(m.day), glareURLHash(m.url), m.mentions, e.id
                        FROM gkgMatch m JOIN gkgPerson p ON p.person = m.person JOIN gkgEvidence e ON e.evidence = glareGKGEvidence(m.evidence)
                        WHERE glareDayOrdinal(m.day) IS NOT NULL;
                    DROP TABLE gkgMatch;
                    ALTER TABLE gkgMatchNew RENAME TO gkgMatch;
                    CREATE INDEX gkgMatchByPersonDay ON gkgMatch(personId, day);
                    """)
        }
        m.registerMigration("v13: series by kind and source, coverage spans by source and bounds") { db in
            // A fetch reads and replaces one feed's series at a time (`WHERE kind = ? AND source = ?`): by kind
            // alone that scanned every feed's series, so each source cost more as feeds were added. A feed gains
            // a coverage span every run: its first start, last end and recent spans are read from the ends of
            // these indexes, not from every span of years of runs.
            try db.execute(
                sql: """
                    DROP INDEX seriesByKind;
                    CREATE INDEX seriesByKindSource ON series(kind, source);
                    DROP INDEX coverageSpanBySource;
                    CREATE INDEX coverageSpanBySourceStart ON coverageSpan(source, start);
                    CREATE INDEX coverageSpanBySourceEnd ON coverageSpan(source, "end");
                    """)
        }
        m.registerMigration("v14: state checks without IN lists") { db in
            // SQLite (3.40) checks `state IN ('value', …)` by building a temporary b-tree of the list for every row
            // written: half the cost of inserting a series point. The same check spelled with OR costs nothing.
            // The tables are copied whole (a CHECK cannot be altered in place), once.
            try db.execute(
                sql: """
                    CREATE TABLE seriesPointV14 (
                        seriesId INTEGER NOT NULL REFERENCES series(id) ON DELETE CASCADE,
                        period TEXT NOT NULL,
                        state TEXT NOT NULL CHECK (state = 'value' OR state = 'below-one' OR state = 'missing' OR state = 'partial'),
                        value REAL,
                        total REAL,
                        covered INTEGER,
                        units INTEGER,
                        unit TEXT,
                        se REAL,
                        PRIMARY KEY (seriesId, period)
                    ) WITHOUT ROWID;
                    INSERT INTO seriesPointV14 (seriesId, period, state, value, total, covered, units, unit, se)
                        SELECT seriesId, period, state, value, total, covered, units, unit, se FROM seriesPoint;
                    DROP TABLE seriesPoint;
                    ALTER TABLE seriesPointV14 RENAME TO seriesPoint;
                    CREATE TABLE trendsValueV14 (
                        exportId INTEGER NOT NULL,
                        position INTEGER NOT NULL,
                        period TEXT NOT NULL,
                        state TEXT NOT NULL CHECK (state = 'value' OR state = 'below-one' OR state = 'missing'),
                        value INTEGER,
                        partial BOOLEAN NOT NULL DEFAULT 0,
                        PRIMARY KEY (exportId, position, period),
                        FOREIGN KEY (exportId, position) REFERENCES trendsColumn(exportId, position) ON DELETE CASCADE
                    ) WITHOUT ROWID;
                    INSERT INTO trendsValueV14 (exportId, position, period, state, value, partial)
                        SELECT exportId, position, period, state, value, partial FROM trendsValue;
                    DROP TABLE trendsValue;
                    ALTER TABLE trendsValueV14 RENAME TO trendsValue;
                    """)
        }
        m.registerMigration("v15: recent series points, by period") { db in
            // A fetch brings a feed's series up to date on the days its new items touch: today's point of every
            // (person, feed) series. In `seriesPoint`, ordered by series, each such point sits on a page of its own
            // series, so a run over 200 feeds rewrote every series' last page (once a series held ~100 days, ~9,700
            // pages, ~40 MB journalled then written again, however few items it brought). These points are written
            // here, ordered by period: a run's points are a few neighbouring pages. They are moved into `seriesPoint`
            // together once there are enough (`StoreTransaction.recentPointsFoldLimit(series:)`: ten a series, at
            // least 100,000); a point here stands in for the same series and period in `seriesPoint`.
            try db.execute(
                sql: """
                    CREATE TABLE seriesPointRecent (
                        seriesId INTEGER NOT NULL REFERENCES series(id) ON DELETE CASCADE,
                        period TEXT NOT NULL,
                        state TEXT NOT NULL CHECK (state = 'value' OR state = 'below-one' OR state = 'missing' OR state = 'partial'),
                        value REAL,
                        total REAL,
                        covered INTEGER,
                        units INTEGER,
                        unit TEXT,
                        se REAL,
                        PRIMARY KEY (period, seriesId)
                    ) WITHOUT ROWID;
                    CREATE INDEX seriesPointRecentBySeries ON seriesPointRecent(seriesId);
                    """)
        }
        m.registerMigration("v16: snapshots in packs") { db in
            // A fetch stores a batch's new snapshots in one pack file (`SnapshotArchive.writePack`), synced once, not a
            // file each (two syncs a snapshot were a fifth of a cron run). A snapshot in a pack names it and where its
            // compressed bytes lie; one without is a file of its own (`ab/abcdef….gz`). The index answers whether any
            // row still names a pack (the sweep and `glare vacuum`).
            try db.execute(
                sql: """
                    ALTER TABLE snapshot ADD COLUMN pack TEXT;
                    ALTER TABLE snapshot ADD COLUMN packOffset INTEGER;
                    ALTER TABLE snapshot ADD COLUMN packLength INTEGER;
                    CREATE INDEX snapshotByPack ON snapshot(pack) WHERE pack IS NOT NULL;
                    """)
        }
        m.registerMigration("v17: series kept by their source's periods") { db in
            // A feed's series share each day's state, total and coverage, and most of their counts are 0: they are kept by
            // their source's periods (`StoreTransaction+SourcePeriods`), a row a source and day instead of a point a
            // series and day. Series stored before keep their points (brought up to date day by day as before) until a
            // derivation in full replaces them: one that finds them changed (a roster edit, a feed the day-by-day path
            // cannot extend).
            try db.execute(
                sql: """
                    ALTER TABLE series ADD COLUMN bySource BOOLEAN NOT NULL DEFAULT 0;
                    CREATE TABLE sourcePeriod (
                        source TEXT NOT NULL,
                        period TEXT NOT NULL,
                        state TEXT NOT NULL CHECK (state = 'value' OR state = 'partial' OR state = 'missing'),
                        total REAL,
                        covered INTEGER,
                        units INTEGER,
                        unit TEXT,
                        counts BLOB NOT NULL,
                        PRIMARY KEY (source, period)
                    ) WITHOUT ROWID;
                    """)
        }
        m.registerMigration("v18: recent source periods, by period") { db in
            // What v15 did for points, for the periods series keep by their source: a fetch brings today's period of each
            // of its feeds' sources up to date, and in `sourcePeriod`, ordered by source, each sits on a page of its own
            // source (a run over 200 feeds into a store of 100 days changed ~430 pages there, a quarter of those it
            // changed, each journalled then written again). These are written here, ordered by period: a run's are a few
            // neighbouring pages, rewritten in place by a later run of the same day. They are moved into `sourcePeriod`
            // together once they span `StoreTransaction.recentSourcePeriodsFoldDays` days; a period here stands in for the
            // same source and period there.
            try db.execute(
                sql: """
                    CREATE TABLE sourcePeriodRecent (
                        source TEXT NOT NULL,
                        period TEXT NOT NULL,
                        state TEXT NOT NULL CHECK (state = 'value' OR state = 'partial' OR state = 'missing'),
                        total REAL,
                        covered INTEGER,
                        units INTEGER,
                        unit TEXT,
                        counts BLOB NOT NULL,
                        PRIMARY KEY (period, source)
                    ) WITHOUT ROWID;
                    CREATE INDEX sourcePeriodRecentBySource ON sourcePeriodRecent(source);
                    """)
        }
        m.registerMigration("v19: documents indexed by day, each database's ends apart") { db in
            // A fetch adds each feed's new items at the end of that feed's entries in a (database, day) index: 200 feeds,
            // 200 places, each a page read, journalled and written again (a run into a store of 100 days changed ~577
            // pages of that index, 45 % of all it changed). Ordered (day, database), a run's entries are the newest
            // days' few pages. What the by-database order answered from the index's ends (a database's first and last
            // day, whether it held a document before a run) is kept in `documentDatabase`, a row a database, with the
            // largest document id it has counted (`StoreTransaction+DocumentDatabases`); a database's documents are read
            // day by day from the new index.
            try db.execute(
                sql: """
                    DROP INDEX documentByDatabaseDay;
                    CREATE INDEX documentByDayDatabase ON document(day, database);
                    CREATE TABLE documentDatabase (
                        database TEXT PRIMARY KEY,
                        firstDay TEXT NOT NULL,
                        lastDay TEXT NOT NULL,
                        firstId INTEGER NOT NULL
                    ) WITHOUT ROWID;
                    INSERT INTO documentDatabase (database, firstDay, lastDay, firstId)
                        SELECT database, MIN(day), MAX(day), MIN(id) FROM document GROUP BY database;
                    CREATE TABLE documentDatabaseCounted (throughId INTEGER NOT NULL);
                    INSERT INTO documentDatabaseCounted (throughId) SELECT COALESCE(MAX(id), 0) FROM document;
                    """)
        }
        return m
    }
}
