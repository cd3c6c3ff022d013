import Testing
@testable import ShellKit

/// Messages a new user meets: each says what went wrong and what to type instead.
@Suite("Messages")
struct MessagesTests {
    @Test("help for an unknown word names related commands, else points to the list")
    func helpForUnknownWord() {
        let related = TestShell()
        #expect(related.line("help animal") == ExitStatus.usage)
        #expect(related.errors.hasPrefix("error: no command 'animal'; commands about 'animal': 'zoo list', 'zoo show', 'zoo add'\n"))

        let nothing = TestShell()
        nothing.line("help xyzzy")
        #expect(nothing.errors.hasPrefix("error: no command 'xyzzy'; type 'help' for the list of commands"))

        let near = TestShell()
        near.line("help zoo lsit")
        #expect(near.errors.hasPrefix("error: no command 'zoo lsit' (did you mean 'zoo list'?)"))
    }

    @Test("two unquoted words where one value is expected: the error shows the quoted command")
    func quoteHint() {
        let shell = TestShell()
        #expect(shell.line("zoo add Xã Hợp --count 2") == ExitStatus.usage)
        #expect(shell.errors.hasPrefix(
            "error: unexpected argument 'Hợp' for 'zoo add' (a value of several words needs quotes: zoo add \"Xã Hợp\")"))
    }

    @Test("an extra word after a quoted value or a choice gets no quoting hint")
    func noQuoteHint() {
        let shell = TestShell()
        shell.line("zoo add \"Xã Hợp\" Đức --count 2")
        #expect(shell.errors.hasPrefix("error: unexpected argument 'Đức' for 'zoo add' (usage:"))
    }

    @Test("text typed in decomposed Unicode reaches commands in NFC (one code point per letter)")
    func decomposedInputIsComposed() {
        let shell = TestShell()
        shell.run("zoo add \"Tho\u{0302}n \u{0110}o\u{0302}ng\" --count 1\nzoo list --format csv")
        #expect(shell.zoo.animals.last?.name.unicodeScalars.map(\.value) == "Thôn Đông".unicodeScalars.map(\.value))
        #expect(shell.output.contains("Thôn Đông,cat,1"))
        #expect(!shell.output.unicodeScalars.contains { $0.value == 0x302 })
    }

    @Test("file names are passed as typed, not normalised (they must match the bytes on disk)")
    func pathsAreNotNormalised() {
        let folder = TemporaryFolder()
        let decomposed = "To\u{0302}.ntm"
        folder.write(decomposed, "echo sourced\n")
        let shell = TestShell()
        #expect(shell.run("source \"\(folder.path)/\(decomposed)\"") == ExitStatus.success)
        #expect(shell.output == "sourced\n")
    }

    @Test("after Ctrl-C on a terminal the error starts on a clean line, not after the echoed ^C")
    func interruptedOnACleanLine() {
        let terminal = TestShell(interactive: true, terminal: true)
        terminal.shell.report(ShellError.interrupted, sourceText: nil)
        #expect(terminal.errors == "\r\u{1B}[Kerror: interrupted: the command stopped and changed nothing\n")
        let file = TestShell()
        file.shell.report(ShellError.interrupted, sourceText: nil)
        #expect(file.errors == "error: interrupted: the command stopped and changed nothing\n")
    }
}

/// A `show` command's record is one JSON object, not rows of field and value.
@Suite("Records in JSON")
struct RecordJSONTests {
    @Test("fields become keys; a repeated field becomes an array; numbers stay numbers")
    func recordIsOneObject() {
        let record = ResultTable.record([("code", .text("07324")), ("valid from", .text("2020-01-01")),
                                         ("villages", .integer(3)), ("history", .text("a")), ("history", .text("b"))])
        #expect(Renderer.render(.table(record), as: .json) == """
            {
              "code": "07324",
              "valid_from": "2020-01-01",
              "villages": 3,
              "history": ["a", "b"]
            }

            """)
    }

    @Test("zoo show --format json prints one object")
    func showCommand() {
        let shell = TestShell()
        shell.run("zoo show \"Xã Phúc Hòa\" --format json")
        #expect(shell.output == "{\n  \"kind\": \"cat\",\n  \"count\": 3\n}\n")
    }
}
