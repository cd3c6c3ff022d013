import Testing
@testable import ShellKit

/// Where and how results are written: `--format`, `--output`, the `format`, `quiet` and `echo` settings,
/// and decoration only on a terminal.
@Suite("Output options")
struct OutputOptionsTests {
    @Test("--format applies to one command only; the session's format applies to the rest")
    func formatPerCommand() {
        let shell = TestShell()
        shell.run("zoo list --kind dog --format json\nzoo list --kind dog")
        #expect(shell.output == """
            [
              {"name": "Xã Phúc Sơn", "kind": "dog", "count": 12}
            ]
            name         kind  count
            ───────────  ────  ─────
            Xã Phúc Sơn  dog      12
            (1 row)

            """)
    }

    @Test("set format changes every later command; --format still overrides it")
    func sessionFormat() {
        let shell = TestShell()
        shell.run("set format csv\nzoo list --kind dog\nzoo list --kind dog --format markdown")
        #expect(shell.output == """
            name,kind,count
            Xã Phúc Sơn,dog,12
            | name | kind | count |
            | --- | --- | ---: |
            | Xã Phúc Sơn | dog | 12 |

            """)
    }

    @Test("a message in JSON is an object")
    func messageAsJSON() {
        let shell = TestShell()
        shell.run("zoo add Rex --count 2 --format json")
        #expect(shell.output == "{\"message\": \"added 2 to Rex\"}\n")
    }

    @Test("--output writes the result to the file instead of the screen, never decorated")
    func outputToFile() throws {
        let folder = TemporaryFolder()
        let shell = TestShell(terminal: true)
        let status = shell.run("zoo list --kind dog --output \(folder.path)/dogs.txt")
        #expect(status == ExitStatus.success)
        #expect(shell.output.isEmpty)
        #expect(folder.read("dogs.txt") == "name         kind  count\n───────────  ────  ─────\nXã Phúc Sơn  dog      12\n(1 row)\n")
    }

    @Test("--output with --format csv writes CSV; an existing file is replaced")
    func outputCSV() {
        let folder = TemporaryFolder()
        folder.write("cats.csv", "old content that is much longer than the new one\n")
        let shell = TestShell()
        shell.run("zoo list --kind cat --format csv --output \(folder.path)/cats.csv")
        #expect(folder.read("cats.csv") == "name,kind,count\nXã Phúc Hòa,cat,3\nPhường Trần Phú,cat,1250\n")
    }

    @Test("a relative --output path in a command file is relative to that file's folder")
    func relativeOutputPath() {
        let folder = TemporaryFolder()
        let script = folder.write("report.ntm", "zoo list --format json --output out.json\n")
        let shell = TestShell()
        #expect(shell.shell.run(file: script) == ExitStatus.success)
        #expect(folder.read("out.json")?.hasPrefix("[\n  {\"name\": \"Xã Phúc Hòa\"") == true)
    }

    @Test("an --output file that cannot be written is an error naming it (exit 1) and the run stops")
    func unwritableOutput() {
        let folder = TemporaryFolder()
        let shell = TestShell()
        let status = shell.run("zoo list --output \(folder.path)/no/such/folder.txt\necho never")
        #expect(status == ExitStatus.failure)
        #expect(shell.output.isEmpty)
        #expect(shell.errors == "test.ntm:1: error: cannot write '\(folder.path)/no/such/folder.txt': No such file or directory\n")
    }

    @Test("an --output file that cannot be written is refused before a command changes data")
    func unwritableOutputChangesNothing() {
        let folder = TemporaryFolder()
        let shell = TestShell()
        #expect(shell.run("zoo add Rex --count 2 --output \(folder.path)/no/such/folder.txt") == ExitStatus.failure)
        #expect(shell.zoo.animals.count == 3)
    }

    @Test("quiet drops messages but keeps results, echo output and errors")
    func quiet() {
        let shell = TestShell()
        let status = shell.run("set quiet on\nzoo add Rex --count 2\necho said\nzoo list --kind dog --format csv\nzoo fail")
        #expect(status == ExitStatus.failure)
        #expect(shell.output == "said\nname,kind,count\nXã Phúc Sơn,dog,12\n")
        #expect(shell.errors == "test.ntm:5: error: the zoo is closed today\n")
        #expect(shell.zoo.animals.last == Zoo.Animal(name: "Rex", kind: "cat", count: 2), "quiet does not stop the command")
    }

    @Test("echo on prints each command, as typed, before its output")
    func echoSetting() {
        let shell = TestShell()
        shell.run("set echo on\nzoo list --kind dog \\\n  --format csv\necho \"hi there\"")
        #expect(shell.output == """
            zoo> zoo list --kind dog   --format csv
            name,kind,count
            Xã Phúc Sơn,dog,12
            zoo> echo "hi there"
            hi there

            """)
    }

    @Test("on a terminal, bars are drawn and colour follows the setting; elsewhere, never")
    func decoration() {
        struct Gauge: Plugin {
            let name = "gauge"
            let version = "1"
            let summary = "Gauges"
            var commands: [CommandSpec] {[
                CommandSpec("gauge", summary: "A bar") { _ in
                    .table(ResultTable(columns: [Column("name"), Column("level", .bar)], rows: [[.text("Hòa"), .number(0.5)]]))
                },
            ]}
        }
        let terminal = TestShell(terminal: true)
        terminal.shell.register(Gauge())
        terminal.run("gauge")
        #expect(terminal.output == "name  level\n────  ──────────\nHòa   █████·····\n(1 row)\n")

        let pipe = TestShell(terminal: false)
        pipe.shell.register(Gauge())
        pipe.run("gauge")
        #expect(pipe.output == "name\n────\nHòa\n(1 row)\n")

        // NO_COLOR in the environment wins over everything, so only check colour when it is absent.
        if ShellKit.environment("NO_COLOR")?.isEmpty ?? true {
            let coloured = TestShell(terminal: true)
            coloured.shell.register(Gauge())
            coloured.run("set color on\ngauge")
            #expect(coloured.output.hasPrefix(ANSI.bold("name") + "  " + ANSI.bold("level") + "\n"))
        }
    }
}

/// The structure of what commands return: typed tables, records, messages and sequences.
@Suite("Command results")
struct CommandResultTests {
    @Test("a record is a two-column field/value table keeping its title and notes")
    func record() {
        let table = ResultTable.record(title: "Xã Phúc Hòa", [("kind", .text("cat")), ("count", .integer(3))], notes: ["n"])
        #expect(table.columns.map(\.key) == ["field", "value"])
        #expect(table.rows == [[.text("kind"), .text("cat")], [.text("count"), .integer(3)]])
        #expect(table.title == "Xã Phúc Hòa")
        #expect(table.notes == ["n"])
    }

    @Test("optional values become null cells")
    func optionalCells() {
        #expect(Cell.text(nil as String?) == .null)
        #expect(Cell.integer(nil as Int?) == .null)
        #expect(Cell.number(nil as Double?) == .null)
        #expect(Cell.integer(5 as Int?) == .integer(5))
    }

    @Test("a heading defaults to the key")
    func headings() {
        #expect(Column("count", .integer).heading == "count")
        #expect(Column("count", .integer, heading: "Số lượng").heading == "Số lượng")
    }
}
