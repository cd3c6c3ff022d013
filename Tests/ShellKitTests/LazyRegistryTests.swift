import Testing
@testable import ShellKit

/// A plugin that names its first words has its commands built on first use of a word; everything that
/// looks at the whole registry (help, the plugin list, completion, an unknown word) still sees every command.
@Suite("Lazily built commands")
struct LazyRegistryTests {
    /// How often each word's commands were built, and what ran.
    final class Log {
        var built: [String] = []
        var ran: [String] = []
    }

    /// `garden` and `seed` commands (a three-word one among them); `frog` is a command whose word the
    /// plugin forgot to name. With `lazy` false the plugin names no words (built at registration).
    struct Garden: Plugin {
        let log: Log
        var lazy = true
        let name = "garden"
        let version = "1"
        let summary = "Garden: beds and seeds"

        var commandWords: [String]? { lazy ? ["garden", "seed"] : nil }

        var commands: [CommandSpec] {
            log.built.append("all")
            return gardenCommands + seedCommands + [command("frog croak", "Croak")]
        }

        func commands(firstWord word: String) -> [CommandSpec] {
            log.built.append(word)
            return word == "garden" ? gardenCommands : seedCommands
        }

        var gardenCommands: [CommandSpec] {
            [command("garden list", "List the beds"), command("garden bed add", "Add a bed"), command("garden bed water", "Water a bed")]
        }

        var seedCommands: [CommandSpec] { [command("seed sow", "Sow seeds")] }

        func command(_ path: String, _ summary: String) -> CommandSpec {
            let log = log
            return CommandSpec(path, summary: summary) { context in
                log.ran.append(context.spec.name)
                return .message("done: \(context.spec.name)")
            }
        }
    }

    let log = Log()
    let test = TestShell(interactive: true)

    init() {
        test.shell.register(Garden(log: log))
    }

    @Test("registering builds nothing; a command builds only its first word's commands")
    func buildsOnFirstUse() {
        #expect(log.built.isEmpty)
        #expect(test.run("garden bed add\ngarden list", name: "-c") == ExitStatus.success)
        #expect(log.ran == ["garden bed add", "garden list"])
        #expect(log.built == ["garden"])
        #expect(test.output == "done: garden bed add\ndone: garden list\n")
    }

    @Test("help, the plugin list and the registry's command list show every command, in declaration order")
    func wholeRegistry() {
        let eager = TestShell(interactive: true)
        eager.shell.register(Garden(log: Log(), lazy: false))
        #expect(test.shell.registry.commands.map(\.spec.name) == eager.shell.registry.commands.map(\.spec.name))
        #expect(test.shell.registry.commands.map(\.spec.name).suffix(5)
            == ["garden list", "garden bed add", "garden bed water", "seed sow", "frog croak"])
        test.line("help")
        eager.line("help")
        #expect(test.output == eager.output)
        #expect(test.output.contains("seed sow") && test.output.contains("garden bed water"))
        test.line("plugins")
        #expect(test.output.contains("garden"))
    }

    @Test("completion offers every first word and a lazily built word's subcommands")
    func completion() {
        #expect(test.shell.complete("").items.map(\.replacement).contains("seed"))
        #expect(test.shell.complete("fr").items.map(\.replacement) == ["frog"])
        #expect(test.shell.complete("garden ").items.map(\.replacement) == ["bed", "list"])
        #expect(test.shell.complete("garden bed ").items.map(\.replacement) == ["add", "water"])
    }

    @Test("a command under a word its plugin did not name still runs")
    func undeclaredWord() {
        #expect(test.run("frog croak", name: "-c") == ExitStatus.success)
        #expect(log.ran == ["frog croak"])
    }

    @Test("a misspelt third word on a later line is reported before anything runs")
    func misspeltDeepCommand() {
        #expect(test.run("garden list\ngarden bed ad", name: "-c") == ExitStatus.usage)
        #expect(log.ran.isEmpty)
        #expect(test.errors.contains("-c:2: error: unknown command 'garden bed ad'"))
    }

    @Test("an unknown first word is suggested from every plugin's commands")
    func unknownWord() {
        #expect(test.run("sed sow", name: "-c") == ExitStatus.usage)
        #expect(test.errors.contains("'seed'"))
    }
}
