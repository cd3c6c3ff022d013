import GRDB

extension Database {
    /// Whether a table exists, asked of SQLite itself (GRDB's schema cache can lag behind a rollback
    /// that dropped a table created in the same transaction).
    func hasTable(_ name: String) throws -> Bool {
        try Bool.fetchOne(self, sql: "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", arguments: [name]) ?? false
    }
}
