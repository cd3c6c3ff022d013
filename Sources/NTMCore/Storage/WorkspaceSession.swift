import GRDB
#if canImport(GRDBSQLite)
import GRDBSQLite
#elseif canImport(SQLite3)
import SQLite3
#endif

/// The workspace of one ntm process, opened on first use, and the person its changes are recorded for.
///
/// Start-up must stay fast (`ntm -c version` never touches the database), so hosts and plugins hold
/// a session and ask it for the workspace only when a command needs data. An open failure is
/// remembered and reported again on the next use, rather than retried with a different outcome.
public final class WorkspaceSession: @unchecked Sendable {
    /// Who is recorded in audit rows (`--as NAME`, else the OS user).
    /// Looked up on first use: finding the OS user costs a password-database read that `version` need not pay.
    public private(set) lazy var actor: String = actorLookup()
    private let actorLookup: () -> String
    private let opener: () throws -> Workspace
    private var opened: Result<Workspace, Error>?

    /// A session that opens its workspace with `open` when first needed.
    public init(actor: @escaping @autoclosure () -> String = MutationContext.defaultActor, open: @escaping () throws -> Workspace) {
        self.actorLookup = actor
        self.opener = open
    }

    /// When true, opening the workspace also reads the unit registry into the index the workspace
    /// keeps, with what completion looks up (then again whenever the index is read again), so the
    /// first Tab completion of an interactive session does not pay for building them (one-shot
    /// commands leave it false: `unit show CODE` reads only what it shows).
    public var preloadsUnitIndex = false

    /// The workspace, opening it now if this is the first use.
    public func workspace() throws -> Workspace {
        if opened == nil {
            opened = Result { try opener() }
            if preloadsUnitIndex, case .success(let workspace) = opened {
                workspace.unitCache.preparesCompletion = true
                _ = try? workspace.read { try $0.units.index() }
            }
        }
        return try opened!.get()
    }

    /// The workspace if it has been opened successfully, without opening it.
    public var openedWorkspace: Workspace? {
        if case .success(let workspace) = opened { return workspace }
        return nil
    }

    /// Reads through a store.
    public func read<T>(_ body: (DomainStore) throws -> T) throws -> T {
        try workspace().read(body)
    }

    /// Runs one mutating command atomically and audited, stamped with the command line as typed.
    public func mutate<T>(commandLine: String, operation: String, _ body: (DomainStore) throws -> T) throws -> T {
        let context = MutationContext(actor: actor, commandLine: commandLine, operation: operation)
        return try workspace().performMutation(context, body)
    }
}

extension Workspace {
    /// The version of the SQLite library in use (for `version`).
    public static var sqliteVersion: String { String(cString: sqlite3_libversion()) }
}
