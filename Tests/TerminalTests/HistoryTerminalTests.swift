import Foundation
import Testing

extension TerminalTests {
    /// History: recall with the arrow keys and Ctrl-R, kept in a private file across runs.
    @Suite struct History {
        @Test("Up arrow recalls a command typed in an earlier run")
        func upArrowAcrossRuns() throws {
            let sandbox = try NtmSandbox()
            defer { sandbox.remove() }

            let first = try sandbox.start()
            try first.send("echo first-run\r")
            try first.expectLine("first-run")
            try first.expect(NtmPrompt.main)
            // Leave with Ctrl-D, which is not a history entry, so "echo first-run" is the newest one.
            try first.send("\u{04}")
            #expect(try first.waitForExit() == 0)

            let second = try sandbox.start()
            try second.send("\u{1B}[A")
            try second.send("\r")
            try second.expectLine("first-run")
            try second.quit()
        }

        @Test("Ctrl-R finds an older command by a fragment")
        func reverseIncrementalSearch() throws {
            let sandbox = try NtmSandbox()
            defer { sandbox.remove() }
            let ntm = try sandbox.start()

            try ntm.send("echo alpha-one\r")
            try ntm.expectLine("alpha-one")
            try ntm.expect(NtmPrompt.main)
            try ntm.send("echo beta-two\r")
            try ntm.expectLine("beta-two")
            try ntm.expect(NtmPrompt.main)

            try ntm.send("\u{12}")  // ^R
            try ntm.send("alpha")
            try ntm.send("\r")
            try ntm.expectLine("alpha-one")
            try ntm.quit()
        }

        @Test("Ctrl-R works at the very first prompt, on history saved by an earlier run")
        func reverseSearchAtFirstPrompt() throws {
            let sandbox = try NtmSandbox()
            defer { sandbox.remove() }

            let first = try sandbox.start()
            try first.send("echo gamma-three\r")
            try first.expectLine("gamma-three")
            try first.expect(NtmPrompt.main)
            try first.send("\u{04}")
            #expect(try first.waitForExit() == 0)

            // libedit rebinds the terminal's special keys (^R is VREPRINT) when it first enters editing mode;
            // the search binding must survive that.
            let second = try sandbox.start()
            try second.send("\u{12}")
            try second.send("gamma")
            try second.send("\r")
            try second.expectLine("gamma-three")
            try second.quit()
        }

        @Test("The history file is private (0600) and skips lines that start with a space")
        func historyFileIsPrivateAndSkipsSpacePrefixedLines() throws {
            let sandbox = try NtmSandbox()
            defer { sandbox.remove() }
            let ntm = try sandbox.start()

            try ntm.send("echo one\r")
            try ntm.expectLine("one")
            try ntm.expect(NtmPrompt.main)
            // Saved at once, not at exit: a crash must lose nothing.
            let path = sandbox.historyFile.path
            try waitForFile(path, containing: "echo one", transcript: ntm)
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            let permissions = (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
            #expect(permissions == 0o600, "history file mode is \(String(permissions, radix: 8)), want 600")

            try ntm.send(" echo secret-space\r")
            try ntm.expectLine("secret-space")
            try ntm.expect(NtmPrompt.main)
            try ntm.quit()

            let saved = try String(contentsOfFile: path, encoding: .utf8)
            #expect(saved.contains("echo one"), "history file:\n\(saved)")
            #expect(!saved.contains("secret-space"), "a line starting with a space was recorded:\n\(saved)")
        }

        @Test("Repeated lines are kept once, and `set histsize N` caps the file at the newest N lines")
        func duplicatesCollapseAndSizeIsCapped() throws {
            let sandbox = try NtmSandbox()
            defer { sandbox.remove() }
            let ntm = try sandbox.start()
            try ntm.send("set histsize 4\r")
            for word in ["alpha", "beta", "alpha", "gamma", "delta"] {
                try ntm.send("echo \(word)\r")
                try ntm.expectLine(word)
            }
            try waitForFile(sandbox.historyFile.path, containing: "echo delta", transcript: ntm)
            try ntm.quit()
            let lines = try String(contentsOfFile: sandbox.historyFile.path, encoding: .utf8)
                .split(separator: "\n").map(String.init)
            // `alpha` appears once (its newest place), `beta` fell off the cap; `quit` is history too.
            #expect(lines == ["echo alpha", "echo gamma", "echo delta", "quit"], "history file: \(lines)")
        }
    }
}

/// Waits up to ten seconds for `path` to exist and contain `text`.
func waitForFile(_ path: String, containing text: String, transcript session: PseudoTerminalSession) throws {
    let deadline = ContinuousClock.now + .seconds(10)
    while ContinuousClock.now < deadline {
        if let content = try? String(contentsOfFile: path, encoding: .utf8), content.contains(text) { return }
        Thread.sleep(forTimeInterval: 0.05)
    }
    let content = (try? String(contentsOfFile: path, encoding: .utf8)) ?? "(missing)"
    throw TerminalTestError("\(path) never contained \(text.debugDescription); it holds:\n\(content)",
                            transcript: session.transcript)
}
