import DomainShell
import NTMCore
import Programme
import EHealth
import Training
import Telecom
import Workflow
import ShellKit

/// Wires the engine to the domain: opens the workspace lazily, refuses changes read-only,
/// shows an open transaction in the prompt, and settles the run (commit, roll back, dry-run summary).
final class WorkspaceHost: ShellHost {
    let options: Options
    let console: Console
    let interactive: Bool
    let session: WorkspaceSession
    let plugins: [Plugin]
    /// The `busytimeout` setting, read when the workspace opens and whenever it changes.
    let busyTimeout = BusyTimeout()

    final class BusyTimeout {
        var seconds: Double = 5
    }

    /// Applies `set busytimeout N` (to the open workspace, and to one opened later).
    func setBusyTimeout(_ seconds: Double) {
        busyTimeout.seconds = seconds
        session.openedWorkspace?.busyTimeout = seconds
    }

    /// Where the database is: `--db`, else the default path (worked out only when needed).
    lazy var location: Workspace.Location = Self.location(options)

    static func location(_ options: Options) -> Workspace.Location {
        Workspace.Location(options.db ?? ((try? Workspace.defaultDatabasePath()) ?? ":memory:"))
    }

    init(options: Options, console: Console, interactive: Bool) {
        self.options = options
        self.console = console
        self.interactive = interactive
        let explicit = options.db
        let runMode: Workspace.RunMode = options.dryRun ? .dryRun : (options.singleTransaction ? .singleTransaction : .normal)
        let readOnly = options.readOnly
        // Filled below: the plugins are the modules, and the opener needs them.
        var modules: [any DomainModule] = []
        let busy = busyTimeout
        let session = WorkspaceSession(actor: options.actor ?? MutationContext.defaultActor) {
            do {
                if explicit == nil && !readOnly { _ = try Workspace.defaultDatabasePath(createDirectories: true) }
                let workspace = try Workspace.open(Self.location(options), readOnly: readOnly, runMode: runMode, modules: modules,
                                                   actor: options.actor ?? MutationContext.defaultActor)
                workspace.busyTimeout = busy.seconds
                return workspace
            } catch {
                throw DatabaseOpenError(underlying: error)
            }
        }
        self.session = session
        session.preloadsUnitIndex = interactive
        let ehealth = EHealthPlugin(session: session)
        let telecom = TelecomPlugin(session: session)
        let training = TrainingPlugin(session: session)
        let workflow = WorkflowPlugin(session: session)
        plugins = [ProgrammePlugin(session: session), ehealth, telecom, training, workflow]
        modules = [ehealth, telecom, training, workflow]
    }

    var versionDetails: [String] { ["SQLite \(Workspace.sqliteVersion)"] }

    var databaseDescription: String {
        options.readOnly ? "\(location), read-only" : "\(location)"
    }

    var promptMarker: String {
        session.openedWorkspace?.isInTransaction == true ? "*" : ""
    }

    var protectedPaths: [String] {
        guard case .file(let path) = location else { return [] }
        return [path, path + "-wal", path + "-shm", path + "-journal"]
    }

    func perform(_ context: CommandContext, _ body: () throws -> CommandResult) throws -> CommandResult {
        if context.spec.mutates && options.readOnly {
            throw ShellError.failed("database is open read-only: '\(context.spec.name)' changes data")
        }
        return try body()
    }

    func shouldQuit(_ shell: Shell) -> Bool {
        guard let workspace = session.openedWorkspace, workspace.isInTransaction else { return true }
        guard interactive else { return true }  // finishRun rolls back and says so
        if shell.confirm("A transaction is open; quitting rolls it back. Quit?", batchAnswer: true) {
            return true
        }
        console.writeError("Still in the transaction: 'commit' or 'rollback', then quit.\n")
        return false
    }

    func describe(_ error: Error) -> (message: String, status: Int32)? {
        if let open = error as? DatabaseOpenError {
            let reason = Self.message(open.underlying)
            // Most reasons already name the database; say which one only when they do not.
            let message = reason.contains(location.description) ? reason : "cannot open database \(location): \(reason)"
            return (message, ExitStatus.database)
        }
        return DomainErrors.describe(error)
    }

    static func message(_ error: Error) -> String {
        error.domainMessage
    }

    /// Settles the run: commits or rolls back per the run mode, reports a dry run's changes.
    func finishRun(status: Int32) -> Int32 {
        guard let workspace = session.openedWorkspace else {
            if options.dryRun { console.write("Dry run: no changes.\n") }
            return status
        }
        do {
            let outcome = try workspace.finishRun(succeeded: status == ExitStatus.success)
            var status = status
            if outcome.rolledBackOpenTransaction {
                // A file that ends between `begin` and `commit` did not do what it says: a cron job must see it.
                if interactive {
                    console.writeError("note: a transaction was still open at the end of the session; it was rolled back\n")
                } else {
                    console.writeError("error: the run ended inside a transaction ('begin' without 'commit' or 'rollback'); "
                        + "its changes were rolled back\n")
                    if status == ExitStatus.success { status = ExitStatus.failure }
                }
            }
            if options.dryRun {
                console.write(DryRunReport.render(outcome.changes, succeeded: status == ExitStatus.success))
            } else if options.singleTransaction && !outcome.committed {
                console.writeError("note: --single-transaction: the run failed, so nothing was written\n")
            }
            _ = try workspace.close()
            closed = true
            return status
        } catch {
            console.writeError("error: \(Self.message(error))\n")
            return status == ExitStatus.success ? ExitStatus.failure : status
        }
    }

    /// Whether the database was closed by ``finishRun(status:)`` (or never opened).
    var isClosed: Bool { session.openedWorkspace == nil || closed }
    private var closed = false
}

/// An error opening the database (exit status 4), as opposed to a command's failure.
struct DatabaseOpenError: Error {
    var underlying: Error
}

/// The `--dry-run` summary: rows that would be added, changed or removed per module and entity.
enum DryRunReport {
    static func render(_ changes: ChangeSummary, succeeded: Bool) -> String {
        let verdict = succeeded ? "the run would succeed" : "the run would fail"
        if changes.isEmpty { return "Dry run (\(verdict)): no changes; nothing was written.\n" }
        let table = ResultTable(
            title: "Dry run (\(verdict)); nothing was written. Changes it would make:",
            columns: [Column("module"), Column("entity"), Column("added", .integer), Column("changed", .integer), Column("removed", .integer)],
            rows: changes.rows.map { [.text($0.module), .text($0.entity), .integer($0.added), .integer($0.changed), .integer($0.removed)] }
        )
        return Renderer.render(.table(table), as: .table)
    }
}
