import GRDB

/// What happened to a run's changes at ``Workspace/finishRun(succeeded:)``.
public struct RunOutcome: Sendable, Equatable {
    /// True when the run's changes are now in the database.
    public var committed: Bool
    /// True when a session transaction was still open and was rolled back (like psql at exit).
    public var rolledBackOpenTransaction: Bool
    /// The changes the run made (dry run: would have made), from its audit rows.
    public var changes: ChangeSummary
}

extension Workspace {
    /// Starts the outer transaction of a `singleTransaction` or `dryRun` run (called by open).
    func beginRunTransaction() throws {
        try queue.unsafeReentrantWrite { db in
            try db.beginTransaction(isReadOnly ? .deferred : .immediate)
        }
        state.runTransactionOpen = true
        state.runUnitWrites = unitCache.writes
    }

    /// The id of the latest audit row (0 when none): audit rows after it belong to the run.
    func latestAuditID() throws -> Int64 {
        try queue.unsafeReentrantWrite { db in
            guard try db.hasTable(AuditLog.table) else { return 0 }
            var latest: Int64 = 0
            try RawRows.each(db.cachedStatement(sql: "SELECT MAX(id) FROM \(AuditLog.table)")) { latest = $0.int64(0) }
            return latest
        }
    }

    /// Ends the run according to the run mode and reports what changed.
    ///
    /// A session transaction left open is rolled back first (like psql at exit). Then:
    /// - `normal`: everything else is already committed;
    /// - `singleTransaction`: commits everything when `succeeded`, otherwise rolls everything back;
    /// - `dryRun`: always rolls back.
    ///
    /// `changes` summarises the run's audit rows (not the installation's) at that point: what was
    /// committed, or — when `committed` is false — what was discarded or, in a dry run, what the
    /// run would have changed. Call it once, before ``close()``.
    @discardableResult
    public func finishRun(succeeded: Bool) throws -> RunOutcome {
        try queue.unsafeReentrantWrite { db in
            var rolledBackSession = false
            if state.sessionOpen {
                try rollback()
                rolledBackSession = true
            }
            // No audit row since the run began (a run that only read): nothing to summarise.
            let latest = try latestAuditID()
            let changes = latest > state.runStartAuditID
                ? try AuditLog(db: db, context: nil).changeSummary(afterID: state.runStartAuditID)
                : ChangeSummary(rows: [])
            var committed = true
            var rolledBackRun = false
            if state.runTransactionOpen {
                committed = runMode == .singleTransaction && succeeded
                if db.isInsideTransaction {
                    if committed { try db.commit() } else { try db.rollback() }
                }
                if !committed { unitCache.rolledBack(since: state.runUnitWrites) }
                rolledBackRun = !committed
                state.runTransactionOpen = false
            }
            state.runStartAuditID = rolledBackRun ? try latestAuditID() : latest
            return RunOutcome(committed: committed, rolledBackOpenTransaction: rolledBackSession, changes: changes)
        }
    }

    /// Closes the database. A session transaction still open is rolled back (the return value
    /// says so); an unfinished single-transaction or dry run is rolled back too.
    @discardableResult
    public func close() throws -> Bool {
        var rolledBack = false
        try queue.unsafeReentrantWrite { db in
            if state.sessionOpen {
                if db.isInsideTransaction { try db.rollback() }
                state.sessionOpen = false
                rolledBack = true
            }
            if state.runTransactionOpen {
                if db.isInsideTransaction { try db.rollback() }
                state.runTransactionOpen = false
            }
        }
        unitCache.discard()
        // The closing checkpoint then finds the pages copied, and removes the log.
        checkpointer?.wait()
        try queue.close()
        return rolledBack
    }
}
