/// The shell's own commands: help, echo, set, unset, source, history, plugins, version, quit, exit.
struct BuiltinPlugin: Plugin {
    let name = "shell"
    let version = "1.0"
    let summary = "Shell: help, variables, command files, history"

    var commands: [CommandSpec] {
        [helpCommand, echoCommand, setCommand, unsetCommand, sourceCommand, historyCommand, pluginsCommand, versionCommand, quitCommand("quit"), quitCommand("exit")]
    }

    var helpCommand: CommandSpec {
        CommandSpec(
            "help", summary: "Show commands, or one command's usage and examples",
            description: "With no argument, lists every command grouped by module. With a command name, shows its\nusage, parameters and examples (the same as COMMAND --help).",
            parameters: [
                .positional("command", .text, "Command (or group) to explain", required: false, variadic: true),
                .flag("reference", "Print the full command reference in Markdown"),
            ],
            examples: [.init("help", "List every command"), .init("help set", "Explain the set command")],
            producesOutput: false
        ) { context in
            let shell = context.shell
            // Help is what the user asked for, so it is shown directly: `quiet` drops messages, not this.
            if context.arguments.flag("reference") { shell.show(Help.reference(registry: shell.registry)); return .none }
            let words = context.arguments.strings("command")
            if words.isEmpty { shell.show(Help.overview(appName: shell.appName, registry: shell.registry)); return .none }
            switch shell.registry.match(words) {
            case .command(let spec, let consumed) where consumed == words.count:
                shell.show(Help.command(spec, registry: shell.registry))
                return .none
            case .group(let path, _):
                shell.show(Help.group(path, registry: shell.registry))
                return .none
            case .command(let spec, _):
                throw ShellError.usage("'\(spec.name)' has no subcommand '\(words[spec.path.count])'", at: context.arguments.word(for: "command"))
            case .unknown(let index, let known, let path):
                throw ShellError.usage("no command '\(words.joined(separator: " "))'"
                    + Self.helpHint(for: words[index], known: known, path: path, registry: shell.registry))
            }
        }
    }

    /// What `help WORD` suggests when WORD names no command: a near name, else the commands with WORD
    /// in their name or summary (`help import` → `unit import`, `ehr import`, ...), else the list.
    static func helpHint(for word: String, known: [String], path: [String], registry: CommandRegistry) -> String {
        let near = Suggestions.hint(for: word, among: known) { "'\((path + [$0]).joined(separator: " "))'" }
        if !near.isEmpty { return near }
        let lowered = word.lowercased()
        // Whole words, or the start of one (`import` finds "imports"), never the middle of one.
        let specs = lowered.count < 3 ? [] : registry.commands.map(\.spec)
        // Commands named by the word (`import` → `unit import`, ...) first; else those whose summary has it.
        var related = specs.filter { $0.path.contains { $0.hasPrefix(lowered) } }
        if related.isEmpty {
            related = specs.filter { spec in
                spec.summary.lowercased().split { !$0.isLetter && !$0.isNumber }.contains { $0.hasPrefix(lowered) }
            }
        }
        if !related.isEmpty {
            let shown = related.prefix(6).map { "'\($0.name)'" }.joined(separator: ", ")
            return "; commands about '\(word)': \(shown)\(related.count > 6 ? ", …" : "")"
        }
        return "; type 'help' for the list of commands"
    }

    var echoCommand: CommandSpec {
        CommandSpec(
            "echo", summary: "Print text (variables expanded)",
            parameters: [.positional("text", .text, "Words to print, joined by spaces", required: false, variadic: true)],
            examples: [.init("echo \"Xã Phúc Hòa\"", "Print a name"), .init("echo $format", "Show a variable")],
            producesOutput: false
        ) { context in
            context.shell.console.write(context.arguments.strings("text").joined(separator: " ") + "\n")
            return .none
        }
    }

    var setCommand: CommandSpec {
        CommandSpec(
            "set", summary: "Set a variable or setting, or list them all",
            description: """
            Variables are used as $NAME or ${NAME}. Settings are variables the shell reads:
              format    table|csv|json|markdown   how results are written
              errexit   on|off                    stop a command file at the first failure
              echo      on|off                    print each command before its output
              color     auto|on|off               colour on a terminal (never with NO_COLOR)
              histsize  N                         lines kept in the history file
              quiet     on|off                    no messages, banners or progress bars
              pager     on|off|COMMAND            page results taller than the terminal (on: $PAGER,
                                                  else less; on in an interactive session, else off)
              histredact REGEX                    lines never saved in history (default: setting
                                                  secret-like variables, 9- or 12-digit ID numbers)
            """,
            parameters: [
                .positional("name", .text, "Variable name", required: false),
                .positional("value", .text, "Value", required: false),
            ],
            examples: [.init("set format csv", "Write every result as CSV"), .init("set year 2023", "Then use $year"),
                       .init("set pager \"less -S\"", "Page long results, wide lines scrolled sideways")]
        ) { context in
            let variables = context.shell.variables
            guard let name = context.arguments.string("name") else {
                let names = variables.values.keys.sorted()
                return .table(ResultTable(
                    columns: [Column("name"), Column("value"), Column("kind"), Column("description")],
                    rows: names.map { name in
                        let setting = variables.settings[name]
                        return [.text(name), .text(variables[name] ?? ""), .text(setting == nil ? "variable" : "setting"),
                                .text(setting?.summary)]
                    }
                ))
            }
            guard let value = context.arguments.string("value") else {
                throw ShellError.usage("missing VALUE for 'set \(name)' (usage: set NAME VALUE; 'unset \(name)' removes it)")
            }
            try variables.set(name, value, at: context.arguments.word(for: "value"))
            return .none
        }
    }

    var unsetCommand: CommandSpec {
        CommandSpec(
            "unset", summary: "Remove a variable (a setting returns to its default)",
            parameters: [.positional("name", .text, "Variable name")],
            producesOutput: false
        ) { context in
            try context.shell.variables.unset(context.arguments.string("name")!)
            return .none
        }
    }

    var sourceCommand: CommandSpec {
        CommandSpec(
            "source", summary: "Run the commands in a file",
            description: "Relative paths are resolved from the folder of the file that runs 'source'.\nErrors inside it are reported with FILE:LINE and the chain of files that sourced it.",
            parameters: [.positional("file", .path, "Command file")],
            examples: [.init("source setup.ntm", "Run setup.ntm from this file's folder")],
            producesOutput: false
        ) { context in
            let shell = context.shell
            guard shell.frames.count < shell.maxSourceDepth else {
                throw ShellError.failed("'source' nested more than \(shell.maxSourceDepth) deep (a file sourcing itself?)")
            }
            let path = context.resolvePath(context.arguments.string("file")!)
            // A file that sources itself, directly or through others, would run until the depth limit.
            if let target = OutputFile.identity(path),
               shell.frames.contains(where: { frame in
                   OutputFile.identity(frame.name).map { $0.device == target.device && $0.inode == target.inode } ?? false
               }) {
                throw ShellError.failed("'\(path)' is already being run (a file that sources itself)",
                                        at: context.arguments.word(for: "file"))
            }
            let status = shell.run(file: path)
            if status != ExitStatus.success { throw ShellError(.alreadyReported(status), "") }
            return .none
        }
    }

    var historyCommand: CommandSpec {
        CommandSpec(
            "history", summary: "Show the last N lines of command history",
            parameters: [.positional("count", .count, "How many lines", required: false)],
            examples: [.init("history 20", "The last twenty commands")]
        ) { context in
            let entries = context.shell.input?.historyEntries ?? []
            let count = min(context.arguments.int("count") ?? entries.count, entries.count)
            let first = entries.count - count
            return .table(ResultTable(
                columns: [Column("number", .integer), Column("command")],
                rows: entries[first...].enumerated().map { [.integer(first + $0.offset + 1), .text($0.element)] }
            ))
        }
    }

    var pluginsCommand: CommandSpec {
        CommandSpec("plugins", summary: "List loaded plugins with version and command count") { context in
            let registry = context.shell.registry
            return .table(ResultTable(
                columns: [Column("name"), Column("version"), Column("commands", .integer), Column("summary")],
                rows: registry.plugins.map { plugin in
                    [.text(plugin.name), .text(plugin.version),
                     .integer(registry.commands.filter { $0.plugin == plugin.name }.count), .text(plugin.summary)]
                }
            ))
        }
    }

    var versionCommand: CommandSpec {
        CommandSpec("version", summary: "Show the version", producesOutput: false) { context in
            let shell = context.shell
            // Printed even when quiet: it was asked for.
            shell.console.write(([shell.appName + " " + shell.version] + shell.versionDetails).joined(separator: "\n") + "\n")
            return .none
        }
    }

    func quitCommand(_ word: String) -> CommandSpec {
        CommandSpec(
            word, summary: word == "quit" ? "Leave the shell (asks first if a transaction is open)" : "Same as quit",
            producesOutput: false
        ) { context in
            context.shell.requestQuit()
            return .none
        }
    }
}
