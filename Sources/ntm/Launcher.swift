import ArgumentParser
import LineEditor
import ShellKit
#if canImport(Glibc)
import Glibc
#endif

/// Parses flags, builds the session, runs what was asked, and returns the exit status.
enum Launcher {
    static let version = "0.1.0"

    /// One input to run, in the order given on the command line.
    enum Input {
        case file(String)
        case commands(String)
    }

    static func launch(arguments: [String]) -> Int32 {
        let options: Options
        do {
            options = try Options.parseQuickly(arguments)
        } catch {
            let code = Options.exitCode(for: error)
            let message = Options.fullMessage(for: error)
            if code == .success {
                print(message)
                return ExitStatus.success
            }
            StandardConsole().writeError(usageError(message))
            return ExitStatus.usage
        }
        if options.version {
            print("ntm \(version)")
            return ExitStatus.success
        }
        if let format = options.format, OutputFormat(rawValue: format) == nil {
            StandardConsole().writeError("error: --format must be one of table, csv, json, markdown (got '\(format)')\n")
            return ExitStatus.usage
        }

        let inputs = orderedInputs(arguments)
        let interactive = inputs.isEmpty && isatty(0) == 1
        // libedit needs a UTF-8 locale; batch runs do not, and loading one costs start-up time.
        if interactive { LocaleSetup.ensureUTF8() }

        let console = StandardConsole()
        let session = Session(options: options, console: console, interactive: interactive)
        let status = session.run(inputs: inputs)
        // The process ends now: taking apart the session's command tree, unit index and caches would cost
        // more than some commands. Only once the database is closed (a connection still open at exit
        // leaves its -wal file behind).
        if session.host.isClosed { finished = session }
        return status
    }

    /// The session of the run that has ended, kept so that nothing is freed just before exit.
    nonisolated(unsafe) private static var finished: Session?

    /// A flag error worded like every other error (`error: ...`), not ArgumentParser's `Error: ...`.
    static func usageError(_ message: String) -> String {
        var text = message
        if text.hasPrefix("Error: ") { text.removeFirst("Error: ".count) }
        if let first = text.first, first.isUppercase, text.dropFirst().first?.isLowercase == true {
            text = first.lowercased() + text.dropFirst()
        }
        return "error: " + text + (text.hasSuffix("\n") ? "" : "\n")
    }

    /// `-f` and `-c` in the order they were given (ArgumentParser keeps them in separate arrays).
    static func orderedInputs(_ arguments: [String]) -> [Input] {
        var inputs: [Input] = []
        var i = 0
        while i < arguments.count {
            let argument = arguments[i]
            if argument == "--" { break }
            if (argument == "-f" || argument == "-c"), i + 1 < arguments.count {
                inputs.append(argument == "-f" ? .file(arguments[i + 1]) : .commands(arguments[i + 1]))
                i += 2
                continue
            }
            if argument.hasPrefix("-f"), argument.count > 2 { inputs.append(.file(String(argument.dropFirst(2)))) }
            else if argument.hasPrefix("-c"), argument.count > 2 { inputs.append(.commands(String(argument.dropFirst(2)))) }
            else if ["--db", "--format", "--as", "--init"].contains(argument) { i += 1 }
            i += 1
        }
        return inputs
    }
}
