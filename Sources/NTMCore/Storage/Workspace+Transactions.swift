import GRDB

/// Session transactions and atomic mutations.
///
/// GRDB forbids leaving a transaction open at the end of a database access unless
/// `Configuration.allowsUnsafeTransactions` is set; the workspace sets it and owns its single
/// connection (a `DatabaseQueue`), so a `BEGIN` issued by ``begin()`` stays open across later,
/// separate accesses until ``commit()`` or ``rollback()``. Every mutation runs in
/// ``inCommandSavepoint(_:_:)``: its own transaction when none is open, a savepoint inside the session
/// (or run) transaction otherwise — either way a failing mutation leaves nothing behind.
///
/// Under `--single-transaction` and `--dry-run` the whole run is one outer transaction; a session
/// transaction inside it is a named savepoint, so `begin`/`commit`/`rollback` keep their meaning.
extension Workspace {
    /// Whether a session transaction (``begin()``) is open.
    public var isInTransaction: Bool { state.sessionOpen }

    /// Opens a session transaction that spans the following commands until ``commit()`` or
    /// ``rollback()``. Allowed read-only too (a consistent snapshot for several reads).
    public func begin() throws {
        guard !state.sessionOpen else { throw DomainError.transactionAlreadyOpen }
        try translatingBusy { try queue.unsafeReentrantWrite { db in
            if state.runTransactionOpen {
                try db.execute(sql: "SAVEPOINT ntm_session")
            } else {
                try db.beginTransaction(isReadOnly ? .deferred : .immediate)
            }
        } }
        state.sessionOpen = true
        state.sessionUnitWrites = unitCache.writes
    }

    /// Commits the session transaction.
    public func commit() throws {
        guard state.sessionOpen else { throw DomainError.noTransaction(operation: "commit") }
        try queue.unsafeReentrantWrite { db in
            try checkSessionAlive(db)
            if state.runTransactionOpen {
                try db.execute(sql: "RELEASE SAVEPOINT ntm_session")
            } else {
                do {
                    try db.commit()
                } catch {
                    // A failed COMMIT leaves the transaction open in SQLite: undo it, so the
                    // session never ends half-committed.
                    try? db.rollback()
                    unitCache.rolledBack(since: state.sessionUnitWrites)
                    state.sessionOpen = false
                    throw error
                }
            }
        }
        state.sessionOpen = false
    }

    /// Rolls back the session transaction: every change since ``begin()`` is undone.
    public func rollback() throws {
        guard state.sessionOpen else { throw DomainError.noTransaction(operation: "rollback") }
        try queue.unsafeReentrantWrite { db in
            if state.runTransactionOpen {
                try db.execute(sql: "ROLLBACK TRANSACTION TO SAVEPOINT ntm_session")
                try db.execute(sql: "RELEASE SAVEPOINT ntm_session")
            } else if db.isInsideTransaction {
                try db.rollback()
            }
        }
        unitCache.rolledBack(since: state.sessionUnitWrites)
        state.sessionOpen = false
    }

    /// Runs one mutating command atomically, with its audit context.
    ///
    /// - Refused with ``DomainError/readOnly(operation:)`` on a read-only workspace, before `body`
    ///   runs.
    /// - `body` runs in a savepoint (or its own transaction): if it throws, nothing it wrote stays,
    ///   and a session transaction stays open with its earlier changes intact.
    /// - Domain operations on the store write audit rows stamped with `context`.
    ///
    /// Do not call the workspace again from inside `body`: use the store it is given.
    public func performMutation<T>(_ context: MutationContext, _ body: (DomainStore) throws -> T) throws -> T {
        guard !isReadOnly else { throw DomainError.readOnly(operation: context.operation) }
        return try translatingBusy { try queue.unsafeReentrantWrite { db in
            var result: T?
            let unitWrites = unitCache.writes
            do {
                try Self.inCommandSavepoint(db) {
                    result = try body(DomainStore(db: db, workspace: self, context: context))
                }
            } catch {
                // The savepoint is gone, and with it any unit this mutation wrote.
                unitCache.rolledBack(since: unitWrites)
                try checkSessionAlive(db, after: error)
                throw error
            }
            return result!
        } }
    }

    /// Runs `body` in a savepoint inside the open transaction (its own transaction when none is
    /// open): if it throws, nothing it wrote stays.
    ///
    /// Inside a transaction the savepoint statements are prepared once and kept, like every other
    /// statement of a command: a long command file pays for parsing them once, not on every line.
    static func inCommandSavepoint(_ db: Database, _ body: () throws -> Void) throws {
        guard db.isInsideTransaction else {
            // GRDB opens an immediate transaction for it (see `Database.inSavepoint`).
            try db.inSavepoint {
                try body()
                return .commit
            }
            return
        }
        try db.cachedStatement(sql: "SAVEPOINT ntm_command").execute()
        do {
            try body()
        } catch {
            // SQLite may have rolled the whole transaction back already (disk full, I/O error).
            if db.isInsideTransaction {
                try? db.cachedStatement(sql: "ROLLBACK TRANSACTION TO SAVEPOINT ntm_command").execute()
                try? db.cachedStatement(sql: "RELEASE SAVEPOINT ntm_command").execute()
            }
            throw error
        }
        try db.cachedStatement(sql: "RELEASE SAVEPOINT ntm_command").execute()
    }

    /// Turns SQLite's "database is locked" (after the busy timeout) into a sentence naming the holder.
    func translatingBusy<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
            var holder: String?
            if case .file(let path) = location { holder = Self.lockHolder(of: path) }
            throw DomainError.busy(path: location.description, seconds: busyTimeout, holder: holder)
        }
    }

    /// Detects a session (or run) transaction that SQLite rolled back by itself (disk full, I/O
    /// error) and reports it instead of pretending it is still open.
    private func checkSessionAlive(_ db: Database, after error: Error? = nil) throws {
        guard (state.sessionOpen || state.runTransactionOpen) && !db.isInsideTransaction else { return }
        unitCache.discard()
        state.sessionOpen = false
        state.runTransactionOpen = false
        throw DomainError.transactionAborted(reason: error.map { $0.domainMessage } ?? "transaction lost")
    }
}
