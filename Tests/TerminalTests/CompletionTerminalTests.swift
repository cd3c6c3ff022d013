import Testing

extension TerminalTests {
    /// Tab completes command names.
    @Suite struct Completion {
        @Test("Tab completes a unique command and adds a space")
        func uniqueCommand() throws {
            let sandbox = try NtmSandbox()
            defer { sandbox.remove() }
            let ntm = try sandbox.start()

            // "ech" + Tab must become "echo " — otherwise "ech hi" is an unknown command and no line reads "hi".
            try ntm.send("ech\t")
            try ntm.send(" hi\r")
            try ntm.expectLine("hi")
            try ntm.quit()
        }

        @Test("Tab on an ambiguous prefix lists every candidate")
        func ambiguousPrefixListsCandidates() throws {
            let sandbox = try NtmSandbox()
            defer { sandbox.remove() }
            let ntm = try sandbox.start()

            try ntm.send("e\t")
            try ntm.expect(allOf: ["echo", "exit"])
            // The prompt and the typed "e" are drawn again below the list.
            try ntm.expect(NtmPrompt.main)
            try ntm.send("\u{15}")  // ^U: kill the line
            try ntm.quit()
        }
    }
}
