import Foundation
import CSQLiteSetup
import GRDB
#if canImport(GRDBSQLite)
import GRDBSQLite
#elseif canImport(SQLite3)
import SQLite3
#endif

/// The ntm database and the modules installed in it: the one object a host opens.
///
/// Opening is cheap: it opens SQLite, checks the applied migrations and — only when the database
/// is new or older than this build — migrates and seeds it. Hosts should open the workspace only
/// when a command needs it (`ntm -c version` must never touch the database).
///
/// All access goes through two doors, both serialized on one SQLite connection:
/// - ``read(_:)`` for queries;
/// - ``performMutation(_:_:)`` for changes: atomic, audited, refused on a read-only workspace.
///
/// A session transaction (``begin()`` … ``commit()``/``rollback()``) stays open across calls;
/// see `Workspace+Transactions.swift`. Run-level modes (`--single-transaction`, `--dry-run`) are
/// chosen at open; see `Workspace+RunModes.swift`.
public final class Workspace: @unchecked Sendable {
    /// Where the database lives.
    public enum Location: Sendable, Equatable, CustomStringConvertible {
        /// A file; created (with its schema) on first read-write open.
        case file(String)
        /// A private in-memory database, gone at close (demo sandbox, tests).
        case memory

        /// `:memory:` selects ``memory``; anything else is a file path.
        public init(_ text: String) {
            self = text == ":memory:" ? .memory : .file(text)
        }

        public var description: String {
            switch self {
            case .file(let path): return path
            case .memory: return ":memory:"
            }
        }
    }

    /// How a whole run (one `ntm` process) treats its changes.
    public enum RunMode: Sendable, Equatable {
        /// Each mutation commits on its own (or with its session transaction).
        case normal
        /// The whole run is one transaction: ``finishRun(succeeded:)`` commits it all or nothing.
        case singleTransaction
        /// Everything runs, then ``finishRun(succeeded:)`` reports the changes and rolls back; the
        /// database file is left byte-for-byte unchanged.
        case dryRun
    }

    /// Where the database was asked to be.
    public let location: Location
    /// True when the database was opened read-only: every mutation is refused.
    public let isReadOnly: Bool
    /// The run mode chosen at open.
    public let runMode: RunMode
    /// The modules installed, the core first.
    public let modules: [any DomainModule]
    /// Every indicator the installed modules declare.
    public let indicators: IndicatorCatalog
    /// Migration namespaces found in the database that no registered module owns (left untouched).
    public internal(set) var foreignModules: [String] = []
    /// Migrations applied by this open (empty when the database was up to date).
    public internal(set) var appliedMigrations: [String] = []

    let queue: DatabaseQueue
    let state = WorkspaceState()
    /// The unit index kept for the session (see `Workspace+UnitCache.swift`).
    let unitCache = UnitCache()
    let busyPolicy: BusyPolicy
    /// Copies a large commit's pages into the file on another thread (writable files only).
    var checkpointer: WriteAheadCheckpointer?

    /// SQLite's process-wide settings, made once before the first connection (``CSQLiteSetup``): no memory
    /// statistics, whose global lock the session's connection and a background checkpoint's queued on.
    private static let sqliteConfigured: Bool = {
        ntm_sqlite_disable_memory_statistics() == SQLITE_OK
    }()

    /// Opens (creating and seeding if needed) the database at `location`.
    ///
    /// - Parameters:
    ///   - readOnly: open without write access; fails if the database is missing or needs migrating.
    ///   - runMode: see ``RunMode``. In `dryRun` a file that does not exist yet is not created: the
    ///     run happens in memory.
    ///   - modules: plugin modules, installed after the core in this order.
    ///   - actor: who is recorded in the audit rows of installation (migrations and seeding); asked
    ///     only when the database is installed or upgraded (finding the OS user costs a
    ///     password-database read that an up-to-date database need not pay).
    /// - Throws: ``DomainError/newerDatabase(path:unknownMigrations:)`` for a database written by a
    ///   newer ntm; ``DomainError/needsMigration(path:pendingMigrations:)`` on a read-only open of
    ///   an out-of-date database; ``DomainError/noDatabase(path:)``.
    public static func open(_ location: Location, readOnly: Bool = false, runMode: RunMode = .normal,
                            modules: [any DomainModule] = [],
                            actor: @autoclosure @escaping () -> String = MutationContext.defaultActor) throws -> Workspace {
        try Workspace(location: location, readOnly: readOnly, runMode: runMode, modules: modules, actor: actor)
    }

    private init(location: Location, readOnly: Bool, runMode: RunMode, modules: [any DomainModule],
                 actor: () -> String) throws {
        self.location = location
        self.isReadOnly = readOnly
        self.runMode = runMode
        let all: [any DomainModule] = [CoreModule()] + modules
        var seen = Set<String>()
        for module in all {
            guard seen.insert(module.name).inserted else {
                throw DomainError.invalid("module '\(module.name)' is registered twice")
            }
        }
        self.modules = all
        self.indicators = try IndicatorCatalog(modules: all)

        _ = Self.sqliteConfigured
        var config = Configuration()
        config.label = "ntm"
        config.allowsUnsafeTransactions = true   // session transactions span separate accesses
        config.foreignKeysEnabled = true
        let busyPolicy = BusyPolicy(timeout: 5)
        self.busyPolicy = busyPolicy
        config.busyMode = .callback { busyPolicy.shouldRetry($0) }
        config.readonly = readOnly
        config.prepareDatabase { db in
            SQLFunctions.register(in: db)
            // The first 4 MB of the file read through a memory map instead of a read call and a copy into SQLite's
            // cache per page: the registry's tables, written first, lie there, and a report over ten thousand
            // villages reads hundreds of their pages. No more: mapped pages count as the process's memory, and a
            // scan of a million dossiers would hold the whole file resident. Writes still go through the WAL.
            try db.execute(sql: "PRAGMA mmap_size = 4194304")
        }

        switch location {
        case .memory:
            queue = try DatabaseQueue(configuration: config)
        case .file(let path):
            let exists = FileManager.default.fileExists(atPath: path)
            if readOnly && !exists { throw DomainError.noDatabase(path: path) }
            if runMode == .dryRun && !exists {
                // Creating the file would change the disk: rehearse in memory instead.
                queue = try DatabaseQueue(configuration: config)
            } else {
                do {
                    queue = try DatabaseQueue(path: readOnly ? Self.readOnlyPath(path) : path, configuration: config)
                } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
                    throw DomainError.notAnNTMDatabase(path: path, reason: "the file is not an SQLite database")
                } catch let error as DatabaseError where error.resultCode == .SQLITE_CANTOPEN {
                    let folder = (path as NSString).deletingLastPathComponent
                    let reason = !folder.isEmpty && !FileManager.default.fileExists(atPath: folder)
                        ? "the folder '\(folder)' does not exist" : (error.message ?? "unable to open the file")
                    throw DomainError.cannotOpen(path: path, reason: reason)
                }
            }
        }
        do {
            // Refuse a newer or foreign database before anything could touch the file.
            try queue.unsafeReentrantWrite { db in
                _ = try migrationPlan(applied: Self.appliedMigrations(db, path: location.description))
            }
            if case .file(let path) = location, !readOnly, runMode != .dryRun {
                try useWriteAheadLog()
                let checkpointer = WriteAheadCheckpointer(path: path)
                queue.inDatabase { checkpointer.install(on: $0) }
                self.checkpointer = checkpointer
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            try? queue.close()
            throw DomainError.notAnNTMDatabase(path: location.description, reason: "the file is not an SQLite database")
        } catch {
            try? queue.close()
            throw error
        }
        do {
            if runMode != .normal { try translatingBusy { try beginRunTransaction() } }
            try migrate(actor: actor)
            // After installation: a run's changes (and a dry run's report) are the script's own.
            state.runStartAuditID = try latestAuditID()
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            try? queue.close()
            throw DomainError.notAnNTMDatabase(path: location.description, reason: "the file is not an SQLite database")
        } catch {
            try? queue.close()
            throw error
        }
    }

    /// Switches the file to WAL (once: the mode is stored in the file) with `synchronous = NORMAL`.
    ///
    /// Done by hand rather than with GRDB's `journalMode = .wal`, which writes a dummy table at
    /// every open to create the WAL file: that would make every start-up a write and change the
    /// file of a database that is then refused. A dry run never switches (that rewrites the header).
    private func useWriteAheadLog() throws {
        try queue.unsafeReentrantWrite { db in
            if try String.fetchOne(db, sql: "PRAGMA journal_mode") != "wal" {
                guard try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL") == "wal" else {
                    throw DomainError.invalid("cannot switch '\(location)' to WAL mode")
                }
            }
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
    }

    /// What SQLite is asked to open for a read-only workspace.
    ///
    /// With no `-wal` or `-shm` beside the file no other process has it open, so it is opened as an
    /// immutable snapshot (a URI with `immutable=1`): SQLite then takes no locks and creates no `-shm`
    /// or `-wal` file, which works in a folder the user cannot write and leaves nothing behind.
    /// Otherwise a writer may be at work and the usual read-only open shares its WAL.
    static func readOnlyPath(_ path: String) -> String {
        let manager = FileManager.default
        guard !manager.fileExists(atPath: path + "-wal"), !manager.fileExists(atPath: path + "-shm") else { return path }
        var encoded = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "/"), UInt8(ascii: "."), UInt8(ascii: "-"),
                 UInt8(ascii: "_"), UInt8(ascii: "~"):
                encoded.append(Character(Unicode.Scalar(byte)))
            default:
                encoded += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
        }
        // An absolute path is `file:///…`; a relative one `file:…` (both are SQLite URIs).
        return "file:" + (path.hasPrefix("/") ? "//" : "") + encoded + "?mode=ro&immutable=1"
    }

    /// The module with this name, if installed.
    public func module(named name: String) -> (any DomainModule)? {
        modules.first { $0.name == name }
    }

    /// Reads through a store; mutations through it are refused (use ``performMutation(_:_:)``).
    ///
    /// Inside an open session transaction, reads see its uncommitted changes.
    ///
    /// The access runs in a savepoint and is refused, undone, if it changed rows. Not with SQLite's
    /// `PRAGMA query_only`: setting a pragma expires every prepared statement of the connection, so
    /// each read made the next command prepare all its cached statements again (most of the cost of
    /// a command in a long script).
    public func read<T>(_ body: (DomainStore) throws -> T) throws -> T {
        try queue.unsafeReentrantWrite { db in
            let connection = db.sqliteConnection
            let changes = sqlite3_total_changes64(connection)
            // Prepared once and kept: a command file reads on every line.
            try db.cachedStatement(sql: "SAVEPOINT ntm_read").execute()
            let result: T
            do {
                result = try body(DomainStore(db: db, workspace: self, context: nil))
            } catch {
                try? db.execute(sql: "ROLLBACK TO SAVEPOINT ntm_read")
                try? db.execute(sql: "RELEASE SAVEPOINT ntm_read")
                throw error
            }
            if sqlite3_total_changes64(connection) != changes {
                try? db.execute(sql: "ROLLBACK TO SAVEPOINT ntm_read")
                try? db.execute(sql: "RELEASE SAVEPOINT ntm_read")
                throw DomainError.notInMutation(operation: "a change inside a read")
            }
            try db.cachedStatement(sql: "RELEASE SAVEPOINT ntm_read").execute()
            return result
        }
    }

    /// Direct GRDB access for modules' own queries and bulk jobs, without a domain store.
    ///
    /// Writes made here are neither audited nor atomic unless the caller arranges it: prefer
    /// ``performMutation(_:_:)``. Provided for module migrations-like maintenance and tests.
    public func withDatabase<T>(_ body: (Database) throws -> T) throws -> T {
        try queue.unsafeReentrantWrite { db in try body(db) }
    }
}

/// Mutable transaction bookkeeping of a workspace, behind a lock.
final class WorkspaceState: @unchecked Sendable {
    private let lock = NSLock()
    private var _sessionOpen = false
    private var _runTransactionOpen = false
    private var _runStartAuditID: Int64 = 0
    private var _sessionUnitWrites = 0
    private var _runUnitWrites = 0

    var sessionOpen: Bool {
        get { lock.withLock { _sessionOpen } }
        set { lock.withLock { _sessionOpen = newValue } }
    }

    var runTransactionOpen: Bool {
        get { lock.withLock { _runTransactionOpen } }
        set { lock.withLock { _runTransactionOpen = newValue } }
    }

    /// ``UnitCache/writes`` when the session transaction began.
    var sessionUnitWrites: Int {
        get { lock.withLock { _sessionUnitWrites } }
        set { lock.withLock { _sessionUnitWrites = newValue } }
    }

    /// ``UnitCache/writes`` when the run transaction began.
    var runUnitWrites: Int {
        get { lock.withLock { _runUnitWrites } }
        set { lock.withLock { _runUnitWrites = newValue } }
    }

    var runStartAuditID: Int64 {
        get { lock.withLock { _runStartAuditID } }
        set { lock.withLock { _runStartAuditID = newValue } }
    }
}
