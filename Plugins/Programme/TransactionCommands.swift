import NTMCore
import ShellKit

/// `begin`, `commit`, `rollback`: a transaction that spans commands and modules.
extension ProgrammePlugin {
    var transactionCommands: [CommandSpec] {
        [
            CommandSpec(
                "begin", summary: "Open a transaction: later changes are kept only on commit",
                description: "While a transaction is open the prompt shows ntm*>. Each command is still atomic on its own;\n'rollback' undoes every change since 'begin'. Quitting with a transaction open asks first\n(in a command file it is rolled back and a note says so).",
                examples: [.init("begin", "Then several changes, then 'commit' or 'rollback'")],
                producesOutput: false
            ) { _ in
                try session.workspace().begin()
                return .message("Transaction open: later changes are kept on 'commit', undone on 'rollback'.")
            },
            CommandSpec("commit", summary: "Keep every change since 'begin'", producesOutput: false) { _ in
                try session.workspace().commit()
                return .message("Committed: the changes since 'begin' are kept.")
            },
            CommandSpec("rollback", summary: "Undo every change since 'begin'", producesOutput: false) { _ in
                try session.workspace().rollback()
                return .message("Rolled back: every change since 'begin' is undone.")
            },
        ]
    }
}
