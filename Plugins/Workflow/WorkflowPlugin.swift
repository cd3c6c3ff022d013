// The administrative workflow module: documents processed online, and public-service dossiers.
//
// Read this folder top to bottom like a chapter:
//   WorkflowPlugin.swift        this file — what the module is, and how the executable wires it
//   Model/                      documents figures per office and period; dossiers, their statuses and channels
//   Calendar/                   day numbers, the working-day calendar and the bundled public holidays
//   Model/DossierClock.swift    the on-time rule of Decision 766/QĐ-TTg
//   Storage/                    the module's tables (migration workflow.v1) and their audited writes
//   Indicators/                 workflow.online_processing, .on_time, .online_dossiers, .full_process_online
//   Import/                     `workflow import` (portal exports) and `workflow documents import`
//   Reports/                    the period report, overdue dossiers, procedures
//   Commands/                   the `workflow` and `dossier` commands, declared as data
//   Workflow.docc/Workflow.md   the user's and the maintainer's guide
//
// The plan measures two different things, kept apart here and in every word the shell prints:
// *work files* (hồ sơ công việc) processed online in each office — the 95 / 85 / 60 targets — and
// *dossiers* (hồ sơ thủ tục hành chính) that citizens file at one-stop shops.
import DomainShell
import NTMCore
import ShellKit

/// The `workflow` plugin: a shell plugin (its commands) and a domain module (its tables, indicators
/// and default targets) in one value. Nothing here opens the database: commands ask the session
/// when they run, so start-up stays instant.
public struct WorkflowPlugin: ModulePlugin {
    /// The module's name: the first word of its commands and the namespace of its migrations
    /// (`workflow.v1`), audit rows and indicators (`workflow.on_time`).
    public static let moduleName = "workflow"

    public var version: String { "1.0" }
    public var summary: String { "Administrative workflow: documents processed online, public-service dossiers" }

    /// Where commands read and write; nil for the module alone (its commands then refuse to run).
    let session: WorkspaceSession?

    /// The plugin over `session`, or the module alone (see ``ModulePlugin``).
    public init(wiredTo session: WorkspaceSession?) {
        self.session = session
    }

    // MARK: DomainModule

    public var migrations: [Migration] { WorkflowSchema.migrations }
    public var indicators: [Indicator] { WorkflowIndicators.all }
    /// The plan's `workflow.online_processing` targets come from `ProvincialPlan`; the other
    /// indicators have no target in the plan (set one with `target set`).
    public var defaultTargets: [TargetDefinition] { [] }

    /// The bundled public holidays 2021–2026, written once when the module is installed.
    public func seed(_ store: DomainStore) throws {
        try store.holidays.seedBundled()
    }

    // MARK: Plugin

    /// `dossier show` as well as the `workflow` commands.
    public var commandWords: [String]? { [Self.moduleName, "dossier"] }

    public var commands: [CommandSpec] {
        let commands = WorkflowCommands(session: session)
        return [
            commands.documentsSet, commands.documentsShow, commands.documentsList, commands.documentsImport,
            commands.importFile, commands.report, commands.overdue, commands.procedures, commands.dossierShow,
            commands.holidayAdd, commands.holidayRemove, commands.holidayList,
        ]
    }
}
