import Foundation
import Testing
@testable import ShellKit

/// What a person types or a file holds cannot cut paths short, glue words together, drive the terminal or
/// leave secrets in history (issue 8).
@Suite("Input safety")
struct InputSafetyTests {
    @Test("a combining mark after a blank or ';' starts a new word instead of gluing it to the previous one")
    func combiningMarks() throws {
        let statements = try Tokenizer.statements(in: "echo a \u{301}b")
        #expect(statements.count == 1)
        #expect(statements[0].words.map(\.literal) == ["echo", "a", "\u{301}b"])
        let two = try Tokenizer.statements(in: "echo a;\u{301}echo b")
        #expect(two.count == 2)
    }

    @Test("columns count code points, so the caret stays under the word after decomposed text")
    func caretAfterDecomposedText() {
        let shell = TestShell()
        shell.run("echo Pho\u{31B}\u{301}c; zoo lisst")
        #expect(shell.errors == """
            test.ntm:1: error: unknown command 'zoo lisst' (did you mean 'zoo list'?); 'zoo' has: add, fail, feed, list, show
                echo Pho\u{31B}\u{301}c; zoo lisst
                               ^~~~~

            """)
    }

    @Test("a NUL character anywhere in a command is a syntax error naming the place")
    func nul() {
        let shell = TestShell()
        #expect(shell.run("echo ok\nzoo list --output \"a\u{0}b\"") == ExitStatus.usage)
        #expect(shell.output.isEmpty, "nothing runs")
        #expect(shell.errors.hasPrefix("test.ntm:2: error: a NUL character (byte 0) cannot appear in a command\n"))
        #expect(throws: SyntaxError.self) { try Tokenizer.statements(in: "echo 'a\u{0}'") }
        #expect(throws: SyntaxError.self) { try Tokenizer.statements(in: "echo \u{0}") }
    }

    @Test("CRLF line ends still join continued lines and end quoted lines as LF")
    func crlf() throws {
        let statements = try Tokenizer.statements(in: "echo a \\\r\n b\r\necho \"x\r\ny\"\r\n")
        #expect(statements.map { $0.words.compactMap(\.literal) } == [["echo", "a", "b"], ["echo", "x\ny"]])
    }

    @Test("a line longer than the limit is refused before anything runs, without repeating it")
    func overlongLine() {
        let shell = TestShell()
        shell.shell.maxLineLength = 100
        #expect(shell.run("echo ran\necho " + String(repeating: "y", count: 200)) == ExitStatus.usage)
        #expect(shell.output.isEmpty)
        #expect(shell.errors == "test.ntm:2: error: line 2 has 205 bytes, more than a command may have (100); nothing was run\n")
    }

    @Test("an unknown word of a megabyte gets no suggestion work and is shortened in the error")
    func hugeUnknownWord() {
        let shell = TestShell()
        let word = String(repeating: "z", count: 1 << 20)
        shell.shell.maxLineLength = 2 << 20
        #expect(shell.run(word) == ExitStatus.usage)
        #expect(shell.errors.count < 300)
        #expect(shell.errors.hasPrefix("test.ntm:1: error: unknown command '" + String(repeating: "z", count: 57) + "…'"))
        #expect(Suggestions.nearest(to: word, among: ["zoo"]) == nil)
    }

    @Test("control characters in results are shown escaped on a terminal and kept exact elsewhere")
    func controlCharacters() {
        let name = "Rex\u{1B}[2J\u{1B}]0;pwned\u{07}\r"
        let terminal = TestShell(terminal: true)
        terminal.run("zoo add '\(name)' --count 1\nzoo list --min 1 --format csv")
        #expect(!terminal.output.contains("\u{1B}"))
        #expect(terminal.output.contains("Rex\\e[2J\\e]0;pwned\\a\\r"))
        let pipe = TestShell()
        pipe.run("zoo add '\(name)' --count 1\nzoo list --min 1 --format csv")
        #expect(pipe.output.contains(name))
    }

    @Test("errors on a terminal escape control characters they quote")
    func controlCharactersInErrors() {
        let terminal = TestShell(terminal: true)
        terminal.run("zoo show 'a\u{1B}[2Jb'")
        #expect(!terminal.errors.contains("\u{1B}"))
        #expect(terminal.errors.contains("a\\e[2Jb"))
    }

    @Test("history keeps no line that sets a secret-looking variable or holds an ID-like number")
    func historyRedaction() {
        let shell = TestShell(interactive: true)
        let input = ScriptedInput([
            .line("set token s3cr3t"), .line("set DB_PASSWORD x"), .line("echo 079123456789"), .line("set year 2023"),
            .line("echo 07324"), .line("set histredact 'rex'"), .line("echo Rex"), .line("set token again"),
        ])
        shell.shell.input = input
        _ = shell.shell.runInteractive(banner: nil)
        #expect(input.history == ["set year 2023", "echo 07324", "set histredact 'rex'", "set token again"])
    }

    @Test("histredact refuses a pattern that is not a regular expression")
    func badRedactionPattern() {
        let shell = TestShell()
        #expect(shell.run("set histredact '('") == ExitStatus.usage)
        #expect(shell.errors.hasPrefix("test.ntm:1: error: invalid value '(' for setting 'histredact': not a regular expression"))
    }

    @Test("--output x.csv without --format writes CSV, x.md Markdown, and says how many rows it wrote")
    func outputFormatFromExtension() {
        let folder = TemporaryFolder()
        let shell = TestShell(terminal: true)
        #expect(shell.run("zoo list --output \(folder.path)/all.csv\nzoo list --kind dog --output \(folder.path)/dogs.md") == 0)
        #expect(folder.read("all.csv") == "name,kind,count\nXã Phúc Hòa,cat,3\nXã Phúc Sơn,dog,12\nPhường Trần Phú,cat,1250\n")
        #expect(folder.read("dogs.md")?.hasPrefix("| name | kind | count |") == true)
        #expect(shell.errors == "Wrote 3 rows to \(folder.path)/all.csv\nWrote 1 row to \(folder.path)/dogs.md\n")
    }

    @Test("--output to a folder is refused before the command runs")
    func outputToFolder() {
        let folder = TemporaryFolder()
        let shell = TestShell()
        #expect(shell.run("zoo add Rex --count 2 --output \(folder.path)") == ExitStatus.failure)
        #expect(shell.errors == "test.ntm:1: error: cannot write '\(folder.path)': it is a folder\n")
        #expect(shell.zoo.animals.count == 3)
    }

    @Test("a failed write never truncates the old file: the result goes to a temporary file that replaces it")
    func outputKeepsOldFileOnFailure() throws {
        let folder = TemporaryFolder()
        folder.write("keep.csv", "old\n")
        // In /proc no temporary file can be made: the write fails and the file is as it was.
        let before = try String(contentsOfFile: "/proc/version", encoding: .utf8)
        #expect(throws: ShellError.self) { try OutputFile.write("new\n", to: "/proc/version") }
        #expect(try String(contentsOfFile: "/proc/version", encoding: .utf8) == before)
        try OutputFile.write("new\n", to: folder.path + "/keep.csv")
        #expect(folder.read("keep.csv") == "new\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["keep.csv"], "no temporary file left")
    }

    @Test("source refuses devices and folders")
    func sourceDevices() {
        let shell = TestShell()
        #expect(shell.run("source /dev/zero") == ExitStatus.unreadableFile)
        #expect(shell.errors == "test.ntm:1: error: cannot read '/dev/zero': not a regular file\n")
        let other = TestShell()
        #expect(other.run("source /tmp") == ExitStatus.unreadableFile)
        #expect(other.errors == "test.ntm:1: error: cannot read '/tmp': it is a folder\n")
    }
}
