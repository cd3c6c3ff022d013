/// How a module's operations reach the database: reads, and atomic audited mutations.
///
/// A module's commands use a ``SessionAccess`` stamped with the command line being run; tests and
/// tools use a ``WorkspaceAccess``. Keeping operations behind this protocol is what lets an import
/// be tested without a shell. One definition for every module, so they all reach the domain alike.
public protocol DomainAccess {
    func read<T>(_ body: (DomainStore) throws -> T) throws -> T
    /// One atomic mutation: everything `body` writes stays, or nothing does.
    func mutate<T>(_ body: (DomainStore) throws -> T) throws -> T
}

/// Access through the process's lazily opened workspace, for one command line.
public struct SessionAccess: DomainAccess {
    public let session: WorkspaceSession
    /// The command as typed (recorded in audit rows) and its name (in refusals).
    public let commandLine: String
    public let operation: String

    public init(session: WorkspaceSession, commandLine: String, operation: String) {
        self.session = session
        self.commandLine = commandLine
        self.operation = operation
    }

    public func read<T>(_ body: (DomainStore) throws -> T) throws -> T {
        try session.read(body)
    }

    public func mutate<T>(_ body: (DomainStore) throws -> T) throws -> T {
        try session.mutate(commandLine: commandLine, operation: operation, body)
    }
}

/// Access to a workspace with a fixed mutation context (tests, tools).
public struct WorkspaceAccess: DomainAccess {
    public let workspace: Workspace
    public var context: MutationContext

    public init(workspace: Workspace, context: MutationContext = MutationContext(actor: "test", commandLine: "(direct)")) {
        self.workspace = workspace
        self.context = context
    }

    public func read<T>(_ body: (DomainStore) throws -> T) throws -> T {
        try workspace.read(body)
    }

    public func mutate<T>(_ body: (DomainStore) throws -> T) throws -> T {
        try workspace.performMutation(context, body)
    }
}
