// The telecom module: coverage of villages and communes, and criterion 8.1–8.3 from evidence.
//
// Read this folder top to bottom like a chapter:
//   TelecomPlugin.swift        this file — what the module is, and how the executable wires it
//   Model/                     what a survey finds in a village, and a commune's facilities
//   Storage/                   the module's tables (migrations telecom.v1, v2) and their audited writes
//   Rules/                     the rules of 8.1–8.3 as data, with sources, and the assessment
//   Coverage/                  roll-ups of villages and households, and the gaps
//   Indicators/                telecom.communes_with_service, telecom.villages_4g, telecom.broadband_households,
//                              ntm.criterion_8
//   Import/                    `telecom import`: a village survey or commune facilities, all or nothing
//   Commands/                  the `telecom` commands, declared as data
//   Telecom.docc/Telecom.md    the user's and the maintainer's guide
import DomainShell
import NTMCore
import ShellKit

/// The `telecom` plugin: a shell plugin (its commands) and a domain module (its tables, indicators
/// and default targets) in one value.
///
/// Wiring, in the executable:
/// ```swift
/// let session = WorkspaceSession(actor: actor) {
///     try Workspace.open(location, modules: [TelecomPlugin.module, ...])   // tables and indicators
/// }
/// shell.register(TelecomPlugin(session: session))                         // commands
/// ```
/// Nothing here opens the database: commands ask the session when they run.
public struct TelecomPlugin: ModulePlugin {
    /// The module's name: the first word of its commands and the namespace of its migrations
    /// (`telecom.v1`), audit rows and indicators (`telecom.villages_4g`).
    public static let moduleName = "telecom"

    public var version: String { "1.0" }
    public var summary: String { "Telecom: village coverage, postal points and radio, criterion 8.1–8.3 from evidence" }

    /// Where commands read and write; nil for the module alone (its commands then refuse to run).
    let session: WorkspaceSession?

    /// The plugin over `session`, or the module alone (see ``ModulePlugin``).
    public init(wiredTo session: WorkspaceSession?) {
        self.session = session
    }

    // MARK: DomainModule

    public var migrations: [Migration] { TelecomSchema.migrations }
    public var indicators: [Indicator] { TelecomIndicators.all }
    public var defaultTargets: [TargetDefinition] { TelecomIndicators.defaultTargets }

    // MARK: Plugin

    public var commands: [CommandSpec] {
        let commands = TelecomCommands(session: session)
        return [
            commands.villageSet, commands.villageShow, commands.communeSet, commands.communeShow, commands.teamSet,
            commands.importFile, commands.coverage, commands.gaps, commands.assess, commands.rules,
            commands.operatorAdd, commands.operatorList,
        ]
    }
}
