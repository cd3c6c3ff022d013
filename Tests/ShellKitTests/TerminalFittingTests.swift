import Testing
@testable import ShellKit

/// Results on a real terminal: tables fitted to its width, long results through a pager; files,
/// pipes and machine formats always get every value whole.
@Suite("Fitting the terminal")
struct TerminalFittingTests {
    static var audit: ResultTable { ResultTable(
        columns: [Column("id", .integer), Column("unit"), Column("command"), Column("after")],
        rows: [
            [.integer(1), .text("07324"), .text("criteria set \"Phúc Hòa\" 2023 8.4 met --note \"online one-stop shop\""),
             .text("{\"result\": \"met\", \"note\": \"online one-stop shop\", \"criterion\": \"8.4\", \"year\": 2023}")],
            [.integer(1250), .text("0732401"), .text("unit add 0732401 \"Thôn Đông\" --in \"Phúc Hòa\""),
             .text("{\"code\": \"0732401\", \"name\": \"Thôn Đông\"}")],
        ]
    ) }

    func render(_ table: ResultTable, width: Int?) -> String {
        Renderer.render(.table(table), as: .table, style: RenderStyle(decorated: true, width: width))
    }

    @Test("a table wider than the terminal is shortened to fit: the widest text columns end in …")
    func fitsTheWidth() {
        let text = render(Self.audit, width: 80)
        let lines = text.split(separator: "\n").map(String.init)
        for line in lines.prefix(4) {
            #expect(TextWidth.of(line) <= 80, "\(line) is \(TextWidth.of(line)) columns")
        }
        #expect(text.contains("…"))
        // Numbers, codes and headings are never cut.
        #expect(lines[0].hasPrefix("   id  unit     command"))
        #expect(lines[2].hasPrefix("    1  07324    criteria set"))
        #expect(lines[3].hasPrefix("1,250  0732401  unit add"))
        #expect(text.hasSuffix("(2 rows)\n"))
    }

    @Test("without a terminal width (a file, a pipe) every value is whole")
    func wholeWithoutWidth() {
        let text = render(Self.audit, width: nil)
        #expect(!text.contains("…"))
        #expect(text.contains("\"criterion\": \"8.4\", \"year\": 2023}"))
    }

    @Test("a table that fits is left alone, and bars are dropped before any text is cut")
    func barsGoFirst() {
        let table = ResultTable(columns: [Column("unit"), Column("coverage", .percent(places: 1)), Column("bar", .bar, heading: "")],
                                rows: [[.text("Xã Phúc Hòa"), .number(97.4), .number(0.974)]])
        #expect(render(table, width: 80) == render(table, width: nil))
        let narrow = render(table, width: 24)
        #expect(!narrow.contains("█"))
        #expect(narrow.contains("Xã Phúc Hòa     97.4%"))
    }

    @Test("the shell fits tables to its terminal, never csv or json, nor when output is not a terminal")
    func shellUsesTheTerminalWidth() {
        let onTerminal = TestShell(terminal: true, size: (columns: 30, rows: 100))
        onTerminal.run("zoo add \"Xã Phúc Hòa của tỉnh Bắc Giang ngày xưa\" --count 2\nzoo list")
        #expect(onTerminal.output.contains("…"))
        let table = onTerminal.output.split(separator: "\n").drop { !$0.hasPrefix("name") }
        #expect(table.count == 7)
        for line in table { #expect(TextWidth.of(String(line)) <= 30, "\(line)") }

        let csv = TestShell(terminal: true, size: (columns: 30, rows: 100))
        csv.run("zoo add \"Xã Phúc Hòa của tỉnh Bắc Giang ngày xưa\" --count 2\nzoo list --format csv")
        #expect(csv.output.contains("Xã Phúc Hòa của tỉnh Bắc Giang ngày xưa,cat,2"))

        let piped = TestShell(terminal: false)
        piped.run("zoo add \"Xã Phúc Hòa của tỉnh Bắc Giang ngày xưa\" --count 2\nzoo list")
        #expect(piped.output.contains("Xã Phúc Hòa của tỉnh Bắc Giang ngày xưa"))
    }
}

/// `set pager`: long results through a pager, like psql.
@Suite("Pager")
struct PagerTests {
    /// A shell on a terminal of `rows` lines with `count` more animals than the zoo has.
    func shell(interactive: Bool, rows: Int, animals count: Int) -> TestShell {
        let shell = TestShell(interactive: interactive, terminal: true, size: (columns: 80, rows: rows))
        for i in 0..<count { shell.zoo.animals.append(.init(name: "Thôn \(i)", kind: "cat", count: i)) }
        return shell
    }

    @Test("a result taller than the terminal goes through the pager set with `set pager`")
    func pagesLongResults() {
        let shell = shell(interactive: true, rows: 10, animals: 20)
        shell.line("set pager \"less -S\"")
        shell.line("zoo list")
        #expect(shell.console.pagers == ["less -S"])
        #expect(shell.output.contains("Thôn 19"))
    }

    @Test("a result that fits the terminal is written directly")
    func shortResultsAreNotPaged() {
        let shell = shell(interactive: true, rows: 24, animals: 0)
        shell.line("set pager less")
        shell.line("zoo list")
        #expect(shell.console.pagers == [])
    }

    @Test("set pager off writes everything directly")
    func pagerOff() {
        let shell = shell(interactive: true, rows: 10, animals: 20)
        shell.line("set pager off")
        shell.line("zoo list")
        #expect(shell.console.pagers == [])
    }

    @Test("the pager is on in an interactive session and off in a command file")
    func defaults() {
        #expect(TestShell(interactive: true).shell.variables.pager == "on")
        #expect(TestShell(interactive: false).shell.variables.pager == "off")
        let batch = shell(interactive: false, rows: 10, animals: 20)
        batch.run("zoo list")
        #expect(batch.console.pagers == [])
    }

    @Test("--format csv and --output are never paged by default rules for files")
    func csvIsPagedOnlyOnTheTerminal() {
        let folder = TemporaryFolder()
        let shell = shell(interactive: true, rows: 10, animals: 20)
        shell.line("set pager less")
        shell.line("zoo list --output \(folder.path)/zoo.txt")
        #expect(shell.console.pagers == [])
        #expect(folder.read("zoo.txt")?.contains("Thôn 19") == true)
    }
}

/// Notes under a table are prose: on a terminal they wrap between words.
@Suite("Notes on a terminal")
struct NoteWrappingTests {
    @Test("a long note wraps between words under its first word; in a file it stays one line")
    func notesWrap() {
        let table = ResultTable(columns: [Column("unit")], rows: [[.text("Xã Phúc Hòa")]],
                                notes: ["total Tỉnh Bắc Giang: 36,261 residents, 33,993 with an EHR (93.7%), 4 of 209 communes reporting"])
        let screen = Renderer.render(.table(table), as: .table, style: RenderStyle(decorated: true, width: 60))
        #expect(screen.hasSuffix("""
            Note: total Tỉnh Bắc Giang: 36,261 residents, 33,993 with an
                  EHR (93.7%), 4 of 209 communes reporting

            """))
        let file = Renderer.render(.table(table), as: .table)
        #expect(file.hasSuffix("Note: total Tỉnh Bắc Giang: 36,261 residents, 33,993 with an EHR (93.7%), 4 of 209 communes reporting\n"))
    }
}

extension PagerTests {
    @Test("help taller than the terminal is paged too")
    func helpIsPaged() {
        let shell = shell(interactive: true, rows: 5, animals: 0)
        shell.line("set pager less")
        shell.line("help")
        #expect(shell.console.pagers == ["less"])
    }
}
