// The training module: the registry of officials, the courses they take, and the 100% target.
//
// Read this folder top to bottom like a chapter:
//   TrainingPlugin.swift         this file — what the module is, and how the executable wires it
//   Model/                       officials, assignments, roles, courses, classes, enrolments, headcounts
//   Storage/                     the module's tables (migration training.v1) and their audited writes;
//                                national ID numbers kept only as keyed hashes
//   Coverage/                    who served where on a day and what they were trained in
//   Indicators/                  training.managers_trained, training.commune_officials_digital(_em)
//   Import/                      `training import`: rosters, completions, a Moodle completion export
//   Commands/                    the `training` commands, declared as data
//   Training.docc/Training.md    the user's and the maintainer's guide
import DomainShell
import NTMCore
import ShellKit

/// The `training` plugin: a shell plugin (its commands) and a domain module (its tables, indicators and
/// default targets) in one value, wired like ``EHealth``'s.
public struct TrainingPlugin: ModulePlugin {
    /// The module's name: the first word of its commands and the namespace of its migrations
    /// (`training.v1`), audit rows and indicators (`training.managers_trained`).
    public static let moduleName = "training"

    public var version: String { "1.0" }
    public var summary: String { "Training: officials, courses, completions, the 100% target for managers" }

    /// Where commands read and write; nil for the module alone (its commands then refuse to run).
    let session: WorkspaceSession?

    /// The plugin over `session`, or the module alone (see ``ModulePlugin``).
    public init(wiredTo session: WorkspaceSession?) {
        self.session = session
    }

    // MARK: DomainModule

    public var migrations: [Migration] { TrainingSchema.migrations }
    public var indicators: [Indicator] { TrainingIndicators.all }
    public var defaultTargets: [TargetDefinition] { TrainingIndicators.defaultTargets }

    // MARK: Plugin

    public var commands: [CommandSpec] {
        let commands = TrainingCommands(session: session)
        return [
            commands.officialAdd, commands.officialShow, commands.officialList, commands.officialMove,
            commands.roleAdd, commands.roleList, commands.communeSet,
            commands.courseAdd, commands.courseList, commands.classAdd, commands.classList,
            commands.enrol, commands.complete, commands.mark, commands.headcountSet, commands.headcountList,
            commands.coverage, commands.gaps, commands.importFile,
            commands.history, commands.roster, commands.export,
        ]
    }
}
