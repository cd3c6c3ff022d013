import ArgumentParser
import ShellKit

/// The `ntm` binary's own flags (the shell's commands are declared in ShellKit, not here).
///
/// One flat command, no option groups: each level of nesting costs ArgumentParser another pass of
/// reflection at every start.
struct Options: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ntm",
        // Marking ntm as part of a command "suite" turns off ArgumentParser's check for
        // --generate-completion-script, which costs about 1 ms of every start (measured: its
        // reflection scans the statically linked Foundation's protocol conformances). ntm completes
        // inside the shell instead. The explicit usage keeps help free of the empty suite name.
        _superCommandName: "",
        abstract: "Admin shell for the NTM (new-style rural) digital-transformation plan.",
        usage: "ntm [-f FILE]... [-c COMMANDS]... [--db PATH] [--init FILE] [options]",
        discussion: """
        With no -f or -c and a terminal on standard input, starts an interactive session.

        With standard input from a file or pipe, runs it as a command file.

        \(Options.exitCodes)
        """
    )
    static let exitCodes = """
    Exit status:
      0  success
      1  a command failed (bad data, refused change)
      2  usage error: bad flag, unknown command or option, syntax error
      3  a command file or input file could not be read
      4  the database could not be opened, or was written by a newer ntm
    With --keep-going the run goes on and exits with the first failure's status.
    """

    // `.unconditional`: the next word is the value even when it starts with '-' (`-c '-x'`, `-f -file.ntm`).
    @Option(name: .customShort("f"), parsing: .unconditionalSingleValue, help: ArgumentHelp("Run the commands in FILE, then exit (repeatable; runs in order with -c).", valueName: "FILE"))
    var files: [String] = []

    @Option(name: .customShort("c"), parsing: .unconditionalSingleValue, help: ArgumentHelp("Run COMMANDS (separated by ';'), then exit (repeatable).", valueName: "COMMANDS"))
    var commands: [String] = []

    @Option(name: .long, help: ArgumentHelp("Run FILE first, then go on (interactively, or with -f/-c): for sandboxes and set-up.", valueName: "FILE"))
    var `init`: String?

    @Option(name: .long, help: ArgumentHelp("Database file (default: $NTM_DB, else $XDG_DATA_HOME/ntm/ntm.db); ':memory:' for a throwaway session.", valueName: "PATH"))
    var db: String?

    @Option(name: .long, help: ArgumentHelp("Output format: table, csv, json or markdown.", valueName: "FORMAT"))
    var format: String?

    @Flag(name: .long, help: "Print each command before its output.")
    var echo = false

    @Flag(name: .long, help: "Do not stop at the first failing command; still exit non-zero if any failed.")
    var keepGoing = false

    @Flag(name: .long, help: "Open the database read-only; commands that change data are refused, and no -wal or -shm file is left behind.")
    var readOnly = false

    @Flag(name: .long, help: "Commit the whole run, or nothing if any command fails.")
    var singleTransaction = false

    @Flag(name: .long, help: "Run everything, print what would change, then roll back.")
    var dryRun = false

    @Option(name: .customLong("as"), help: ArgumentHelp("Name recorded in the audit log (default: the OS user).", valueName: "NAME"))
    var actor: String?

    @Flag(name: .long, help: "No banner, messages or progress bars.")
    var quiet = false

    @Flag(name: .long, help: "Print the version and exit.")
    var version = false
}

extension Options {
    /// The flags of `arguments`: ArgumentParser's reading of them, without its cost when they are
    /// all plain.
    ///
    /// ArgumentParser finds its declarations by reflection, and each protocol it checks a type
    /// against scans every conformance record of the statically linked binary: that was 9 of the
    /// 25 million instructions of a one-shot `ntm -c 'unit show 07324'`. An argument list made only
    /// of the declared flags written the usual way (`-c TEXT`, `--db PATH`, `--quiet`, ...) is read
    /// here, into the same ``Options`` (a test compares both readings over many lists); anything
    /// else (`--help`, `--db=PATH`, a repeated or unknown flag, a missing value) goes to
    /// ArgumentParser, which reads it or words the error.
    static func parseQuickly(_ arguments: [String]) throws -> Options {
        if let options = plainReading(arguments) { return options }
        return try parse(arguments)
    }

    /// ``parseQuickly(_:)``'s reading of a plain argument list; nil for anything else.
    static func plainReading(_ arguments: [String]) -> Options? {
        var files: [String] = [], commands: [String] = []
        var values: [String: String] = [:]
        var flags = Set<String>()
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            switch argument {
            case "-f", "-c":
                // `.unconditionalSingleValue`: the next word whatever it is.
                guard index + 1 < arguments.count else { return nil }
                if argument == "-f" { files.append(arguments[index + 1]) } else { commands.append(arguments[index + 1]) }
                index += 2
            case "--init", "--db", "--format", "--as":
                // A value that looks like a flag is ArgumentParser's to judge (and refuse).
                guard index + 1 < arguments.count, !arguments[index + 1].hasPrefix("-"), values[argument] == nil else { return nil }
                values[argument] = arguments[index + 1]
                index += 2
            case "--echo", "--keep-going", "--read-only", "--single-transaction", "--dry-run", "--quiet", "--version":
                guard flags.insert(argument).inserted else { return nil }
                index += 1
            default:
                return nil
            }
        }
        var options = Options()
        options.files = files
        options.commands = commands
        options.`init` = values["--init"]
        options.db = values["--db"]
        options.format = values["--format"]
        options.actor = values["--as"]
        options.echo = flags.contains("--echo")
        options.keepGoing = flags.contains("--keep-going")
        options.readOnly = flags.contains("--read-only")
        options.singleTransaction = flags.contains("--single-transaction")
        options.dryRun = flags.contains("--dry-run")
        options.quiet = flags.contains("--quiet")
        options.version = flags.contains("--version")
        return options
    }
}
