import Testing

extension TerminalTests {
    /// The prompt tells where you are: an open transaction, a continued line; quitting asks first.
    @Suite struct Session {
        @Test("the prompt shows ntm*> while a transaction is open, and ntm> again after rollback")
        func transactionPrompt() throws {
            let sandbox = try NtmSandbox()
            defer { sandbox.remove() }
            let ntm = try sandbox.start()
            try ntm.send("begin\r")
            try ntm.expect("ntm*> ")
            try ntm.send("rollback\r")
            try ntm.send("echo back\r")
            try ntm.expectLine("back")
            try ntm.quit()
        }

        @Test("quit with an open transaction asks; 'n' keeps the session, 'y' rolls back and leaves")
        func quitAsksWithOpenTransaction() throws {
            let sandbox = try NtmSandbox()
            defer { sandbox.remove() }
            let ntm = try sandbox.start()
            try ntm.send("begin\r")
            try ntm.expect("ntm*> ")
            try ntm.send("quit\r")
            try ntm.expect("A transaction is open; quitting rolls it back. Quit? [y/n] ")
            try ntm.send("n\r")
            try ntm.expect("Still in the transaction")
            try ntm.send("quit\r")
            try ntm.expect("Quit? [y/n] ")
            try ntm.send("y\r")
            #expect(try ntm.waitForExit() == 0)
        }

        @Test("a line ending in a backslash continues on a ...> prompt")
        func continuationPrompt() throws {
            let sandbox = try NtmSandbox()
            defer { sandbox.remove() }
            let ntm = try sandbox.start()
            try ntm.send("echo first \\\r")
            try ntm.expect("...> ")
            try ntm.send("second\r")
            try ntm.expectLine("first second")
            try ntm.quit()
        }

        @Test("Tab completes unit names without diacritics: 'phuc h' becomes Phúc Hòa")
        func unitNameCompletion() throws {
            let sandbox = try NtmSandbox()
            defer { sandbox.remove() }
            let ntm = try sandbox.start()
            try ntm.send("unit show phuc\t")
            // Several units start with Phúc: they are listed with their codes.
            try ntm.expect(allOf: ["07324  Xã Phúc Hòa", "07318  Xã Phúc Sơn"])
            try ntm.send("\u{15}")  // ^U: kill the line
            try ntm.send("unit show \"phuc h\t")
            try ntm.send("--format csv\r")
            try ntm.expectLine("code,07324")
            try ntm.quit()
        }
    }
}
