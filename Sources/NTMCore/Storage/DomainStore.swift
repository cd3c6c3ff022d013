import GRDB

/// The domain seen through one database access: what ``Workspace/read(_:)`` and
/// ``Workspace/performMutation(_:_:)`` hand to their closure.
///
/// Domain operations hang off it (`store.units`, `store.criteria`, `store.recognition`,
/// `store.targets`, `store.indicators`, `store.audit`); modules use ``db`` for their own tables
/// and ``audit`` to record their changes. A store from `read` refuses mutations.
///
/// Valid only inside the closure it was given to; do not keep it.
public struct DomainStore {
    /// The GRDB connection, inside the current access (a savepoint when mutating).
    public let db: Database
    /// The workspace: registered modules and indicators.
    public let workspace: Workspace
    /// The audit context when mutating; nil for reads.
    public let context: MutationContext?

    /// What this access has already loaded, so one command reads the unit registry once.
    let memo = Memo()
    /// While a module is being installed: counts its writes instead of auditing each one.
    let installation: InstallationTally?

    init(db: Database, workspace: Workspace, context: MutationContext?, installation: InstallationTally? = nil) {
        self.db = db
        self.workspace = workspace
        self.context = context
        self.installation = installation
    }

    /// Per-access cache; lives and dies with the access.
    final class Memo {
        /// The workspace's unit index, checked against other processes' writes once per access.
        var unitIndex: UnitIndex?
        /// The neighbourhood of one code, while the session has not read the whole index; dropped
        /// when this access writes a unit or a link.
        var neighbourhood: (code: String, index: UnitIndex)?
        /// The mutation's timestamp as audit rows store it, once formatted.
        var auditTime: (time: Double, text: String)?
    }

    /// Whether mutations are allowed through this store.
    public var isMutable: Bool { context != nil }

    /// The mutation context, or ``DomainError/notInMutation(operation:)``: call it at the start of
    /// every mutating operation.
    public func requireMutation(_ operation: String) throws -> MutationContext {
        guard let context else { throw DomainError.notInMutation(operation: operation) }
        return context
    }

    /// Append-only change log; modules record their own mutations here.
    public var audit: AuditLog { AuditLog(db: db, context: context, installation: installation, memo: memo) }
}
