import Foundation
import Testing
@testable import ShellKit

/// `source FILE`: running one command file from another, with errors traced back through every file.
@Suite("source")
struct SourceTests {
    @Test("a sourced file runs in the same session: its variables stay set")
    func sharedSession() {
        let folder = TemporaryFolder()
        folder.write("setup.ntm", "set place \"Xã Phúc Sơn\"\nset format csv\n")
        let main = folder.write("main.ntm", "source setup.ntm\nzoo show $place\n")
        let shell = TestShell()
        #expect(shell.shell.run(file: main) == ExitStatus.success)
        #expect(shell.output == "field,value\nkind,dog\ncount,12\n")
    }

    @Test("an error inside a sourced file names that file and line, then the chain of files that sourced it")
    func errorChain() {
        let folder = TemporaryFolder()
        folder.write("inner.ntm", "echo inner\nzoo list --kind fish\necho inner never\n")
        let outer = folder.write("outer.ntm", "echo outer\nsource inner.ntm\necho outer never\n")
        let shell = TestShell()
        #expect(shell.shell.run(file: outer) == ExitStatus.usage)
        #expect(shell.output == "outer\ninner\n")
        #expect(shell.errors == """
            \(folder.path)/inner.ntm:2: error: invalid value 'fish' for --kind: expected one of cat, dog
              in file sourced from \(outer):2
                zoo list --kind fish
                                ^~~~

            """)
    }

    @Test("three levels deep, the chain lists every sourcing file from the innermost out")
    func threeLevels() {
        let folder = TemporaryFolder()
        folder.write("c.ntm", "\n\nzoo fail\n")
        folder.write("b.ntm", "source c.ntm\n")
        let a = folder.write("a.ntm", "echo a\n# then\nsource b.ntm\n")
        let shell = TestShell()
        #expect(shell.shell.run(file: a) == ExitStatus.failure)
        #expect(shell.errors == """
            \(folder.path)/c.ntm:3: error: the zoo is closed today
              in file sourced from \(folder.path)/b.ntm:1
              in file sourced from \(a):3

            """)
    }

    @Test("the error is reported once, where it happened, not again by each sourcing file")
    func reportedOnce() {
        let folder = TemporaryFolder()
        folder.write("inner.ntm", "zoo fail\n")
        let outer = folder.write("outer.ntm", "source inner.ntm\n")
        let shell = TestShell()
        shell.shell.run(file: outer)
        #expect(shell.errors.components(separatedBy: "error:").count == 2)
    }

    @Test("relative paths resolve from the folder of the file that says `source`")
    func relativePaths() throws {
        let folder = TemporaryFolder()
        try FileManager.default.createDirectory(atPath: folder.path + "/lessons", withIntermediateDirectories: false)
        folder.write("lessons/data.ntm", "echo data\n")
        folder.write("lessons/one.ntm", "source data.ntm\n")
        let main = folder.write("main.ntm", "source lessons/one.ntm\n")
        let shell = TestShell()
        #expect(shell.shell.run(file: main) == ExitStatus.success)
        #expect(shell.output == "data\n")
    }

    @Test("a sourced file that does not exist is named, exit 3, and the outer file stops")
    func missingSourcedFile() {
        let folder = TemporaryFolder()
        let outer = folder.write("outer.ntm", "echo before\nsource missing.ntm\necho after\n")
        let shell = TestShell()
        #expect(shell.shell.run(file: outer) == ExitStatus.unreadableFile)
        #expect(shell.output == "before\n")
        #expect(shell.errors == "\(outer):2: error: cannot read '\(folder.path)/missing.ntm': No such file or directory\n")
    }

    @Test("a sourced file is checked before it runs: an unknown command in it runs none of it")
    func preflightOfSourcedFile() {
        let folder = TemporaryFolder()
        folder.write("inner.ntm", "zoo add Rex --count 1\nzoo lsit\n")
        let outer = folder.write("outer.ntm", "source inner.ntm\n")
        let shell = TestShell()
        #expect(shell.shell.run(file: outer) == ExitStatus.usage)
        #expect(shell.zoo.commandsRun == 0)
        #expect(shell.errors.hasPrefix("""
            \(folder.path)/inner.ntm:2: error: unknown command 'zoo lsit' (did you mean 'zoo list'?); 'zoo' has: add, fail, feed, list, show
              in file sourced from \(outer):1

            """))
    }

    @Test("a syntax error in a sourced file is traced through the chain too")
    func syntaxErrorInSourcedFile() {
        let folder = TemporaryFolder()
        folder.write("inner.ntm", "echo 'open\n")
        let outer = folder.write("outer.ntm", "source inner.ntm\n")
        let shell = TestShell()
        #expect(shell.shell.run(file: outer) == ExitStatus.usage)
        #expect(shell.errors == """
            \(folder.path)/inner.ntm:1: error: unterminated single quote
              in file sourced from \(outer):1
                echo 'open
                     ^

            """)
    }

    @Test("with errexit off, a failing sourced file does not stop the outer file, whose status is the first failure")
    func errexitOffAcrossFiles() {
        let folder = TemporaryFolder()
        folder.write("inner.ntm", "zoo fail\necho inner goes on\n")
        let outer = folder.write("outer.ntm", "set errexit off\nsource inner.ntm\necho outer goes on\n")
        let shell = TestShell()
        #expect(shell.shell.run(file: outer) == ExitStatus.failure)
        #expect(shell.output == "inner goes on\nouter goes on\n")
    }

    @Test("typed at the prompt, `source` reports errors with the file's name and line (there is no outer file)")
    func interactiveSource() {
        let folder = TemporaryFolder()
        let path = folder.write("lesson.ntm", "echo one\nzoo fail\necho two\n")
        let shell = TestShell(interactive: true)
        #expect(shell.line("source \(path)") == ExitStatus.failure)
        #expect(shell.errors == "\(path):2: error: the zoo is closed today\n")
    }

    @Test("a file sourced at the prompt still stops at its first error (errexit is about files, not sessions)")
    func interactiveSourceStops() {
        let folder = TemporaryFolder()
        let path = folder.write("lesson.ntm", "echo one\nzoo fail\necho never\n")
        let shell = TestShell(interactive: true)
        shell.line("source \(path)")
        #expect(shell.output == "one\n")
        shell.line("echo the session goes on")
        #expect(shell.output.hasSuffix("the session goes on\n"))
    }

    @Test("source nested beyond the depth limit stops there; the chain of files is said")
    func depthLimit() {
        let folder = TemporaryFolder()
        for level in 1...5 { folder.write("level\(level).ntm", "echo level\nsource level\(level + 1).ntm\n") }
        let shell = TestShell()
        shell.shell.maxSourceDepth = 3
        #expect(shell.shell.run(file: folder.path + "/level1.ntm") == ExitStatus.failure)
        #expect(shell.output == "level\nlevel\nlevel\n")
        #expect(shell.errors == """
            \(folder.path)/level3.ntm:2: error: 'source' nested more than 3 deep (a file sourcing itself?)
              in file sourced from \(folder.path)/level2.ntm:2
              in file sourced from \(folder.path)/level1.ntm:2

            """)
    }

    @Test("a file that sources itself, directly or through another, is refused at once")
    func cycle() {
        let folder = TemporaryFolder()
        let path = folder.write("self.ntm", "echo once\nsource self.ntm\n")
        let shell = TestShell()
        #expect(shell.shell.run(file: path) == ExitStatus.failure)
        #expect(shell.output == "once\n")
        #expect(shell.errors == """
            \(path):2: error: '\(path)' is already being run (a file that sources itself)
                source self.ntm
                       ^~~~~~~~

            """)
        let a = folder.write("a.ntm", "source b.ntm\n")
        folder.write("b.ntm", "source a.ntm\n")
        let other = TestShell()
        #expect(other.shell.run(file: a) == ExitStatus.failure)
        #expect(other.errors.hasPrefix("\(folder.path)/b.ntm:1: error: '\(a)' is already being run (a file that sources itself)"))
    }
}
