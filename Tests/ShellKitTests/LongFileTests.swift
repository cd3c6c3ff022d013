import Foundation
import Testing
@testable import ShellKit

/// Long command files are read statement by statement (checked, then run), never held as statements:
/// what an operator sees must be the same as for a short file.
@Suite("Long command files")
struct LongFileTests {
    /// `count` lines adding one animal each: `zoo add a1 --count 1`, `zoo add a2 --count 1`, ...
    func adds(_ count: Int) -> String {
        (1...count).map { "zoo add a\($0) --count 1\n" }.joined()
    }

    @Test("an unknown command on the last line of a 20,000-line file runs nothing and is named with its line")
    func unknownCommandOnLastLine() {
        let shell = TestShell()
        let status = shell.run(adds(20_000) + "zoo lsit\n")
        #expect(status == ExitStatus.usage)
        #expect(shell.zoo.commandsRun == 0)
        #expect(shell.zoo.animals.count == 3, "no add ran")
        #expect(shell.errors.hasPrefix("test.ntm:20001: error: unknown command 'zoo lsit' (did you mean 'zoo list'?)"))
        #expect(shell.errors.hasSuffix("    zoo lsit\n        ^~~~\n"))
    }

    @Test("a syntax error on the last line of a long file runs nothing, even after an unknown command earlier")
    func syntaxErrorOnLastLine() {
        let shell = TestShell()
        let status = shell.run("zoo lsit\n" + adds(5_000) + "echo \"open")
        #expect(status == ExitStatus.usage)
        #expect(shell.zoo.commandsRun == 0)
        // The syntax error is said first, as before: the file cannot be read as commands at all.
        #expect(shell.errors == "test.ntm:5002: error: unterminated double quote\n    echo \"open\n         ^\n")
    }

    @Test("a failure deep in a long file stops it there, names its line and shows it; what came before stays done")
    func failureDeepInFile() {
        let shell = TestShell()
        let status = shell.run(adds(12_345) + "zoo list --kind fish\n" + adds(3))
        #expect(status == ExitStatus.usage)
        #expect(shell.zoo.animals.count == 3 + 12_345)
        #expect(shell.errors == """
            test.ntm:12346: error: invalid value 'fish' for --kind: expected one of cat, dog
                zoo list --kind fish
                                ^~~~

            """)
    }

    @Test("with errexit off every failure of a long file is reported at its own line, and the run goes on")
    func errexitOffInLongFile() {
        let shell = TestShell()
        let text = "set errexit off\n" + (1...3000).map { $0 % 1000 == 0 ? "zoo fail\n" : "zoo add b\($0) --count 1\n" }.joined()
            + "echo end\n"
        #expect(shell.run(text) == ExitStatus.failure)
        #expect(shell.errors == """
            test.ntm:1001: error: the zoo is closed today
            test.ntm:2001: error: the zoo is closed today
            test.ntm:3001: error: the zoo is closed today

            """)
        #expect(shell.output.hasSuffix("end\n"))
        #expect(shell.zoo.animals.count == 3 + 2997)
    }

    @Test("quit in the middle of a long file ends it there, successfully")
    func quitMidFile() {
        let shell = TestShell()
        #expect(shell.run(adds(1000) + "quit\n" + adds(1000)) == ExitStatus.success)
        #expect(shell.zoo.animals.count == 3 + 1000)
    }

    @Test("quit in a sourced file ends the file that sourced it too")
    func quitInSourcedFile() {
        let folder = TemporaryFolder()
        folder.write("inner.ntm", "echo inner\nquit\necho inner never\n")
        let outer = folder.write("outer.ntm", "echo outer\nsource inner.ntm\necho outer never\n")
        let shell = TestShell()
        #expect(shell.shell.run(file: outer) == ExitStatus.success)
        #expect(shell.output == "outer\ninner\n")
    }

    @Test("a file sourced late in a long file reports its error with the outer file's own line in the chain")
    func sourcedDeepInFile() {
        let folder = TemporaryFolder()
        folder.write("inner.ntm", "echo inner\n\nzoo fail\n")
        let outer = folder.write("outer.ntm", adds(4000) + "source inner.ntm\necho never\n")
        let shell = TestShell()
        #expect(shell.shell.run(file: outer) == ExitStatus.failure)
        #expect(shell.errors == "\(folder.path)/inner.ntm:3: error: the zoo is closed today\n  in file sourced from \(outer):4001\n")
        #expect(shell.zoo.animals.count == 3 + 4000)
    }

    @Test("nested sourcing runs each file in order, each checked before it runs")
    func nestedSources() {
        let folder = TemporaryFolder()
        folder.write("c.ntm", "echo c1; echo c2\n")
        folder.write("b.ntm", "echo b1\nsource c.ntm\necho b2\n")
        let a = folder.write("a.ntm", "echo a1\nsource b.ntm\nsource c.ntm\necho a2\n")
        let shell = TestShell()
        #expect(shell.shell.run(file: a) == ExitStatus.success)
        #expect(shell.output == "a1\nb1\nc1\nc2\nb2\nc1\nc2\na2\n")
    }

    @Test("a sourced file with an unknown command on its last line runs none of it; the outer file stops there")
    func sourcedFileCheckedWhole() {
        let folder = TemporaryFolder()
        folder.write("inner.ntm", adds(2000) + "zoo lsit\n")
        let outer = folder.write("outer.ntm", "echo outer\nsource inner.ntm\necho never\n")
        let shell = TestShell()
        #expect(shell.shell.run(file: outer) == ExitStatus.usage)
        #expect(shell.output == "outer\n")
        #expect(shell.zoo.animals.count == 3)
        #expect(shell.errors.hasPrefix("\(folder.path)/inner.ntm:2001: error: unknown command 'zoo lsit'"))
    }

    @Test("-c text and standard input run statement by statement like a file")
    func commandTextAndStandardInput() {
        let shell = TestShell()
        #expect(shell.run("echo a; zoo add x --count 2; echo b", name: "-c") == ExitStatus.success)
        #expect(shell.run(adds(500) + "echo done\n", name: "<stdin>") == ExitStatus.success)
        #expect(shell.output.hasPrefix("a\nadded 2 to x\nb\nadded 1 to a1\n"))
        #expect(shell.output.hasSuffix("added 1 to a500\ndone\n"))
        #expect(shell.zoo.animals.count == 3 + 1 + 500)
        #expect(shell.run(adds(10) + "ecoh x\n", name: "<stdin>") == ExitStatus.usage)
        #expect(shell.errors.hasPrefix("<stdin>:11: error: unknown command 'ecoh'"))
        #expect(shell.zoo.animals.count == 3 + 1 + 500)
    }

    @Test("a file that is not a command file is refused on its first line, even when a later line is bad syntax")
    func notACommandFileWithLaterSyntaxError() {
        let shell = TestShell()
        // A later unterminated quote would otherwise be quoted in the error, repeating the file's content.
        let status = shell.run("root:x:0:0:root:/root:/bin/bash\nsecret \"password\n", name: "/etc/passwd")
        #expect(status == ExitStatus.usage)
        #expect(shell.errors == "/etc/passwd:1: error: this is not a command file: line 1 is not an ntm command; nothing was run\n")
        #expect(!shell.errors.contains("password"))
    }

    @Test("a file with Windows line endings that is not a command file is refused on its first content line")
    func notACommandFileWithWindowsLineEnds() {
        let shell = TestShell()
        let status = shell.run("# exported\r\n\r\nroot:x:0:0 \"password\r\n", name: "/srv/notes")
        #expect(status == ExitStatus.usage)
        #expect(shell.errors == "/srv/notes:3: error: this is not a command file: line 3 is not an ntm command; nothing was run\n")
        #expect(!shell.errors.contains("password"))
    }

    @Test("errors late in a file with Windows line endings show the right line")
    func crlfLateError() {
        let shell = TestShell()
        let text = (1...3000).map { "zoo add c\($0) --count 1\r\n" }.joined() + "zoo list --kind fish\r\n"
        #expect(shell.run(text) == ExitStatus.usage)
        #expect(shell.zoo.animals.count == 3 + 3000)
        #expect(shell.errors.hasPrefix("test.ntm:3001: error: invalid value 'fish'"))
        #expect(shell.errors.hasSuffix("    zoo list --kind fish\n                    ^~~~\n"))
    }
}
