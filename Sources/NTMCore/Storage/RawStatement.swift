import GRDB
#if canImport(GRDBSQLite)
import GRDBSQLite
#elseif canImport(SQLite3)
import SQLite3
#endif

/// Binding and stepping a cached statement straight through SQLite: what the per-row writes of
/// imports, `unit add` lines and audit rows run through, without building argument arrays.
struct RawStatement {
    let statement: Statement
    var raw: SQLiteStatement { statement.sqliteStatement }

    /// SQLite copies bound text at once, so Swift's buffers need not outlive the call.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    init(_ statement: Statement) { self.statement = statement }

    /// Resets the statement and clears its arguments.
    func reset() {
        sqlite3_reset(raw)
        sqlite3_clear_bindings(raw)
    }

    func bind(_ index: Int32, _ text: String?) {
        guard var utf8 = text else { sqlite3_bind_null(raw, index); return }
        utf8.withUTF8 { bytes in
            guard let base = bytes.baseAddress, !bytes.isEmpty else {
                _ = sqlite3_bind_text(raw, index, "", 0, Self.transient)
                return
            }
            _ = sqlite3_bind_text(raw, index, UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self),
                                  Int32(bytes.count), Self.transient)
        }
    }

    func bind(_ index: Int32, _ value: Int64?) {
        if let value { sqlite3_bind_int64(raw, index, value) } else { sqlite3_bind_null(raw, index) }
    }

    /// Steps to the end, then resets (bindings stay); a failure (a constraint, a full disk) throws as GRDB would.
    func execute() throws {
        var code = sqlite3_step(raw)
        while code == SQLITE_ROW { code = sqlite3_step(raw) }
        guard code == SQLITE_DONE else {
            let message = String(cString: sqlite3_errmsg(sqlite3_db_handle(raw)))
            sqlite3_reset(raw)
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
        }
        sqlite3_reset(raw)
    }
}
