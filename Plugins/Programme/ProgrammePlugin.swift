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

    public var commandWords: [String]? {
        ["unit", "criteria", "recognition", "indicator", "target", "progress", "begin", "commit", "rollback", "audit"]
    }

    /// One group's commands: `unit show` builds the eight `unit` commands, not all of the plugin's.
    public func commands(firstWord word: String) -> [CommandSpec] {
        let group: [CommandSpec]
        switch word {
        case "unit": group = unitCommands
        case "criteria": group = criteriaCommands
        case "recognition": group = recognitionCommands
        case "indicator", "target", "progress": group = indicatorCommands
        case "begin", "commit", "rollback": group = transactionCommands
        case "audit": group = auditCommands
        default: group = commands
        }
        return group.filter { $0.path.first == word }
    }

    /// Runs a read-only query against the workspace.
    func read<T>(_ body: (DomainStore) throws -> T) throws -> T {
        try session.read(body)
    }

    /// An all-or-nothing import command: `NAME FILE`, the file resolved from the command file's folder.
    func importCommand(
        _ name: String, summary: String, description: String, example: CommandSpec.Example,
        _ importFile: @escaping (DomainStore, String, String) throws -> ImportReport
    ) -> CommandSpec {
        CommandSpec(
            name, summary: summary, description: description,
            parameters: [.positional("file", .path, "CSV or JSON file")],
            mutates: true, examples: [example]
        ) { context in
            let file = context.arguments.string("file")!
            let report = try mutate(context) { store in try importFile(store, context.resolvePath(file), file) }
            return .message(report.description)
        }
    }

    /// An export command: the stored records in the import's own columns, so `--format csv|json`
    /// output can be edited and imported back. `year` columns are numbers in JSON.
    func exportCommand(
        _ name: String, summary: String, parameters: [Parameter], example: CommandSpec.Example,
        _ export: @escaping (DomainStore, Arguments) throws -> RecordTable
    ) -> CommandSpec {
        CommandSpec(name, summary: summary, parameters: parameters, examples: [example]) { context in
            try read { store in
                let records = try export(store, context.arguments)
                let numeric: Set<String> = ["year"]
                return .table(ResultTable(
                    columns: records.columns.map { Column($0, numeric.contains($0) ? .year : .text) },
                    rows: records.rows.map { row in
                        zip(records.columns, row).map { column, value in
                            numeric.contains(column) ? Cell.integer(value.flatMap { Int($0) }) : Cell.text(value)
                        }
                    }
                ))
            }
        }
    }

    /// Runs a mutating command atomically, audited with the command line as typed.
    func mutate<T>(_ context: CommandContext, _ body: (DomainStore) throws -> T) throws -> T {
        try session.mutate(commandLine: context.commandLine, operation: context.spec.name, body)
    }
}
