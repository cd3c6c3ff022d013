import Testing
@testable import ShellKit

/// Finding a command from the words typed, and what users are told when there is none.
@Suite("Command registry")
struct CommandRegistryTests {
    let registry = TestShell().shell.registry

    /// A match written as text, so expectations read plainly.
    func describe(_ match: CommandRegistry.Match) -> String {
        switch match {
        case .command(let spec, let consumed): return "command \(spec.name) (\(consumed) words)"
        case .group(let path, let subcommands): return "group \(path.joined(separator: " ")): \(subcommands.joined(separator: ", "))"
        case .unknown(let index, let known, let path):
            return "unknown word \(index) after [\(path.joined(separator: " "))]; known: \(known.joined(separator: ", "))"
        }
    }

    @Test("the leading words name the command; the rest are its arguments")
    func matchesCommand() {
        #expect(describe(registry.match(["zoo", "list", "--kind", "cat"])) == "command zoo list (2 words)")
        #expect(describe(registry.match(["help", "zoo", "list"])) == "command help (1 words)")
    }

    @Test("a group's name alone is a group, with its subcommands sorted")
    func matchesGroup() {
        #expect(describe(registry.match(["zoo"])) == "group zoo: add, fail, feed, list, show")
    }

    @Test("a word that names nothing is unknown, with what is known at that level")
    func unknownWord() {
        #expect(describe(registry.match(["zoo", "lsit"])) == "unknown word 1 after [zoo]; known: add, fail, feed, list, show")
        let top = describe(registry.match(["zooo"]))
        #expect(top.hasPrefix("unknown word 0 after []; known: "))
        #expect(top.contains("zoo") && top.contains("help") && top.contains("source"))
    }

    @Test("only whole words match: abbreviations of commands are not accepted")
    func noAbbreviations() {
        #expect(describe(registry.match(["zoo", "li"])).hasPrefix("unknown word 1"))
        #expect(describe(registry.match(["zo"])).hasPrefix("unknown word 0"))
    }

    @Test("command(named:) finds exactly one command, never a group or a longer line")
    func commandNamed() {
        #expect(registry.command(named: "zoo list")?.name == "zoo list")
        #expect(registry.command(named: "help")?.name == "help")
        #expect(registry.command(named: "zoo") == nil)
        #expect(registry.command(named: "zoo list extra") == nil)
        #expect(registry.command(named: "zoo lis") == nil)
    }

    @Test("plugins and commands keep their registration order; the shell's own come first")
    func registrationOrder() {
        #expect(registry.plugins.map(\.name) == ["shell", "zoo"])
        #expect(registry.commands(under: ["zoo"]).map(\.name) == ["zoo list", "zoo show", "zoo add", "zoo feed", "zoo fail"])
        #expect(registry.commands.filter { $0.plugin == "zoo" }.count == 5)
    }

    @Test("a word can be both a command and a group: its subcommands win, other words are arguments")
    func commandThatIsAlsoAGroup() {
        struct Units: Plugin {
            let name = "unit"
            let version = "1"
            let summary = "Units"
            var commands: [CommandSpec] {[
                CommandSpec("unit", summary: "Show a unit", parameters: [.positional("code", .text, "Code")]) { _ in .none },
                CommandSpec("unit show", summary: "Show details") { _ in .none },
            ]}
        }
        var registry = CommandRegistry()
        registry.register(Units())
        #expect(describe(registry.match(["unit", "show"])) == "command unit show (2 words)")
        #expect(describe(registry.match(["unit", "Bắc Giang"])) == "command unit (1 words)")
        #expect(describe(registry.match(["unit"])) == "command unit (1 words)")
    }

    // MARK: Did-you-mean

    @Test("suggestions: a unique prefix, else the nearest within a few edits (transpositions count once)")
    func nearest() {
        #expect(Suggestions.nearest(to: "lis", among: ["list", "show", "add"]) == "list")
        #expect(Suggestions.nearest(to: "lsit", among: ["list", "show", "add"]) == "list")
        #expect(Suggestions.nearest(to: "shwo", among: ["list", "show", "add"]) == "show")
        #expect(Suggestions.nearest(to: "LIST", among: ["list"]) == "list", "case does not matter")
        #expect(Suggestions.nearest(to: "giraffe", among: ["list", "show", "add"]) == nil)
        #expect(Suggestions.nearest(to: "s", among: ["set", "source", "show"]) == nil, "an ambiguous prefix is not a suggestion")
    }

    @Test("edit distance counts insertions, deletions, substitutions and adjacent swaps")
    func distance() {
        #expect(Suggestions.distance("list", "list") == 0)
        #expect(Suggestions.distance("lsit", "list") == 1)
        #expect(Suggestions.distance("lst", "list") == 1)
        #expect(Suggestions.distance("lisst", "list") == 1)
        #expect(Suggestions.distance("last", "list") == 1)
        #expect(Suggestions.distance("", "abc") == 3)
        #expect(Suggestions.distance("Hòa", "Hoa") == 1)
    }

    // MARK: Unknown commands as the user sees them

    @Test("an unknown subcommand names the group's commands and the nearest one")
    func unknownSubcommandMessage() {
        let shell = TestShell(interactive: true)
        #expect(shell.line("zoo lsit") == ExitStatus.usage)
        #expect(shell.errors == """
            error: unknown command 'zoo lsit' (did you mean 'zoo list'?); 'zoo' has: add, fail, feed, list, show
                zoo lsit
                    ^~~~

            """)
    }

    @Test("an unknown top-level command points to help")
    func unknownCommandMessage() {
        let shell = TestShell(interactive: true)
        #expect(shell.line("hlep") == ExitStatus.usage)
        #expect(shell.errors.hasPrefix("error: unknown command 'hlep' (did you mean 'help'?); type 'help' for the list\n"))
        let other = TestShell(interactive: true)
        other.line("giraffe")
        #expect(other.errors.hasPrefix("error: unknown command 'giraffe'; type 'help' for the list\n"))
    }

    @Test("an abbreviated command is refused but suggested")
    func abbreviatedCommand() {
        let shell = TestShell(interactive: true)
        #expect(shell.line("zoo li") == ExitStatus.usage)
        #expect(shell.errors.hasPrefix("error: unknown command 'zoo li' (did you mean 'zoo list'?)"))
        #expect(shell.zoo.commandsRun == 0)
    }

    @Test("a group typed alone lists its commands instead of failing")
    func groupAlone() {
        let shell = TestShell(interactive: true)
        #expect(shell.line("zoo") == ExitStatus.success)
        #expect(shell.output == """
            'zoo' commands:
              zoo list  List the animals
              zoo show  Show one animal
              zoo add   Add animals
              zoo feed  Record a feeding
              zoo fail  Always fails
            Type 'help zoo COMMAND' for details.

            """)
    }
}
