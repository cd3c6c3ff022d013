// The e-health module: electronic health record coverage and connected health facilities.
//
// Read this folder top to bottom like a chapter:
//   EHealthPlugin.swift        this file — what the module is, and how the executable wires it
//   Model/                     the figures per commune and period, and health facilities
//   Storage/                   the module's tables (migration ehr.v1) and their audited writes
//   Indicators/                ehr.coverage, ehr.insurance, ehr.facilities_connected, ehr.stunting
//   Coverage/                  roll-ups from communes to districts and the province
//   Import/                    `ehr import`: figures per commune, and the fast person-level path
//   Commands/                  the `ehr` commands, declared as data
//   EHealth.docc/EHealth.md    the user's and the maintainer's guide
import DomainShell
import NTMCore
import ShellKit

/// The `ehr` plugin: a shell plugin (its commands) and a domain module (its tables, indicators and
/// default targets) in one value.
///
/// Wiring, in the executable:
/// ```swift
/// let session = WorkspaceSession(actor: actor) {
///     try Workspace.open(location, modules: [EHealthPlugin.module, ...])   // tables and indicators
/// }
/// shell.register(EHealthPlugin(session: session))                      // commands
/// ```
/// Nothing here opens the database: commands ask the session when they run (and completion when
/// Tab is pressed), so start-up stays instant.
public struct EHealthPlugin: ModulePlugin {
    /// The module's name: the first word of its commands and the namespace of its migrations
    /// (`ehr.v1`), audit rows and indicators (`ehr.coverage`).
    public static let moduleName = "ehr"

    public var version: String { "1.0" }
    public var summary: String { "E-health: electronic health record coverage, health facilities online" }

    /// Where commands read and write; nil for the module alone (its commands then refuse to run).
    let session: WorkspaceSession?

    /// The plugin over `session`, or the module alone (see ``ModulePlugin``).
    public init(wiredTo session: WorkspaceSession?) {
        self.session = session
    }

    // MARK: DomainModule

    public var migrations: [Migration] { EHealthSchema.migrations }
    public var indicators: [Indicator] { EHealthIndicators.all }
    public var defaultTargets: [TargetDefinition] { EHealthIndicators.defaultTargets }

    // MARK: Plugin

    public var commands: [CommandSpec] {
        let commands = EHealthCommands(session: session)
        return [
            commands.set, commands.importFile, commands.show, commands.coverage, commands.gaps,
            commands.facilityAdd, commands.facilityConnect, commands.facilityList,
        ]
    }
}
