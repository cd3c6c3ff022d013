import NTMCore

/// How the module's operations reach the database: reads, and atomic audited mutations.
///
/// Commands use a ``SessionAccess`` stamped with the command line being run; tests may use a
/// workspace directly. Keeping operations behind this protocol is what lets the import be tested
/// without a shell.
protocol DomainAccess {
    func read<T>(_ body: (DomainStore) throws -> T) throws -> T
    /// One atomic mutation: everything `body` writes stays, or nothing does.
    func mutate<T>(_ body: (DomainStore) throws -> T) throws -> T
}

/// Access through the process's lazily opened workspace, for one command line.
struct SessionAccess: DomainAccess {
    let session: WorkspaceSession
    /// The command as typed (recorded in audit rows) and its name (in refusals).
    let commandLine: String
    let operation: String

    func read<T>(_ body: (DomainStore) throws -> T) throws -> T {
        try session.read(body)
    }

    func mutate<T>(_ body: (DomainStore) throws -> T) throws -> T {
        try session.mutate(commandLine: commandLine, operation: operation, body)
    }
}

/// Access to a workspace with a fixed mutation context (tests, tools).
struct WorkspaceAccess: DomainAccess {
    let workspace: Workspace
    var context = MutationContext(actor: "test", commandLine: "(direct)")

    func read<T>(_ body: (DomainStore) throws -> T) throws -> T {
        try workspace.read(body)
    }

    func mutate<T>(_ body: (DomainStore) throws -> T) throws -> T {
        try workspace.performMutation(context, body)
    }
}
