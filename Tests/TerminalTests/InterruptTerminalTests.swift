import Testing

extension TerminalTests {
    /// Ctrl-C and Ctrl-D at the prompt.
    @Suite struct Interrupts {
        @Test("Ctrl-C discards the line being typed and keeps the shell running")
        func controlCClearsTheLine() throws {
            let sandbox = try NtmSandbox()
            defer { sandbox.remove() }
            let ntm = try sandbox.start()

            try ntm.send("echo should-not-run")
            try ntm.expect("should-not-run")  // libedit has read it
            let mark = ntm.output.count
            try ntm.send("\u{03}")
            try ntm.expect(NtmPrompt.main)
            #expect(ntm.isRunning, "Ctrl-C ended the shell\n\(ntm.transcript)")

            try ntm.send("echo after\r")
            try ntm.expectLine("after")
            let linesAfterInterrupt = ntm.screenLines(since: mark)
            #expect(!linesAfterInterrupt.contains("should-not-run"),
                    "the interrupted line was executed\n\(ntm.transcript)")
            #expect(ntm.isRunning)
            try ntm.quit()
        }

        @Test("Ctrl-D on an empty line exits with status 0")
        func controlDExits() throws {
            let sandbox = try NtmSandbox()
            defer { sandbox.remove() }
            let ntm = try sandbox.start()

            try ntm.send("\u{04}")
            let status = try ntm.waitForExit()
            #expect(status == 0, "exit status after Ctrl-D\n\(ntm.transcript)")
        }
    }
}
