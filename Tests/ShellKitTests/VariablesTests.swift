import Testing
@testable import ShellKit

/// Variables (`set NAME VALUE`, `$NAME`) and the settings the shell reads among them.
@Suite("Variables and settings")
struct VariablesTests {
    @Test("settings start at their documented defaults")
    func defaults() {
        let variables = Variables()
        #expect(variables.format == .table)
        #expect(variables.errexit)
        #expect(!variables.echo)
        #expect(!variables.quiet)
        #expect(variables.histsize == 2000)
        #expect(variables["color"] == "auto")
    }

    @Test("set stores a variable that $NAME and ${NAME} expand, as one word even with spaces")
    func setAndExpand() {
        let shell = TestShell()
        let status = shell.run("""
            set place "Xã Phúc Hòa"
            set year 2023
            echo $place ${year}Q2
            zoo show $place
            """)
        #expect(status == ExitStatus.success)
        #expect(shell.output.hasPrefix("Xã Phúc Hòa 2023Q2\nXã Phúc Hòa\n"))
    }

    @Test("a variable can supply an option's value; a bad value is quoted as expanded, the caret under the variable")
    func variablesAsValues() {
        let shell = TestShell()
        #expect(shell.run("set kind dog\nzoo list --kind $kind --format csv") == ExitStatus.success)
        #expect(shell.output == "name,kind,count\nXã Phúc Sơn,dog,12\n")
        let bad = TestShell()
        #expect(bad.run("set kind fish\nzoo list --kind ${kind}") == ExitStatus.usage)
        #expect(bad.errors == """
            test.ntm:2: error: invalid value 'fish' for --kind: expected one of cat, dog
                zoo list --kind ${kind}
                                ^~~~~~~

            """)
    }

    @Test("unset removes a variable; using it afterwards is an error, never an empty string")
    func unsetVariable() {
        let shell = TestShell()
        #expect(shell.run("set year 2023\nunset year\necho $year") == ExitStatus.usage)
        #expect(shell.errors == """
            test.ntm:3: error: unknown variable '$year'
                echo $year
                     ^~~~~

            """)
        #expect(shell.shell.variables["year"] == nil)
    }

    @Test("an unknown variable suggests the nearest known one")
    func unknownVariableSuggestion() {
        let shell = TestShell()
        shell.run("set year 2023\necho ${yaer}")
        #expect(shell.errors.hasPrefix("test.ntm:2: error: unknown variable '$yaer' (did you mean '$year'?)\n"))
    }

    @Test("only HOME, USER and PWD come from the environment, so scripts behave the same everywhere")
    func environment() {
        let shell = TestShell()
        #expect(shell.run("echo $PATH") == ExitStatus.usage)
        #expect(shell.errors.hasPrefix("test.ntm:1: error: unknown variable '$PATH'"))
    }

    @Test("HOME expands from the environment when it is set", .enabled(if: ShellKit.environment("HOME") != nil))
    func home() {
        let shell = TestShell()
        shell.run("echo $HOME")
        #expect(shell.output == ShellKit.environment("HOME")! + "\n")
    }

    @Test("settings are validated and normalised; the error quotes the value and points at it")
    func settingValidation() {
        let shell = TestShell()
        #expect(shell.run("set format CSV") == ExitStatus.success)
        #expect(shell.shell.variables.format == .csv)
        let bad = TestShell()
        #expect(bad.run("set format xml") == ExitStatus.usage)
        #expect(bad.errors == """
            test.ntm:1: error: invalid value 'xml' for setting 'format': expected one of table, csv, json, markdown
                set format xml
                           ^~~

            """)
        #expect(bad.shell.variables.format == .table, "a refused value changes nothing")
    }

    @Test("each built-in setting refuses values of the wrong type")
    func settingTypes() {
        let variables = Variables()
        for (name, value) in [("errexit", "maybe"), ("echo", "1"), ("color", "blue"), ("histsize", "-5"), ("histsize", "many"), ("quiet", "yes")] {
            #expect(throws: ShellError.self, "\(name) \(value)") { try variables.set(name, value) }
        }
        #expect(throws: Never.self) { try variables.set("histsize", "5,000") }
        #expect(variables.histsize == 5000)
    }

    @Test("a variable name is letters, digits and _, not starting with a digit")
    func variableNames() {
        let variables = Variables()
        #expect(throws: Never.self) { try variables.set("_year_2023", "x") }
        for name in ["2x", "Xã", "a-b", ""] {
            do {
                try variables.set(name, "x")
                Issue.record("'\(name)' was accepted")
            } catch {
                #expect(error.message == "'\(name)' is not a valid variable name (letters, digits and _, not starting with a digit)")
            }
        }
    }

    @Test("unset returns a setting to its default; unsetting an unknown variable fails (exit 1)")
    func unsetting() {
        let shell = TestShell()
        #expect(shell.run("set format json\nunset format") == ExitStatus.success)
        #expect(shell.shell.variables.format == .table)
        let other = TestShell()
        #expect(other.run("unset nothing") == ExitStatus.failure)
        #expect(other.errors == "test.ntm:1: error: no variable 'nothing'\n")
    }

    @Test("set with a name but no value explains how to remove instead")
    func setWithoutValue() {
        let shell = TestShell()
        #expect(shell.run("set year") == ExitStatus.usage)
        #expect(shell.errors == "test.ntm:1: error: missing VALUE for 'set year' (usage: set NAME VALUE; 'unset year' removes it)\n")
    }

    @Test("set alone lists variables and settings, sorted, with what each setting does")
    func listing() {
        let shell = TestShell()
        shell.run("set year 2023\nset --format csv")
        #expect(shell.output == """
            name,value,kind,description
            color,off,setting,Colour on a terminal (never with NO_COLOR)
            echo,off,setting,Print each command before its output
            errexit,on,setting,Stop a command file at its first failing command
            format,table,setting,How results are written
            histredact,\(HistoryRedaction.defaultPattern),setting,Lines matching this pattern are never saved in history
            histsize,2000,setting,Lines kept in the history file
            pager,off,setting,"Pager for results taller than the terminal: on, off or a command"
            quiet,off,setting,"Suppress messages, banners and progress bars"
            year,2023,variable,

            """)
    }

    @Test("plugins may define settings of their own, validated the same way")
    func pluginSettings() {
        let variables = Variables()
        variables.define(Setting("region", .choice(["north", "south"]), default: "north", "Which half"))
        #expect(variables["region"] == "north")
        #expect(throws: ShellError.self) { try variables.set("region", "east") }
        try? variables.set("region", "SOUTH")
        #expect(variables["region"] == "south")
    }

    @Test("onChange hears about settings, not plain variables")
    func onChange() throws {
        let variables = Variables()
        var heard: [String] = []
        variables.onChange = { heard.append("\($0)=\($1)") }
        try variables.set("histsize", "10")
        try variables.set("year", "2023")
        try variables.unset("histsize")
        #expect(heard == ["histsize=10", "histsize=2000"])
    }

    @Test("colour follows the setting; auto means only on a terminal",
          .enabled(if: ShellKit.environment("NO_COLOR").map { $0.isEmpty } ?? true))
    func colour() throws {
        let variables = Variables()
        #expect(variables.colorAllowed(onTerminal: true))
        #expect(!variables.colorAllowed(onTerminal: false))
        try variables.set("color", "on")
        #expect(variables.colorAllowed(onTerminal: false))
        try variables.set("color", "off")
        #expect(!variables.colorAllowed(onTerminal: true))
    }
}
