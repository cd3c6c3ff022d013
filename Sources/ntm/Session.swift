import LineEditor
import ShellKit
#if canImport(Glibc)
import Glibc
#endif

/// One run of ntm: the shell, its host and plugins, and the inputs to run.
final class Session {
    let options: Options
    let console: StandardConsole
    let interactive: Bool
    let shell: Shell
    let host: WorkspaceHost

    init(options: Options, console: StandardConsole, interactive: Bool) {
        self.options = options
        self.console = console
        self.interactive = interactive
        host = WorkspaceHost(options: options, console: console, interactive: interactive)
        shell = Shell(appName: "ntm", version: Launcher.version, console: console, host: host, interactive: interactive)
        for plugin in host.plugins { shell.register(plugin) }
        shell.versionDetails = host.versionDetails
        defineHostSettings()
        applyOptions()
    }

    /// Settings the host reads: declared here, applied on every change.
    private func defineHostSettings() {
        shell.variables.define(Setting("busytimeout", .count, default: "5",
                                       "Seconds a change waits for another process's write lock"))
        shell.variables.onChange = { [unowned self] name, value in
            switch name {
            case "busytimeout": if let seconds = Double(value) { host.setBusyTimeout(seconds) }
            case "histsize": if let size = Int(value) { editor?.setHistorySize(size) }
            default: break
            }
        }
    }

    /// The line editor of an interactive session.
    private var editor: LineEditor?

    private func applyOptions() {
        if let format = options.format { try? shell.variables.set("format", format) }
        if options.echo { try? shell.variables.set("echo", "on") }
        if options.quiet { try? shell.variables.set("quiet", "on") }
        if options.keepGoing { try? shell.variables.set("errexit", "off") }
    }

    /// Runs the inputs (or the interactive loop, or standard input) and returns the exit status.
    func run(inputs: [Launcher.Input]) -> Int32 {
        var status: Int32
        if interactive, let editor = LineEditor(programName: "ntm") {
            if !shell.variables.quiet { console.write(banner + "\n") }
            // Interactively a failed set-up file is reported and the session goes on.
            if let initFile = options.`init` { shell.run(file: initFile) }
            status = runInteractive(editor)
        } else if let initFile = options.`init`, case let initStatus = shell.run(file: initFile),
                  initStatus != ExitStatus.success {
            // In a batch run a failed set-up file stops the run, like any failing command file.
            status = initStatus
        } else if inputs.isEmpty {
            do {
                status = shell.run(text: try readStandardInput(), name: "<stdin>")
            } catch {
                console.writeError("error: \(error.message)\n")
                status = error.exitStatus
            }
        } else {
            status = ExitStatus.success
            for input in inputs {
                let result: Int32
                switch input {
                case .file(let path): result = shell.run(file: path)
                case .commands(let text): result = shell.run(text: text, name: "-c")
                }
                if result != ExitStatus.success && status == ExitStatus.success { status = result }
                if result != ExitStatus.success && shell.variables.errexit { break }
            }
        }
        var final = host.finishRun(status: status)
        console.flush()
        if let failure = console.outputFailure {
            // Output that did not arrive (`> /dev/full`) is a failure a cron job must see.
            console.writeError("error: cannot write to standard output: \(String(cString: strerror(failure)))\n")
            if final == ExitStatus.success { final = ExitStatus.failure }
        }
        return final
    }

    private func runInteractive(_ editor: LineEditor) -> Int32 {
        Interrupts.install()
        shell.interruptRequested = { Interrupts.pressed != 0 }
        shell.clearInterrupt = { Interrupts.pressed = 0 }
        let input = LineEditorInput(editor: editor, shell: shell)
        shell.input = input
        do {
            try editor.useHistoryFile(Self.historyPath(), size: shell.variables.histsize)
        } catch {
            console.writeError("warning: history will not be saved: \(error)\n")
        }
        self.editor = editor
        _ = shell.runInteractive(banner: nil)
        return ExitStatus.success
    }

    var banner: String {
        "ntm \(Launcher.version) — shell for the NTM digital-transformation plan (\(host.databaseDescription)).\n"
            + "Type 'help' for commands, Tab to complete, 'quit' to leave."
    }

    /// `$XDG_STATE_HOME/ntm/history`, else `~/.local/state/ntm/history`.
    static func historyPath() -> String {
        if let state = environment("XDG_STATE_HOME"), !state.isEmpty { return state + "/ntm/history" }
        return (environment("HOME") ?? ".") + "/.local/state/ntm/history"
    }

    /// Standard input as command text, held to the rules of a command file (`-f`): UTF-8, bounded.
    private func readStandardInput() throws(ShellError) -> String {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = read(0, &buffer, buffer.count)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            bytes.append(contentsOf: buffer[0..<n])
            if bytes.count > maximumCommandFileSize {
                throw ShellError(.unreadableFile, "cannot read '<stdin>': larger than \(maximumCommandFileSize >> 20) MiB, not command text")
            }
        }
        return try commandText(bytes, name: "<stdin>")
    }
}
