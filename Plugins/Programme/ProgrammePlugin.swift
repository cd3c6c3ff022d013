import NTMCore
import ShellKit

/// The programme plugin: the shell's commands over the domain core — units, criteria and
/// recognition, indicators, targets and progress, transactions, and the audit log.
///
/// Like every plugin it only declares commands and turns domain results into tables; the rules
/// live in NTMCore.
public struct ProgrammePlugin: Plugin {
    public let name = "programme"
    public let version = "1.0"
    public let summary = "NTM programme: units, criteria, recognition, targets, progress, audit"
    let session: WorkspaceSession

    /// A plugin whose commands use `session`'s workspace, opened on first use.
    public init(session: WorkspaceSession) {
        self.session = session
    }

    public var commands: [CommandSpec] {
        unitCommands + criteriaCommands + recognitionCommands + indicatorCommands
            + transactionCommands + auditCommands
    }

    /// Runs a read-only query against the workspace.
    func read<T>(_ body: (DomainStore) throws -> T) throws -> T {
        try session.read(body)
    }

    /// Runs a mutating command atomically, audited with the command line as typed.
    func mutate<T>(_ context: CommandContext, _ body: (DomainStore) throws -> T) throws -> T {
        try session.mutate(commandLine: context.commandLine, operation: context.spec.name, body)
    }
}
