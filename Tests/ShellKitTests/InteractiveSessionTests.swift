import Testing
@testable import ShellKit

/// Line input that replays what a person would type (and Ctrl-C / Ctrl-D), recording the prompts it was shown.
final class ScriptedInput: LineInput {
    var pending: [LineRead]
    private(set) var prompts: [String] = []
    private(set) var history: [String] = []
    private(set) var historySize: Int?

    init(_ reads: [LineRead]) { pending = reads }

    func read(prompt: String) -> LineRead {
        prompts.append(prompt)
        return pending.isEmpty ? .endOfFile : pending.removeFirst()
    }

    func addHistory(_ line: String) { history.append(line) }
    var historyEntries: [String] { history }
    func setHistorySize(_ size: Int) { historySize = size }
}

/// The interactive loop: prompts, continuation lines, Ctrl-C and Ctrl-D, history, errors that never end the session.
@Suite("Interactive session")
struct InteractiveSessionTests {
    /// Runs a session over `reads` and returns the shell, its input and the exit status.
    func session(_ reads: [LineRead], banner: String? = nil, quiet: Bool = false)
        -> (shell: TestShell, input: ScriptedInput, status: Int32)
    {
        let shell = TestShell(interactive: true)
        if quiet { try! shell.shell.variables.set("quiet", "on") }
        let input = ScriptedInput(reads)
        shell.shell.input = input
        let status = shell.shell.runInteractive(banner: banner)
        return (shell, input, status)
    }

    @Test("the banner is shown, each line is run after the prompt, Ctrl-D ends the session")
    func basicLoop() {
        let (shell, input, status) = session([.line("echo xin chào"), .line("zoo list --kind dog --format csv")], banner: "Welcome")
        #expect(shell.output == "Welcome\nxin chào\nname,kind,count\nXã Phúc Sơn,dog,12\n")
        #expect(input.prompts == ["zoo> ", "zoo> ", "zoo> "])
        #expect(status == ExitStatus.success)
    }

    @Test("quiet hides the banner")
    func quietBanner() {
        let (shell, _, _) = session([], banner: "Welcome", quiet: true)
        #expect(shell.output.isEmpty)
    }

    @Test("an open quote or trailing backslash asks for more with the continuation prompt")
    func continuationLines() {
        let (shell, input, _) = session([
            .line("echo \"two"), .line("lines\""),
            .line("zoo list \\"), .line("  --kind dog --format csv"),
        ])
        #expect(shell.output == "two\nlines\nname,kind,count\nXã Phúc Sơn,dog,12\n")
        #expect(input.prompts == ["zoo> ", "...> ", "zoo> ", "...> ", "zoo> "])
        #expect(input.history == ["echo \"two\nlines\"", "zoo list \\\n  --kind dog --format csv"])
    }

    @Test("Ctrl-C in a continuation discards the unfinished command")
    func interruptContinuation() {
        let (shell, _, _) = session([.line("zoo add \"Rex"), .interrupted, .line("echo next")])
        #expect(shell.output == "next\n")
        #expect(shell.zoo.animals.count == 3)
    }

    @Test("Ctrl-C at the prompt just prompts again")
    func interruptAtPrompt() {
        let (shell, input, _) = session([.interrupted, .line("echo after")])
        #expect(shell.output == "after\n")
        #expect(input.prompts.count == 3)
    }

    @Test("errors are shown without FILE:LINE and the session goes on; the status is the last line's")
    func errorsDoNotEndSession() {
        let (shell, _, status) = session([.line("zoo fail"), .line("zoo lsit"), .line("echo still here")])
        #expect(shell.output == "still here\n")
        #expect(shell.errors.hasPrefix("error: the zoo is closed today\nerror: unknown command 'zoo lsit'"))
        #expect(status == ExitStatus.success)
        let (_, _, failed) = session([.line("echo first"), .line("zoo fail")])
        #expect(failed == ExitStatus.failure)
    }

    @Test("errexit does not apply interactively: later statements on the line still run")
    func noErrexitInteractively() {
        let (shell, _, _) = session([.line("zoo fail; echo ran")])
        #expect(shell.output == "ran\n")
    }

    @Test("quit ends the session at once")
    func quit() {
        let (shell, input, _) = session([.line("quit"), .line("echo never")])
        #expect(shell.output.isEmpty)
        #expect(input.pending == [.line("echo never")])
    }

    @Test("history keeps typed lines, but not blank ones or ones starting with a space")
    func history() {
        let (shell, input, _) = session([
            .line("echo a"), .line("   "), .line(" echo secret"), .line("zoo list --kind dog"), .line("history --format csv"),
        ])
        #expect(input.history == ["echo a", "zoo list --kind dog", "history --format csv"])
        #expect(shell.output.hasSuffix("number,command\n1,echo a\n2,zoo list --kind dog\n3,history --format csv\n"))
    }

    @Test("history N shows only the last N lines, numbered as in the full history")
    func historyCount() {
        let (shell, _, _) = session([.line("echo a"), .line("echo b"), .line("history 2 --format csv")])
        #expect(shell.output.hasSuffix("number,command\n2,echo b\n3,history 2 --format csv\n"))
    }

    @Test("confirm asks on a terminal until it gets yes or no; in batch mode it answers for itself")
    func confirm() {
        let shell = TestShell(interactive: true)
        let input = ScriptedInput([.line("maybe"), .line("YES ")])
        shell.shell.input = input
        #expect(shell.shell.confirm("Delete Rex?", batchAnswer: false))
        #expect(input.prompts == ["Delete Rex? [y/n] ", "Delete Rex? [y/n] "])

        let declined = TestShell(interactive: true)
        declined.shell.input = ScriptedInput([.interrupted])
        #expect(!declined.shell.confirm("Delete Rex?", batchAnswer: true), "Ctrl-C means no")

        let batch = TestShell()
        #expect(batch.shell.confirm("Delete Rex?", batchAnswer: true))
        #expect(!batch.shell.confirm("Delete Rex?", batchAnswer: false))
    }
}

/// What the executable supplies around the engine: wrapping commands, refusing to quit, describing errors.
@Suite("Shell host")
struct ShellHostTests {
    final class RecordingHost: ShellHost {
        var performed: [String] = []
        var allowQuit = true
        var inTransaction = false
        var promptMarker: String { inTransaction ? "*" : "" }

        func perform(_ context: CommandContext, _ body: () throws -> CommandResult) throws -> CommandResult {
            performed.append("\(context.spec.name)\(context.spec.mutates ? " (mutates)" : "") at \(context.location?.description ?? "-")")
            if context.spec.mutates && context.commandLine.contains("Readonly") { throw ShellError.failed("the database is read-only") }
            return try body()
        }

        func shouldQuit(_ shell: Shell) -> Bool { allowQuit }

        func describe(_ error: Error) -> (message: String, status: Int32)? {
            error is KeeperError ? ("storage failed: keys lost", ExitStatus.database) : nil
        }
    }

    func shell(_ host: RecordingHost) -> (Shell, CapturingConsole) {
        let console = CapturingConsole()
        let shell = Shell(appName: "zoo", version: "1", console: console, host: host, interactive: false)
        shell.register(ZooPlugin(zoo: Zoo()))
        return (shell, console)
    }

    @Test("every command runs through the host, which knows what it is, whether it mutates, and where it was written")
    func perform() {
        let host = RecordingHost()
        let (shell, _) = shell(host)
        shell.run(text: "zoo list\nzoo add Rex --count 1", name: "jobs.ntm")
        #expect(host.performed == ["zoo list at jobs.ntm:1", "zoo add (mutates) at jobs.ntm:2"])
    }

    @Test("the host may refuse a command; its error is reported like any other")
    func refusal() {
        let host = RecordingHost()
        let (shell, console) = shell(host)
        #expect(shell.run(text: "zoo add Readonly --count 1", name: "jobs.ntm") == ExitStatus.failure)
        #expect(console.errors == "jobs.ntm:1: error: the database is read-only\n")
    }

    @Test("the host words errors it recognises and chooses their exit status")
    func describe() {
        let host = RecordingHost()
        let (shell, console) = shell(host)
        #expect(shell.run(text: "zoo fail --foreign", name: "jobs.ntm") == ExitStatus.database)
        #expect(console.errors == "jobs.ntm:1: error: storage failed: keys lost\n")
    }

    @Test("the host may keep the session open on quit, and marks the prompt")
    func quitAndPrompt() {
        let host = RecordingHost()
        host.allowQuit = false
        host.inTransaction = true
        let (shell, console) = shell(host)
        #expect(shell.prompt == "zoo*> ")
        #expect(shell.continuationPrompt == "....> ")
        shell.run(text: "quit\necho still open", name: "jobs.ntm")
        #expect(console.output == "still open\n")
    }
}
