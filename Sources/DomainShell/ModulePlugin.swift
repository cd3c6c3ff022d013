import NTMCore
import ShellKit

/// A module that is a shell plugin (its commands) and a domain module (its tables, indicators and
/// default targets) in one value: what every module under `Plugins/` is, wired the same way.
///
/// A module declares its name, its commands and its tables, and how to hold a session; the ways to
/// make one (wired to the process's session, over a lazily opened workspace, or alone for
/// `Workspace.open(modules:)`) come from here. Nothing opens the database until a command runs.
public protocol ModulePlugin: Plugin, DomainModule {
    /// The first word of the module's commands and the namespace of its migrations, audit rows and
    /// indicators (`ehr`: `ehr.v1`, `ehr.coverage`).
    static var moduleName: String { get }

    /// The plugin over `session`; nil makes the module alone, whose commands refuse to run.
    init(wiredTo session: WorkspaceSession?)
}

extension ModulePlugin {
    /// The module alone, for `Workspace.open(modules:)`: tables, indicators and targets.
    public static var module: Self { Self(wiredTo: nil) }

    public var name: String { Self.moduleName }

    /// The module's name is its commands' first word (a module with others says so): its commands are
    /// built when the word is first used.
    public var commandWords: [String]? { [Self.moduleName] }

    /// The plugin wired to the process's workspace session: commands read and mutate through it,
    /// stamped with the session's actor and the command line as typed.
    public init(session: WorkspaceSession) {
        self.init(wiredTo: session)
    }

    /// The plugin over a lazily opened workspace: `workspace` is called on first use only, and its
    /// result (or failure) kept; `actor` is recorded in audit rows.
    public init(workspace: @escaping @Sendable () throws -> Workspace, actor: String = MutationContext.defaultActor) {
        self.init(wiredTo: WorkspaceSession(actor: actor, open: workspace))
    }

    /// The module alone (see ``module``).
    public init() {
        self.init(wiredTo: nil)
    }
}
