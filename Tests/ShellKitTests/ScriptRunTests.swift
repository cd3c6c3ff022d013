import Foundation
import Testing
@testable import ShellKit

/// Running command files unattended: FILE:LINE errors with a caret, stop at the first error, exit statuses
/// a cron job can trust, and nothing run when the file cannot be right.
@Suite("Running command files")
struct ScriptRunTests {
    @Test("a good file runs every command in order and exits 0")
    func success() {
        let shell = TestShell()
        let status = shell.run("""
            #!/usr/bin/env -S ntm -f
            # Add two animals, then list the cats.
            zoo add "Xã Hợp Đức" --count 2
            zoo list --kind cat --min 2; echo done
            """)
        #expect(status == ExitStatus.success)
        #expect(shell.output == """
            added 2 to Xã Hợp Đức
            name             kind  count
            ───────────────  ────  ─────
            Xã Phúc Hòa      cat       3
            Phường Trần Phú  cat   1,250
            Xã Hợp Đức       cat       2
            (3 rows)
            done

            """)
        #expect(shell.errors.isEmpty)
    }

    @Test("a usage error says FILE:LINE: error:, shows the line and puts a caret under the word; the run stops with 2")
    func usageErrorWithCaret() {
        let shell = TestShell()
        let status = shell.run("echo start\nzoo list --kind fish\necho never\n", name: "reports/daily.ntm")
        #expect(status == ExitStatus.usage)
        #expect(shell.output == "start\n")
        #expect(shell.errors == """
            reports/daily.ntm:2: error: invalid value 'fish' for --kind: expected one of cat, dog
                zoo list --kind fish
                                ^~~~

            """)
    }

    @Test("a command that fails stops the run with 1; without a word to blame there is no caret")
    func failureStops() {
        let shell = TestShell()
        let status = shell.run("echo start\nzoo fail\necho never")
        #expect(status == ExitStatus.failure)
        #expect(shell.output == "start\n")
        #expect(shell.errors == "test.ntm:2: error: the zoo is closed today\n")
    }

    @Test("an error that is not the engine's own is reported by its description, exit 1")
    func foreignError() {
        let shell = TestShell()
        #expect(shell.run("zoo fail --foreign") == ExitStatus.failure)
        #expect(shell.errors == "test.ntm:1: error: the keeper dropped the keys\n")
    }

    @Test("a missing argument is reported on the command's line")
    func missingArgumentLine() {
        let shell = TestShell()
        #expect(shell.run("echo a\n\nzoo add Rex") == ExitStatus.usage)
        #expect(shell.errors == "test.ntm:3: error: missing --count N for 'zoo add' (usage: zoo add NAME --count N [--kind cat|dog])\n")
    }

    @Test("the caret lines up under a word that follows Vietnamese text, precomposed or decomposed")
    func caretAfterVietnamese() {
        let shell = TestShell()
        shell.run("zoo show \"Xã Phúc Hòa\" --colour red")
        #expect(shell.errors == """
            test.ntm:1: error: unknown option '--colour' for 'zoo show'
                zoo show "Xã Phúc Hòa" --colour red
                                       ^~~~~~~~

            """)
        let decomposed = "Xa\u{0303} Phu\u{0301}c Ho\u{0300}a"
        let other = TestShell()
        other.run("zoo show \"\(decomposed)\" --colour red")
        #expect(other.errors.hasSuffix("\n" + String(repeating: " ", count: 4 + 23) + "^~~~~~~~\n"))
    }

    @Test("the caret covers a Vietnamese word by its display width")
    func caretUnderVietnameseWord() {
        let shell = TestShell()
        shell.run("zoo show Phường")
        #expect(shell.errors == """
            test.ntm:1: error: invalid animal 'Phường' for NAME: no animal with that name
                zoo show Phường
                         ^~~~~~

            """)
    }

    @Test("an error on a continuation line names that physical line and points into it")
    func errorOnContinuationLine() {
        let shell = TestShell()
        #expect(shell.run("echo a\nzoo list \\\n    --kind fish") == ExitStatus.usage)
        #expect(shell.errors == """
            test.ntm:3: error: invalid value 'fish' for --kind: expected one of cat, dog
                    --kind fish
                           ^~~~

            """)
    }

    @Test("tabs in the source line keep the caret aligned")
    func tabsInSource() {
        let shell = TestShell()
        shell.run("zoo\tlist\t--kind fish")
        #expect(shell.errors.hasSuffix("    zoo list --kind fish\n                    ^~~~\n"))
    }

    @Test("on a terminal with colour on, the error label is red and bold; otherwise plain",
          .enabled(if: ShellKit.environment("NO_COLOR").map { $0.isEmpty } ?? true))
    func colouredLabel() {
        let shell = TestShell(terminal: true)
        shell.run("set color on\nzoo fail")
        #expect(shell.errors == "test.ntm:2: " + ANSI.red(ANSI.bold("error:")) + " the zoo is closed today\n")
        let plain = TestShell(terminal: true)
        plain.run("zoo fail")
        #expect(plain.errors == "test.ntm:1: error: the zoo is closed today\n", "TestShell turns colour off")
    }

    // MARK: errexit

    @Test("with errexit off the run goes on, and returns the first failure's status (1)")
    func errexitOffFailureFirst() {
        let shell = TestShell()
        let status = shell.run("set errexit off\nzoo fail\nzoo list --kind fish\necho still here")
        #expect(status == ExitStatus.failure)
        #expect(shell.output == "still here\n")
        #expect(shell.errors.contains("test.ntm:2: error: the zoo is closed today\n"))
        #expect(shell.errors.contains("test.ntm:3: error: invalid value 'fish' for --kind"))
    }

    @Test("with errexit off the first failure decides the status even when it is a usage error (2)")
    func errexitOffUsageFirst() {
        let shell = TestShell()
        #expect(shell.run("set errexit off\nzoo list --min lots\nzoo fail\necho end") == ExitStatus.usage)
        #expect(shell.output == "end\n")
    }

    @Test("errexit can be switched back on in the middle of a file")
    func errexitBackOn() {
        let shell = TestShell()
        #expect(shell.run("set errexit off\nzoo fail\nset errexit on\nzoo fail\necho never") == ExitStatus.failure)
        #expect(shell.output.isEmpty)
        #expect(shell.errors.components(separatedBy: "error:").count == 3)
    }

    // MARK: Nothing runs when the file cannot be right

    @Test("pre-flight: an unknown command anywhere in the file is reported before anything runs")
    func preflightUnknownCommand() {
        let shell = TestShell()
        let status = shell.run("""
            zoo add "Xã Hợp Đức" --count 2
            echo halfway
            zoo lsit --kind cat
            """)
        #expect(status == ExitStatus.usage)
        #expect(shell.output.isEmpty)
        #expect(shell.zoo.commandsRun == 0)
        #expect(shell.zoo.animals.count == 3, "the add on line 1 did not happen")
        #expect(shell.errors == """
            test.ntm:3: error: unknown command 'zoo lsit' (did you mean 'zoo list'?); 'zoo' has: add, fail, feed, list, show
                zoo lsit --kind cat
                    ^~~~

            """)
    }

    @Test("pre-flight finds an unknown first word after a semicolon too")
    func preflightAfterSemicolon() {
        let shell = TestShell()
        #expect(shell.run("echo a; ecoh b") == ExitStatus.usage)
        #expect(shell.output.isEmpty)
        #expect(shell.errors.hasPrefix("test.ntm:1: error: unknown command 'ecoh' (did you mean 'echo'?)"))
    }

    @Test("a syntax error anywhere runs nothing and points at the open quote")
    func syntaxErrorRunsNothing() {
        let shell = TestShell()
        #expect(shell.run("zoo add Rex --count 1\nzoo show \"Xã Phúc") == ExitStatus.usage)
        #expect(shell.zoo.commandsRun == 0)
        #expect(shell.errors == """
            test.ntm:2: error: unterminated double quote
                zoo show "Xã Phúc
                         ^

            """)
    }

    // MARK: Other ways a run ends

    @Test("quit ends the run successfully; later commands do not run")
    func quitEndsRun() {
        let shell = TestShell()
        #expect(shell.run("echo a\nquit\necho b") == ExitStatus.success)
        #expect(shell.output == "a\n")
    }

    @Test("a file that cannot be read exits 3 with its name")
    func unreadableFile() {
        let folder = TemporaryFolder()
        let shell = TestShell()
        #expect(shell.shell.run(file: folder.path + "/missing.ntm") == ExitStatus.unreadableFile)
        #expect(shell.errors == "error: cannot read '\(folder.path)/missing.ntm': No such file or directory\n")
    }

    @Test("a file that is not UTF-8 exits 3 and runs nothing")
    func notUTF8() throws {
        let folder = TemporaryFolder()
        let path = folder.path + "/latin1.ntm"
        try Data([0x65, 0x63, 0x68, 0x6F, 0x20, 0xE0, 0x0A]).write(to: URL(fileURLWithPath: path))
        let shell = TestShell()
        #expect(shell.shell.run(file: path) == ExitStatus.unreadableFile)
        #expect(shell.errors == "error: cannot read '\(path)': not valid UTF-8 text\n")
        #expect(shell.output.isEmpty)
    }

    @Test("a UTF-8 byte-order mark at the start of a file (Windows editors write one) is not part of the first word")
    func byteOrderMark() throws {
        let folder = TemporaryFolder()
        let path = folder.write("notepad.ntm", "\u{FEFF}echo Xã Phúc Hòa\n")
        let shell = TestShell()
        #expect(shell.shell.run(file: path) == ExitStatus.success)
        #expect(shell.output == "Xã Phúc Hòa\n")
        #expect(shell.errors.isEmpty)
    }

    @Test("a file with Windows line endings runs line by line")
    func crlfFile() {
        let shell = TestShell()
        #expect(shell.run("echo a\r\necho b\r\n") == ExitStatus.success)
        #expect(shell.output == "a\nb\n")
    }

    @Test("in a file with Windows line endings the error shows the right line with its caret")
    func crlfCaret() {
        let shell = TestShell()
        shell.run("echo a\r\nzoo list --kind fish\r\n")
        #expect(shell.errors == """
            test.ntm:2: error: invalid value 'fish' for --kind: expected one of cat, dog
                zoo list --kind fish
                                ^~~~

            """)
    }

    // MARK: Interactive lines

    @Test("interactive errors have no FILE:LINE and never stop the following statements")
    func interactiveLine() {
        let shell = TestShell(interactive: true)
        #expect(shell.line("zoo fail; echo after") == ExitStatus.failure)
        #expect(shell.output == "after\n")
        #expect(shell.errors == "error: the zoo is closed today\n")
    }

    @Test("interactive syntax errors show the caret under the problem")
    func interactiveSyntaxError() {
        let shell = TestShell(interactive: true)
        #expect(shell.line("echo ${year") == ExitStatus.usage)
        #expect(shell.errors == "error: '${' without a closing '}'\n    echo ${year\n         ^\n")
    }
}
