import GRDB
#if canImport(GRDBSQLite)
import GRDBSQLite
#elseif canImport(SQLite3)
import SQLite3
#endif

extension Database {
    /// Whether a table exists, asked of SQLite itself (GRDB's schema cache can lag behind a rollback
    /// that dropped a table created in the same transaction).
    ///
    /// Asked several times at every open: a cached statement stepped directly.
    func hasTable(_ name: String) throws -> Bool {
        let statement = try cachedStatement(sql: "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")
        try statement.setArguments([name])
        var found = false
        try RawRows.each(statement) { _ in found = true }
        return found
    }
}
