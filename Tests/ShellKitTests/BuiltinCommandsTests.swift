import Testing
@testable import ShellKit

/// The shell's own commands that other files do not cover: echo, plugins, version.
@Suite("Built-in commands")
struct BuiltinCommandsTests {
    @Test("echo joins its words with single spaces and keeps quoted spacing")
    func echo() {
        let shell = TestShell()
        shell.run("echo   Xã    \"Phúc  Hòa\"  '$HOME'")
        #expect(shell.output == "Xã Phúc  Hòa $HOME\n")
    }

    @Test("echo with no words prints an empty line")
    func emptyEcho() {
        let shell = TestShell()
        shell.run("echo")
        #expect(shell.output == "\n")
    }

    @Test("plugins lists each plugin with its version and command count")
    func plugins() {
        let shell = TestShell()
        shell.run("plugins --format csv")
        #expect(shell.output == """
            name,version,commands,summary
            shell,1.0,10,"Shell: help, variables, command files, history"
            zoo,0.1,5,Zoo: animals named after communes

            """)
    }

    @Test("version shows the application's version and any extra lines the executable adds")
    func version() {
        let shell = TestShell()
        shell.shell.versionDetails = ["SQLite 3.45.1"]
        shell.run("version")
        #expect(shell.output == "zoo 9.9\nSQLite 3.45.1\n")
    }

    @Test("history without line input is simply empty")
    func historyWithoutInput() {
        let shell = TestShell()
        shell.run("history --format csv")
        #expect(shell.output == "number,command\n")
    }
}

/// What a running command can ask of its context.
@Suite("Command context")
struct CommandContextTests {
    /// Runs a probe command on line 3 of a command file in `directory` (or interactively) and returns the
    /// context it received, with the shell kept alive alongside (the context holds it unowned).
    func probe(in directory: String, interactive: Bool = false) -> (shell: TestShell, context: CommandContext) {
        let shell = TestShell(interactive: interactive)
        var captured: CommandContext?
        struct Probe: Plugin {
            let name = "probe"
            let version = "1"
            let summary = "Probe"
            let onRun: (CommandContext) -> Void
            var commands: [CommandSpec] {[CommandSpec("probe", summary: "Probe") { onRun($0); return .none }]}
        }
        shell.shell.register(Probe { captured = $0 })
        if interactive {
            shell.line("probe")
        } else {
            shell.run("\n\nprobe", name: directory + "/job.ntm", directory: directory)
        }
        // The plugin's closure holds `captured`, which holds the context, which holds the command: let go of
        // the context here, or the session leaks (AddressSanitizer's leak check found this cycle).
        let context = captured!
        captured = nil
        return (shell, context)
    }

    @Test("a command knows its file and line, and resolves relative paths from the file's folder")
    func fileContext() {
        let (shell, context) = probe(in: "/srv/jobs")
        #expect(context.location == SourceLocation(file: "/srv/jobs/job.ntm", line: 3))
        #expect(context.location?.description == "/srv/jobs/job.ntm:3")
        #expect(context.commandLine == "probe")
        #expect(!context.isInteractive)
        #expect(context.resolvePath("out.csv") == "/srv/jobs/out.csv")
        #expect(context.resolvePath("/tmp/out.csv") == "/tmp/out.csv")
        withExtendedLifetime(shell) {}
    }

    @Test("interactively there is no location and paths are relative to the working directory")
    func interactiveContext() {
        let (shell, context) = probe(in: ".", interactive: true)
        #expect(context.location == nil)
        #expect(context.isInteractive)
        #expect(context.resolvePath("out.csv") == "out.csv")
        withExtendedLifetime(shell) {}
    }

    @Test("~/ means the home folder", .enabled(if: ShellKit.environment("HOME") != nil))
    func homePaths() {
        let (shell, context) = probe(in: "/srv/jobs")
        #expect(context.resolvePath("~/out.csv") == ShellKit.environment("HOME")! + "/out.csv")
        withExtendedLifetime(shell) {}
    }

    @Test("notices go to standard error, and not at all when quiet")
    func notices() {
        let shell = TestShell()
        struct Noisy: Plugin {
            let name = "noisy"
            let version = "1"
            let summary = "Noisy"
            var commands: [CommandSpec] {[CommandSpec("noisy", summary: "Noisy") { $0.notice("working…"); return .none }]}
        }
        shell.shell.register(Noisy())
        shell.run("noisy\nset quiet on\nnoisy")
        #expect(shell.errors == "working…\n")
        #expect(shell.output.isEmpty)
    }
}

/// Progress bars on standard error: only on a terminal, at most once per percent, cleared at the end.
@Suite("Progress")
struct ProgressTests {
    @Test("a known total draws a twenty-cell bar and the percentage, redrawn only when the percentage changes")
    func knownTotal() throws {
        let console = CapturingConsole(terminal: true)
        let progress = ProgressReporter(label: "Importing", total: 200, console: console, enabled: true)
        try progress.update(100)
        try progress.update(101)
        try progress.update(200)
        progress.finish()
        #expect(console.errors == "\rImporting ██████████·········· 50%"
            + "\rImporting ████████████████████ 100%"
            + "\r\u{1B}[K")
        #expect(console.output.isEmpty, "progress never mixes with results")
    }

    @Test("an unknown total shows a grouped count every 100,000 units")
    func unknownTotal() throws {
        let console = CapturingConsole(terminal: true)
        let progress = ProgressReporter(label: "Rows", total: nil, console: console, enabled: true)
        try progress.update(50_000)
        try progress.update(150_000)
        try progress.update(160_000)
        #expect(console.errors == "\rRows 50,000\rRows 150,000")
    }

    @Test("disabled progress writes nothing, not even the clearing sequence")
    func disabled() throws {
        let console = CapturingConsole(terminal: false)
        let progress = ProgressReporter(label: "Rows", total: 10, console: console, enabled: false)
        try progress.update(5)
        progress.finish()
        #expect(console.errors.isEmpty)
    }

    @Test("after Ctrl-C a progress update throws 'interrupted', so long work stops and rolls back")
    func interruptedProgressThrows() throws {
        let console = CapturingConsole(terminal: true)
        var pressed = false
        let progress = ProgressReporter(label: "Rows", total: 10, console: console, enabled: true, interrupted: { pressed })
        try progress.update(1)
        pressed = true
        #expect(throws: ShellError.self) { try progress.update(2) }
    }
}

/// What the audit log records as the command: the line as run.
@Suite("Command line as run")
struct CommandLineAsRunTests {
    func asRun(_ text: String, _ values: [String: String]) throws -> String {
        let statement = try #require(try Tokenizer.statements(in: text).first)
        let expanded = statement.words.map { word in
            Shell.ExpandedWord(text: word.parts.map { part -> String in
                switch part {
                case .literal(let s): return s
                case .variable(let name): return values[name] ?? ""
                }
            }.joined(), word: word)
        }
        return Shell.commandLine(statement, expanded: expanded)
    }

    @Test("variables are expanded and quoted when needed; lines without variables stay as typed")
    func expanded() throws {
        #expect(try asRun(#"criteria set $c $year 8.4 met --note "portal live""#, ["c": "Phúc Hòa", "year": "2023"])
                == #"criteria set "Phúc Hòa" 2023 8.4 met --note "portal live""#)
        #expect(try asRun(#"ehr import "$dir/a b.csv""#, ["dir": "/srv/x"]) == #"ehr import "/srv/x/a b.csv""#)
        #expect(try asRun("echo $v", ["v": #"say "hi" $5"#]) == #"echo "say \"hi\" \$5""#)
        #expect(try asRun("unit show  'Phúc Hòa'", [:]) == "unit show  'Phúc Hòa'")
    }

    @Test("a value holding a CR LF pair is quoted, its line feed written as \\n")
    func carriageReturnLineFeed() throws {
        #expect(try asRun("echo $v", ["v": "a\r\nb"]) == "echo \"a\r\\nb\"")
    }
}
