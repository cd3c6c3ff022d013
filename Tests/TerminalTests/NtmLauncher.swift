import Foundation
import Testing

/// Starts the real `ntm` binary on a pseudo-terminal, in a sandbox a test owns.
///
/// The sandbox is a fresh temporary directory used as HOME and (below it) XDG_STATE_HOME, so history files
/// never touch the developer's own, and two runs of one test can share history by sharing the sandbox.
/// TERM, LANG and LC_* are removed: libedit then draws for a plain ("dumb") terminal, and ntm must force a
/// UTF-8 locale by itself for Vietnamese input to survive.
struct NtmSandbox {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("ntm-terminal-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    var stateHome: URL { directory.appendingPathComponent("state", isDirectory: true) }

    /// Where ntm keeps interactive history: `$XDG_STATE_HOME/ntm/history`.
    var historyFile: URL { stateHome.appendingPathComponent("ntm/history") }

    /// Starts `ntm --db :memory:` (plus `arguments`) and waits for its first prompt.
    func start(_ arguments: [String] = []) throws -> PseudoTerminalSession {
        let session = try PseudoTerminalSession(
            executable: try Self.binaryPath(),
            arguments: ["--db", ":memory:"] + arguments,
            environment: environment)
        try session.expect(NtmPrompt.main)
        return session
    }

    func remove() {
        try? FileManager.default.removeItem(at: directory)
    }

    private var environment: [String: String] {
        var environment = ProcessInfo.processInfo.environment.filter { name, _ in
            !(name == "TERM" || name == "LANG" || name == "LANGUAGE" || name.hasPrefix("LC_")
                || name == "HOME" || name.hasPrefix("XDG_") || name == "EDITRC" || name == "COLUMNS"
                || name == "LINES" || name.hasPrefix("NTM_") || name == "NO_COLOR" || name == "PAGER")
        }
        environment["HOME"] = directory.path
        environment["XDG_STATE_HOME"] = stateHome.path
        environment["NO_COLOR"] = "1"
        return environment
    }

    /// The `ntm` binary: `$NTM_BINARY`, else the one built beside this test executable (SwiftPM puts both in
    /// `.build/<triple>/debug`).
    static func binaryPath() throws -> String {
        if let path = ProcessInfo.processInfo.environment["NTM_BINARY"], !path.isEmpty { return path }
        var starts: [URL] = []
        if let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            starts.append(URL(fileURLWithPath: executable).deletingLastPathComponent())
        }
        if let bundle = Bundle.main.executableURL { starts.append(bundle.deletingLastPathComponent()) }
        starts.append(URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.deletingLastPathComponent())
        var looked: [String] = []
        for start in starts {
            // Walk up from the test executable (or from inside an .xctest bundle) to the `debug` directory.
            var directory = start
            for _ in 0..<4 {
                let candidate = directory.appendingPathComponent("ntm")
                looked.append(candidate.path)
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory),
                   !isDirectory.boolValue, FileManager.default.isExecutableFile(atPath: candidate.path) {
                    return candidate.path
                }
                directory = directory.deletingLastPathComponent()
            }
        }
        throw TerminalTestError("cannot find the ntm binary (set NTM_BINARY); looked at:\n" +
            looked.joined(separator: "\n"))
    }
}

/// The prompts of the interactive shell.
enum NtmPrompt {
    static let main = "ntm> "
}

extension PseudoTerminalSession {
    /// Types `quit` and checks ntm exits with status 0.
    func quit() throws {
        try send("quit\r")
        let status = try waitForExit()
        #expect(status == 0, "quit should exit with status 0\n\(transcript)")
    }
}
