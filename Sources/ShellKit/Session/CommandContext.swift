/// Everything a running command may use: its arguments, the line as typed, where it came from, and the session.
public final class CommandContext {
    public let spec: CommandSpec
    public let arguments: Arguments
    /// The command as run, for the audit log: as typed (continuations joined), with variables expanded.
    public let commandLine: String
    /// `FILE:LINE` of the command in a command file; nil interactively.
    public let location: SourceLocation?
    public unowned let shell: Shell
    /// Folder against which relative paths are resolved: the command file's, or the working directory.
    public let directory: String

    init(spec: CommandSpec, arguments: Arguments, commandLine: String, location: SourceLocation?, shell: Shell, directory: String) {
        self.spec = spec
        self.arguments = arguments
        self.commandLine = commandLine
        self.location = location
        self.shell = shell
        self.directory = directory
    }

    /// Whether a person is at the keyboard.
    public var isInteractive: Bool { shell.isInteractive }

    /// `path` made absolute against the command file's folder (or the working directory).
    public func resolvePath(_ path: String) -> String {
        if path.hasPrefix("/") || directory.isEmpty { return path }
        if path.hasPrefix("~/"), let home = environment("HOME") { return home + String(path.dropFirst(1)) }
        return directory == "." ? path : directory + "/" + path
    }

    /// A progress bar on standard error when it is a terminal; silent otherwise. Its updates
    /// throw when Ctrl-C is pressed, so long work stops there (and its transaction rolls back).
    public func progress(_ label: String, total: Int?) -> ProgressReporter {
        ProgressReporter(label: label, total: total, console: shell.console,
                         enabled: shell.console.isErrorTerminal && !shell.variables.quiet,
                         interrupted: shell.interruptRequested)
    }

    /// Throws when Ctrl-C was pressed during this command: long loops call it now and then.
    public func checkInterrupted() throws {
        if shell.interruptRequested() { throw ShellError.interrupted }
    }

    /// Asks a yes/no question when interactive; in batch mode returns `batchAnswer` without asking.
    public func confirm(_ question: String, batchAnswer: Bool) -> Bool {
        shell.confirm(question, batchAnswer: batchAnswer)
    }

    /// An informational line on standard error (kept out of machine output on stdout).
    public func notice(_ message: String) {
        if !shell.variables.quiet { shell.console.writeError(message + "\n") }
    }
}

/// A place in a command file.
public struct SourceLocation: Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public init(file: String, line: Int) {
        self.file = file
        self.line = line
    }
    public var description: String { "\(file):\(line)" }
}
