import Testing
@testable import ShellKit

/// Binding a command's words to its declaration: options, positionals, and the errors users see.
@Suite("Argument binding")
struct ArgumentBinderTests {
    let registry = TestShell().shell.registry

    /// Tokenizes `line`, finds its command, and binds the remaining words.
    func bind(_ line: String) throws(ShellError) -> Arguments {
        let words = try! Tokenizer.statements(in: line)[0].words
        guard case .command(let spec, let consumed) = registry.match(words.map { $0.literal! }) else {
            fatalError("no command in \(line)")
        }
        return try ArgumentBinder.bind(spec, words.dropFirst(consumed).map { .init(text: $0.literal!, word: $0) })
    }

    /// The usage error binding `line` raises (fails the test when it binds).
    func error(_ line: String) -> ShellError? {
        do {
            _ = try bind(line)
            Issue.record("expected \(line.debugDescription) to be refused")
            return nil
        } catch {
            #expect(error.kind == .usage, "a bad command line is a usage error (exit 2)")
            return error
        }
    }

    // MARK: Accepted forms

    @Test("options and positionals bind by name, typed")
    func optionsAndPositionals() throws {
        let arguments = try bind("zoo list --kind dog --min 2")
        #expect(arguments.string("kind") == "dog")
        #expect(arguments.int("min") == 2)
        #expect(!arguments.has("format"))
    }

    @Test("--option=value is the same as --option value, even for a negative number")
    func inlineValues() throws {
        let arguments = try bind("zoo list --kind=dog --min=-1")
        #expect(arguments.string("kind") == "dog")
        #expect(arguments.int("min") == -1)
    }

    @Test("an option's value may itself start with a dash")
    func dashedValues() throws {
        #expect(try bind("zoo list --min -5").int("min") == -5)
    }

    @Test("values are normalised: choices to their declared spelling, integers without grouping")
    func normalisedValues() throws {
        #expect(try bind("zoo list --kind DOG").string("kind") == "dog")
        #expect(try bind("zoo list --min 2,000").string("min") == "2000")
        #expect(try bind("zoo list --min 1_000_000").int("min") == 1_000_000)
    }

    @Test("an entity value is checked and normalised by its plugin (diacritics optional)")
    func entityValues() throws {
        #expect(try bind("zoo show 'xa phuc hoa'").string("name") == "Xã Phúc Hòa")
        let refused = error("zoo show Nowhere")
        #expect(refused?.message == "invalid animal 'Nowhere' for NAME: no animal with that name")
        #expect(refused?.word?.source == "Nowhere")
    }

    @Test("a variadic positional takes every remaining word, each validated")
    func variadicPositional() throws {
        let arguments = try bind("zoo feed 'Xã Phúc Hòa' 'xa phuc son' --on 2023-05-01")
        #expect(arguments.strings("names") == ["Xã Phúc Hòa", "Xã Phúc Sơn"])
        #expect(arguments.string("on") == "2023-05-01")
    }

    @Test("a repeatable option collects every value in order")
    func repeatableOption() throws {
        let arguments = try bind("zoo feed 'Xã Phúc Hòa' --on 2023-05-01 --tag morning --tag=rain")
        #expect(arguments.strings("tag") == ["morning", "rain"])
    }

    @Test("a flag is true when present")
    func flags() throws {
        #expect(try bind("zoo feed 'Xã Phúc Hòa' --on 2023-05-01 --dry-run").flag("dry-run"))
        #expect(try !bind("zoo feed 'Xã Phúc Hòa' --on 2023-05-01").flag("dry-run"))
    }

    @Test("-- ends the options: later words are positionals even when they look like options")
    func doubleDash() throws {
        #expect(try bind("zoo add --count 1 -- --kind").string("name") == "--kind")
        #expect(try bind("zoo add --count 1 -- -Rex").string("name") == "-Rex")
    }

    @Test("a quoted word is never an option")
    func quotedDashWord() throws {
        #expect(try bind("zoo add \"--kind\" --count 1").string("name") == "--kind")
        #expect(try bind("echo '-x' \"--y\"").strings("text") == ["-x", "--y"])
    }

    @Test("a negative number is a positional, not an option")
    func negativeNumbers() throws {
        #expect(try bind("echo -5 -2.5").strings("text") == ["-5", "-2.5"])
    }

    @Test("--help and -h ask for help and skip the required-argument checks")
    func helpSkipsChecks() throws {
        #expect(try bind("zoo add --help").flag("help"))
        #expect(try bind("zoo show -h").flag("help"))
    }

    @Test("every output-producing command accepts --format and --output; others do not")
    func outputOptions() throws {
        let arguments = try bind("zoo list --format json --output cats.json")
        #expect(arguments.string("format") == "json")
        #expect(arguments.string("output") == "cats.json")
        #expect(error("echo hi --format json")?.message == "unknown option '--format' for 'echo'")
    }

    @Test("the word behind each value is kept, to point at it later")
    func valueWords() throws {
        let arguments = try bind("zoo list --min   7")
        #expect(arguments.word(for: "min")?.column == 17)
    }

    // MARK: Unknown and misused options

    @Test("an unknown option is refused with the closest name")
    func unknownOptionWithSuggestion() {
        let refused = error("zoo list --knid cat")
        #expect(refused?.message == "unknown option '--knid' for 'zoo list' (did you mean '--kind'?)")
        #expect(refused?.word?.source == "--knid")
    }

    @Test("an unknown option with nothing close gets no suggestion")
    func unknownOptionWithoutSuggestion() {
        #expect(error("zoo list --zebra 1")?.message == "unknown option '--zebra' for 'zoo list'")
    }

    @Test("abbreviated options are refused (scripts must not break when options are added) but suggested")
    func abbreviationsRefused() {
        #expect(error("zoo list --ki cat")?.message == "unknown option '--ki' for 'zoo list' (did you mean '--kind'?)")
        #expect(error("zoo list --mi 3")?.message == "unknown option '--mi' for 'zoo list' (did you mean '--min'?)")
    }

    @Test("single-dash options are explained")
    func singleDash() {
        let refused = error("zoo list -k cat")
        #expect(refused?.message == "unknown option '-k' for 'zoo list' (options are written --name)")
        #expect(refused?.word?.source == "-k")
    }

    @Test("an option given twice is refused, pointing at the second")
    func repeatedOption() {
        let refused = error("zoo list --min 1 --min 2")
        #expect(refused?.message == "option '--min' given more than once")
        #expect(refused?.word?.column == 17)
    }

    @Test("a flag given a value is refused")
    func flagWithValue() {
        #expect(error("zoo feed 'Xã Phúc Hòa' --on 2023-05-01 --dry-run=yes")?.message == "option '--dry-run' takes no value")
        #expect(error("zoo list --help=please")?.message == "option '--help' takes no value")
    }

    @Test("an option at the end of the line without its value is refused, naming what it needs")
    func optionWithoutValue() {
        let refused = error("zoo list --min")
        #expect(refused?.message == "option '--min' needs a value (N)")
        #expect(refused?.word?.source == "--min")
    }

    @Test("an extra word is refused with the usage line")
    func unexpectedArgument() {
        let refused = error("zoo list cats")
        #expect(refused?.message == "unexpected argument 'cats' for 'zoo list' (usage: zoo list [--kind cat|dog] [--min N])")
        #expect(refused?.word?.source == "cats")
    }

    // MARK: Missing arguments

    @Test("a missing required option is named with its placeholder and the usage line")
    func missingRequiredOption() {
        #expect(error("zoo add Rex")?.message
            == "missing --count N for 'zoo add' (usage: zoo add NAME --count N [--kind cat|dog])")
    }

    @Test("a missing positional is named in capitals")
    func missingPositional() {
        #expect(error("zoo show")?.message == "missing NAME for 'zoo show' (usage: zoo show NAME)")
    }

    // MARK: Bad values, each quoting the input

    @Test("a bad integer quotes the input and points at it")
    func badInteger() {
        let refused = error("zoo list --min lots")
        #expect(refused?.message == "invalid integer 'lots' for --min: expected a whole number")
        #expect(refused?.word?.source == "lots")
        #expect(error("zoo list --min 2.5")?.message == "invalid integer '2.5' for --min: expected a whole number")
    }

    @Test("a count refuses negative numbers")
    func badCount() {
        #expect(error("zoo add Rex --count -3")?.message == "invalid count '-3' for --count: expected a count (0 or more)")
    }

    @Test("a choice lists the choices and suggests the nearest")
    func badChoice() {
        #expect(error("zoo list --kind fish")?.message == "invalid value 'fish' for --kind: expected one of cat, dog")
        #expect(error("zoo list --kind dgo")?.message
            == "invalid value 'dgo' for --kind: expected one of cat, dog (did you mean 'dog'?)")
        #expect(error("zoo list --format xml")?.message
            == "invalid value 'xml' for --format: expected one of table, csv, json, markdown")
    }

    @Test("a percentage must be a number from 0 to 100, % optional")
    func percentages() throws {
        let feed = "zoo feed 'Xã Phúc Hòa' --on 2023-05-01 --share"
        #expect(try bind("\(feed) 95.5%").double("share") == 95.5)
        #expect(try bind("\(feed) 100").double("share") == 100)
        #expect(error("\(feed) 120")?.message == "invalid percent '120' for --share: a percentage must be between 0 and 100")
        #expect(error("\(feed) -1%")?.message == "invalid percent '-1%' for --share: a percentage must be between 0 and 100")
        #expect(error("\(feed) most")?.message == "invalid percent 'most' for --share: expected a percentage such as 95 or 95.5%")
    }

    @Test("a date must be a real calendar day written YYYY-MM-DD")
    func dates() throws {
        let feed = "zoo feed 'Xã Phúc Hòa' --on"
        #expect(try bind("\(feed) 2024-02-29").string("on") == "2024-02-29")
        #expect(error("\(feed) 2023-02-29")?.message == "invalid date '2023-02-29' for --on: day must be 01–28 in that month")
        #expect(error("\(feed) 2023-13-01")?.message == "invalid date '2023-13-01' for --on: month must be 01–12")
        #expect(error("\(feed) 1/5/2023")?.message == "invalid date '1/5/2023' for --on: expected a date written YYYY-MM-DD")
        #expect(error("\(feed) 2023-5-1")?.message == "invalid date '2023-5-1' for --on: expected a date written YYYY-MM-DD")
    }

    @Test("a date's parts are digits only (no signs slipping through Int parsing)")
    func dateSigns() {
        #expect(error("zoo feed 'Xã Phúc Hòa' --on 2023-+1-01") != nil)
        #expect(error("zoo feed 'Xã Phúc Hòa' --on 2023-01-+1") != nil)
        #expect(error("zoo feed 'Xã Phúc Hòa' --on +023-01-01") != nil)
    }

    @Test("a period is a year, a quarter or a month, normalised to capitals")
    func periods() throws {
        let feed = "zoo feed 'Xã Phúc Hòa' --on 2023-05-01 --in"
        #expect(try bind("\(feed) 2023").string("in") == "2023")
        #expect(try bind("\(feed) 2023q2").string("in") == "2023Q2")
        #expect(try bind("\(feed) 2023-05").string("in") == "2023-05")
        #expect(error("\(feed) 2023Q5")?.message == "invalid period '2023Q5' for --in: quarter must be Q1–Q4")
        #expect(error("\(feed) 2023-5")?.message == "invalid period '2023-5' for --in: month must be 01–12")
        #expect(error("\(feed) 23")?.message
            == "invalid period '23' for --in: expected a period: a year (2023), a quarter (2023Q2) or a month (2023-05)")
        #expect(error("\(feed) 2023-+5") != nil, "a sign is not a digit")
    }

    @Test("a decimal must be a finite number")
    func decimals() throws {
        let feed = "zoo feed 'Xã Phúc Hòa' --on 2023-05-01 --weight"
        #expect(try bind("\(feed) 2.5").double("weight") == 2.5)
        #expect(error("\(feed) heavy")?.message == "invalid decimal 'heavy' for --weight: expected a number")
        #expect(error("\(feed) 1e400")?.message == "invalid decimal '1e400' for --weight: expected a number")
        #expect(error("\(feed) nan")?.message == "invalid decimal 'nan' for --weight: expected a number")
    }
}
