import GRDB
#if canImport(GRDBSQLite)
import GRDBSQLite
#elseif canImport(SQLite3)
import SQLite3
#endif

extension Database {
    /// Whether a table exists in the main database, asked of SQLite itself (GRDB's schema cache can lag
    /// behind a rollback that dropped a table created in the same transaction).
    ///
    /// Asked several times at every open: SQLite answers from the schema it has already parsed, where a
    /// query of `sqlite_master` would read every row of it again each time.
    func hasTable(_ name: String) throws -> Bool {
        // With no column name, this only looks the table up (a view is not a table).
        let code = sqlite3_table_column_metadata(sqliteConnection, "main", name, nil, nil, nil, nil, nil, nil)
        switch code {
        case SQLITE_OK: return true
        case SQLITE_ERROR: return false
        default: throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(sqliteConnection)))
        }
    }
}
