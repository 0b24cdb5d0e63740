import Foundation
import GRDB
import GRDBSQLite

/// One of GRDB's prepared statements, bound and stepped with SQLite's own calls, for the inserts a
/// fetch or import makes by the thousand (documents, mentions, coverage spans, series, their points):
/// building GRDB's arguments for each row cost about as much as SQLite's insert itself. Each row binds
/// every parameter. Also for the small reads a fetch makes for each feed (`nextRow`, `int64`, `text`):
/// GRDB's rows cost more than the seeks behind them.
struct BoundStatement {
    private let statement: Statement
    private let db: Database
    private var handle: OpaquePointer { statement.sqliteStatement }
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    init(_ db: Database, sql: String) throws {
        self.db = db
        statement = try db.cachedStatement(sql: sql)
    }

    /// Starts a row (the previous row's values are all bound again).
    func reset() { sqlite3_reset(handle) }

    func bind(_ i: Int32, _ value: Int64) { sqlite3_bind_int64(handle, i, value) }

    func bind(_ i: Int32, _ value: Int64?) {
        if let value { sqlite3_bind_int64(handle, i, value) } else { sqlite3_bind_null(handle, i) }
    }

    func bind(_ i: Int32, _ value: Int?) {
        if let value { sqlite3_bind_int64(handle, i, Int64(value)) } else { sqlite3_bind_null(handle, i) }
    }

    func bind(_ i: Int32, _ value: Double?) {
        if let value { sqlite3_bind_double(handle, i, value) } else { sqlite3_bind_null(handle, i) }
    }

    /// Binds text as GRDB does, as a C string: a value holding NUL is cut there (so a key stored through GRDB
    /// and the same key bound here are equal).
    func bind(_ i: Int32, _ value: String?) {
        guard let value else { sqlite3_bind_null(handle, i); return }
        _ = value.withCString { sqlite3_bind_text(handle, i, $0, -1, Self.transient) }
    }

    func bind(_ i: Int32, _ value: Bool) { sqlite3_bind_int64(handle, i, value ? 1 : 0) }

    /// Binds bytes as a blob (SQLite copies them).
    func bind(blob i: Int32, _ bytes: UnsafeRawBufferPointer) {
        sqlite3_bind_blob(handle, i, bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 8)!, Int32(bytes.count), Self.transient)
    }

    /// Runs the row's insert; a failure is GRDB's `DatabaseError`, as if GRDB had run it.
    func step() throws {
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE else { throw failure(code) }
    }

    /// Steps a query to its next row: true on a row (read it with `int64` and `text`), false once done.
    func nextRow() throws -> Bool {
        let code = sqlite3_step(handle)
        if code == SQLITE_ROW { return true }
        guard code == SQLITE_DONE else { throw failure(code) }
        return false
    }

    /// The current row's value in `column` (from 0) as an integer (0 for NULL).
    func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }

    /// Whether the current row's value in `column` (from 0) is NULL.
    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }

    /// The current row's value in `column` (from 0) as text; nil for NULL.
    func text(_ column: Int32) -> String? { sqlite3_column_text(handle, column).map { String(cString: $0) } }

    /// Calls `body` with the current row's value in `column` (from 0) as bytes, in place (valid only within `body`);
    /// nil for NULL, an empty buffer for an empty blob.
    func withBlob<T>(_ column: Int32, _ body: (UnsafeRawBufferPointer?) throws -> T) rethrows -> T {
        guard !isNull(column) else { return try body(nil) }
        let bytes = sqlite3_column_blob(handle, column)  // before the count, as SQLite asks
        let count = Int(sqlite3_column_bytes(handle, column))
        return try body(UnsafeRawBufferPointer(start: count > 0 ? bytes : nil, count: count))
    }

    /// GRDB's `DatabaseError` for a failed step, as if GRDB had run the statement (which is reset).
    private func failure(_ code: Int32) -> DatabaseError {
        let message = db.sqliteConnection.map { String(cString: sqlite3_errmsg($0)) }
        sqlite3_reset(handle)
        return DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
    }
}
