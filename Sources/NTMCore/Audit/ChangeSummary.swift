import GRDB

/// Rows added, changed and removed per module and entity: what a dry run reports.
///
/// Derived from audit rows (an entry standing for a bulk import counts its `rows`).
public struct ChangeSummary: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public var module: String
        public var entity: String
        public var added: Int
        public var changed: Int
        public var removed: Int
    }

    public var rows: [Row]

    public init(rows: [Row]) { self.rows = rows }

    /// True when nothing changed.
    public var isEmpty: Bool { rows.allSatisfy { $0.added == 0 && $0.changed == 0 && $0.removed == 0 } }

    /// Totals over all modules and entities.
    public var total: (added: Int, changed: Int, removed: Int) {
        rows.reduce((0, 0, 0)) { ($0.0 + $1.added, $0.1 + $1.changed, $0.2 + $1.removed) }
    }
}

extension AuditLog {
    /// The changes recorded by audit rows with an id greater than `afterID`.
    public func changeSummary(afterID: Int64) throws -> ChangeSummary {
        let rows = try Row.fetchAll(db, sql: """
            SELECT module, entity,
                   SUM(CASE WHEN before IS NULL THEN rows ELSE 0 END) AS added,
                   SUM(CASE WHEN before IS NOT NULL AND after IS NOT NULL THEN rows ELSE 0 END) AS changed,
                   SUM(CASE WHEN before IS NOT NULL AND after IS NULL THEN rows ELSE 0 END) AS removed
            FROM audit WHERE id > ? GROUP BY module, entity ORDER BY module, entity
            """, arguments: [afterID])
        return ChangeSummary(rows: rows.map {
            ChangeSummary.Row(module: $0["module"], entity: $0["entity"], added: $0["added"],
                              changed: $0["changed"], removed: $0["removed"])
        })
    }
}
