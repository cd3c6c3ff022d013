import Testing
@testable import ShellKit

/// Help generated from the declarations: the overview, a group, one command, and the Markdown reference.
@Suite("Help")
struct HelpTests {
    let shell = TestShell(interactive: true)

    @Test("the overview groups commands under their plugin's summary, in registration order")
    func overview() {
        #expect(shell.line("help") == ExitStatus.success)
        let text = shell.output
        #expect(text.hasPrefix("Commands, by module. 'help COMMAND' shows usage and examples; Tab completes.\n"))
        #expect(text.contains("""

            Zoo: animals named after communes [zoo]
              zoo list  List the animals
              zoo show  Show one animal
              zoo add   Add animals
              zoo feed  Record a feeding
              zoo fail  Always fails

            """))
        let shellSection = try! #require(text.range(of: "Shell: help, variables, command files, history [shell]\n"))
        let zooSection = try! #require(text.range(of: "Zoo: animals named after communes [zoo]\n"))
        #expect(shellSection.lowerBound < zooSection.lowerBound)
        #expect(text.contains("\n  source   Run the commands in a file\n"), "names are padded to the group's widest")
    }

    @Test("command help: usage, arguments, options with types, requirements and defaults, examples, data changes")
    func commandHelp() {
        let spec = shell.shell.registry.command(named: "zoo add")!
        #expect(Help.command(spec, registry: shell.shell.registry) == """
            zoo add — Add animals

            Usage: zoo add NAME --count N [--kind cat|dog]

            Arguments:
              NAME                          Name of the animal

            Options:
              --count N                     How many arrived (count; required)
              --kind cat|dog                Kind, for a new animal (default: cat)
              --format table|csv|json|markdown
                                            Output format for this command (default: the session's `format` setting)
              --output FILE                 Write the result to FILE instead of the screen (path)
              --help                        Show this help

            Examples:
              zoo add "Xã Hợp Đức" --count 2
                  Two new animals

            Changes data: runs atomically, is recorded in the audit log, and is refused on a read-only database.

            """)
    }

    @Test("command help shows the description and the type name of typed options")
    func descriptionAndTypes() {
        let list = Help.command(shell.shell.registry.command(named: "zoo list")!, registry: shell.shell.registry)
        #expect(list.contains("\n\nAnimals in the order they arrived.\n"))
        #expect(list.contains("  --min N                       Only animals with at least N (integer; default: 0)\n"))
        #expect(!list.contains("Changes data"), "a read-only command does not claim to change data")
        let feed = Help.command(shell.shell.registry.command(named: "zoo feed")!, registry: shell.shell.registry)
        #expect(feed.contains("Usage: zoo feed NAMES... --on DATE [--in PERIOD] [--share PCT] [--weight X] [--tag TEXT] [--dry-run]\n"))
        #expect(feed.contains("  NAMES...                      Animals fed (animal)\n"))
        #expect(feed.contains("  --on DATE                     Day of the feeding (date; required)\n"))
        #expect(feed.contains("  --share PCT                   Share of the ration eaten (percent)\n"))
        #expect(feed.contains("  --tag TEXT                    A label (may be repeated) (repeatable)\n"))
        #expect(feed.contains("  --dry-run                     Check only\n"))
    }

    @Test("a choice with its own placeholder lists the choices in its description")
    func choiceWithPlaceholder() {
        let spec = CommandSpec("paint", summary: "Paint", parameters: [
            .option("colour", .choice(["red", "green"], placeholder: "COLOUR"), "Colour to use"),
        ], producesOutput: false) { _ in .none }
        let text = Help.command(spec, registry: CommandRegistry())
        #expect(text.contains("  --colour COLOUR  Colour to use (one of: red, green)\n"))
        #expect(!text.contains("--format"), "commands without output do not offer --format")
    }

    @Test("`COMMAND --help`, `COMMAND -h` and `help COMMAND` explain the same command")
    func helpFlag() {
        let expected = Help.command(shell.shell.registry.command(named: "zoo list")!, registry: shell.shell.registry)
        #expect(shell.line("zoo list --help") == ExitStatus.success)
        #expect(shell.output == expected)
        #expect(shell.zoo.commandsRun == 0, "asking for help does not run the command")

        let short = TestShell(interactive: true)
        short.line("zoo list -h")
        #expect(short.output == expected)

        let viaHelp = TestShell(interactive: true)
        #expect(viaHelp.line("help zoo list") == ExitStatus.success)
        #expect(viaHelp.output == expected)
    }

    @Test("--help works even when required arguments are missing")
    func helpWithoutRequiredArguments() {
        #expect(shell.line("zoo add --help") == ExitStatus.success)
        #expect(shell.output.hasPrefix("zoo add — Add animals\n"))
        #expect(shell.errors.isEmpty)
    }

    @Test("help on a group lists its commands")
    func groupHelp() {
        shell.line("help zoo")
        #expect(shell.output.hasPrefix("'zoo' commands:\n  zoo list  List the animals\n"))
        #expect(shell.output.hasSuffix("Type 'help zoo COMMAND' for details.\n"))
    }

    @Test("`GROUP --help` explains the group, in a session and in a command file")
    func groupDashHelp() {
        shell.line("zoo --help")
        #expect(shell.output.hasPrefix("'zoo' commands:\n  zoo list  List the animals\n"))
        #expect(shell.errors == "")
        let file = TestShell(interactive: false)
        #expect(file.run("zoo -h\n") == ExitStatus.success)
        #expect(file.output.hasPrefix("'zoo' commands:\n"))
    }

    @Test("help for something that does not exist is a usage error with a suggestion")
    func helpForUnknown() {
        #expect(shell.line("help zoo lsit") == ExitStatus.usage)
        #expect(shell.errors.hasPrefix("error: no command 'zoo lsit' (did you mean 'zoo list'?)\n"))
        let other = TestShell(interactive: true)
        #expect(other.line("help zoo list extra") == ExitStatus.usage)
        #expect(other.errors.hasPrefix("error: 'zoo list' has no subcommand 'extra'\n"))
    }

    @Test("help is shown even in quiet mode: it is what the user asked for, not chatter")
    func helpWhenQuiet() {
        shell.line("set quiet on")
        shell.line("help zoo list")
        #expect(shell.output.hasPrefix("zoo list — List the animals\n"))
    }

    @Test("the Markdown reference has a section per plugin and a block per command")
    func reference() {
        shell.line("help --reference")
        let text = shell.output
        #expect(text.hasPrefix("# Command reference\n"))
        #expect(text.contains("\n## Zoo: animals named after communes (`zoo` 0.1)\n"))
        #expect(text.contains("\n### `zoo list`\n\n```\nzoo list — List the animals\n"))
        #expect(text.contains("\n### `set`\n"))
    }
}
