/// The shell session: registry, variables, and the loop that runs statements from a person or a file.
public final class Shell {
    public let appName: String
    public let version: String
    public private(set) var registry = CommandRegistry()
    public let variables = Variables()
    public let console: Console
    public let host: ShellHost
    /// Whether a person is typing (errors never stop the session, no FILE:LINE).
    public let isInteractive: Bool
    /// Interactive line input, when there is one (also answers `history`).
    public var input: LineInput?
    /// How deep `source` may nest.
    public var maxSourceDepth = 16
    /// The longest line a command file or `-c` may have, in bytes (a longer one is not a command).
    public var maxLineLength = 100_000
    /// Extra lines for `version` (e.g. the storage engine's version).
    public var versionDetails: [String] = []
    /// Whether Ctrl-C was pressed while a command ran (the executable owns the signal handler).
    public var interruptRequested: () -> Bool = { false }
    /// Forgets an earlier Ctrl-C, before the next command starts.
    public var clearInterrupt: () -> Void = {}

    /// A command file being run, innermost last.
    struct Frame {
        var name: String
        var directory: String
        var line: Int
    }

    var frames: [Frame] = []
    var quitRequested = false

    public init(appName: String, version: String, console: Console, host: ShellHost = PlainHost(), interactive: Bool) {
        self.appName = appName
        self.version = version
        self.console = console
        self.host = host
        self.isInteractive = interactive
        registry.register(BuiltinPlugin())
        // A person at a terminal gets long results in a pager; a command file's output is never held up.
        if interactive { variables.define(Variables.pagerSetting(default: "on")) }
    }

    /// Adds a plugin's commands.
    public func register(_ plugin: Plugin) {
        registry.register(plugin)
    }

    // MARK: Running text

    /// Runs command text (a file, `-c`, or standard input) and returns the exit status.
    ///
    /// The whole text is checked first, so a syntax error or unknown command runs nothing.
    /// Then commands run in order; the first failure stops the run unless `errexit` is off,
    /// in which case the run goes on and the first failure's status is returned at the end.
    @discardableResult
    public func run(text: String, name: String, directory: String = ".") -> Int32 {
        if let (line, length) = Self.overlongLine(in: text, limit: maxLineLength) {
            frames.append(Frame(name: name, directory: directory, line: line))
            report(ShellError.usage("line \(line) has \(Renderer.groupThousands(String(length))) bytes, more than a command may have "
                + "(\(Renderer.groupThousands(String(maxLineLength)))); nothing was run"), sourceText: nil)
            frames.removeLast()
            return ExitStatus.usage
        }
        frames.append(Frame(name: name, directory: directory, line: 0))
        defer { frames.removeLast() }
        // Statements are read one at a time, twice: a check of the whole text, then the run. A long file is
        // never held as statements, so memory does not grow with its length.
        return Tokenizer.withStatements(in: text) { (stream: inout StatementStream) -> Int32 in
            if let status = check(&stream, name: name, text: text) { return status }
            stream.rewind()
            var firstFailure: Int32?
            while !quitRequested {
                let statement: Statement
                do {
                    guard let next = try stream.next() else { break }
                    statement = next
                } catch {
                    // The check read the same text without an error: not reached.
                    return report(error, sourceText: text)
                }
                frames[frames.count - 1].line = statement.line
                do {
                    try execute(statement)
                } catch {
                    let status = report(error, sourceText: text)
                    if firstFailure == nil { firstFailure = status }
                    // Interactive lines never come through here, so a sourced file stops like any command file.
                    if variables.errexit { return status }
                }
            }
            return firstFailure ?? ExitStatus.success
        }
    }

    /// Reads the whole text before anything runs: a syntax error or a misspelt command anywhere in it is
    /// reported (the syntax error first, like a parser's), and the run's exit status returned; nil when the
    /// text may run.
    ///
    /// A file that is not a command file (`source /etc/shadow`) fails on its first statement: its content
    /// is never repeated in the error.
    private func check(_ stream: inout StatementStream, name: String, text: String) -> Int32? {
        var unknown: (error: ShellError, line: Int)?
        var first = true
        do throws(SyntaxError) {
            while let statement = try stream.next() {
                if first {
                    first = false
                    if Self.mayNotBeCommandFile(name), !startsWithCommand(statement) {
                        frames[frames.count - 1].line = statement.line
                        report(Self.notACommandFile(line: statement.line), sourceText: nil)
                        return ExitStatus.usage
                    }
                }
                if unknown == nil, let error = unknownCommand(in: statement) { unknown = (error, statement.line) }
            }
        } catch {
            frames[frames.count - 1].line = error.line
            if Self.mayNotBeCommandFile(name), error.line <= Self.firstContentLine(of: text) {
                report(Self.notACommandFile(line: error.line), sourceText: nil)
            } else {
                report(error, sourceText: text)
            }
            return ExitStatus.usage
        }
        if let unknown {
            frames[frames.count - 1].line = unknown.line
            report(unknown.error, sourceText: text)
            return ExitStatus.usage
        }
        return nil
    }

    /// The first line longer than `limit` bytes and its length, or nil.
    static func overlongLine(in text: String, limit: Int) -> (line: Int, length: Int)? {
        guard text.utf8.count > limit else { return nil }
        var line = 1, length = 0
        for byte in text.utf8 {
            if byte == 10 {
                if length > limit { return (line, length) }
                line += 1
                length = 0
            } else {
                length += 1
            }
        }
        return length > limit ? (line, length) : nil
    }

    /// Files named `*.ntm`, `-c` text and standard input are meant as commands; anything else may be a
    /// file sourced by mistake (or on purpose, to leak it through the error).
    static func mayNotBeCommandFile(_ name: String) -> Bool {
        !(name.hasSuffix(".ntm") || name == "-c" || name.hasPrefix("<"))
    }

    /// The line of the first character that is not blank, a comment or an empty line.
    static func firstContentLine(of text: String) -> Int {
        var line = 1
        // By bytes: split by characters, a CRLF text has no "\n" (its line ends are "\r\n" characters).
        for raw in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            let trimmed = raw.drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\r") }
            if !trimmed.isEmpty && trimmed.first != UInt8(ascii: "#") { return line }
            line += 1
        }
        return line
    }

    static func notACommandFile(line: Int) -> ShellError {
        .usage("this is not a command file: line \(line) is not an ntm command; nothing was run")
    }

    /// Runs a command file; relative paths inside it resolve from its folder.
    @discardableResult
    public func run(file path: String) -> Int32 {
        let text: String
        do {
            text = try readTextFile(path)
        } catch {
            report(error, sourceText: nil)
            return error.exitStatus
        }
        return run(text: text, name: path, directory: Self.directory(of: path))
    }

    /// Reads and runs lines from a person until `quit` or end of input; returns the exit status.
    public func runInteractive(banner: String?) -> Int32 {
        guard let input else { return ExitStatus.usage }
        if let banner, !variables.quiet { console.write(banner + "\n") }
        var lastStatus = ExitStatus.success
        while !quitRequested {
            console.flush()
            var buffer: String
            switch input.read(prompt: prompt) {
            case .endOfFile:
                if host.shouldQuit(self) { quitRequested = true }
                continue
            case .interrupted:
                continue
            case .line(let line):
                buffer = line
            }
            var interrupted = false
            while Tokenizer.needsContinuation(buffer) {
                switch input.read(prompt: continuationPrompt) {
                case .line(let more):
                    buffer += "\n" + more
                case .interrupted, .endOfFile:
                    interrupted = true
                }
                if interrupted { break }
            }
            if interrupted { continue }
            if !buffer.hasPrefix(" ") && !buffer.allSatisfy({ $0 == " " || $0 == "\t" })
                && !HistoryRedaction.redacts(buffer, pattern: variables["histredact"] ?? "") {
                input.addHistory(buffer)
            }
            lastStatus = runLine(buffer)
        }
        console.flush()
        return lastStatus
    }

    /// Runs one interactive line; errors are printed and never end the session.
    @discardableResult
    public func runLine(_ line: String) -> Int32 {
        let statements: [Statement]
        do {
            statements = try Tokenizer.statements(in: line)
        } catch {
            return report(error, sourceText: line)
        }
        var status = ExitStatus.success
        for statement in statements {
            if quitRequested { break }
            do {
                try execute(statement)
            } catch {
                status = report(error, sourceText: line)
            }
        }
        return status
    }

    public var prompt: String { "\(appName)\(host.promptMarker)> " }
    public var continuationPrompt: String { String(repeating: ".", count: appName.count + host.promptMarker.count) + "> " }

    // MARK: One statement

    /// Expands, resolves, validates, runs and renders one statement.
    func execute(_ statement: Statement) throws {
        let expanded = try expand(statement.words)
        let texts = expanded.map(\.text)
        let spec: CommandSpec
        let consumed: Int
        switch registry.match(texts) {
        case .command(let found, let count):
            spec = found
            consumed = count
        case .group(let path, _):
            // A group alone (`ehr`) shows what it holds, like `help ehr`.
            if variables.echo { console.write("\(prompt)\(statement.text)\n") }
            show(Help.group(path, registry: registry))
            return
        case .unknown(let index, _, let path) where !path.isEmpty && Self.isHelpFlag(texts[index]):
            // `ehr --help` explains the group, like `help ehr`.
            if variables.echo { console.write("\(prompt)\(statement.text)\n") }
            show(Help.group(path, registry: registry))
            return
        case .unknown(let index, let known, let path):
            throw unknownCommandError(texts[index], word: statement.words[index], known: known, path: path)
        }
        let arguments = try ArgumentBinder.bind(spec, expanded.dropFirst(consumed).map {
            ArgumentBinder.Input(text: $0.text, word: $0.word)
        })
        if variables.echo { console.write("\(prompt)\(statement.text)\n") }
        if arguments.flag("help") {
            show(Help.command(spec, registry: registry))
            return
        }
        let location = frames.last.map { SourceLocation(file: $0.name, line: $0.line) }
        let context = CommandContext(
            spec: spec, arguments: arguments, commandLine: Self.commandLine(statement, expanded: expanded), location: location,
            shell: self, directory: frames.last?.directory ?? "."
        )
        let outputPath = arguments.string("output").map(context.resolvePath)
        // Refuse an unwritable --output, or one that is the database or a command file being run, before
        // the command runs, so no change is made for nothing and nothing the session uses is overwritten.
        if let outputPath {
            try OutputFile.check(outputPath, database: host.protectedPaths,
                                 commandFiles: frames.map(\.name).filter { !$0.hasPrefix("<") && $0 != "-c" })
        }
        clearInterrupt()
        let result = try host.perform(context) { try spec.run(context) }
        // `--output x.csv` means CSV unless --format says otherwise.
        let format = arguments.string("format").flatMap(OutputFormat.init(rawValue:))
            ?? outputPath.flatMap(OutputFile.inferredFormat) ?? variables.format
        do throws(ShellError) {
            try render(result, format: format, outputPath: outputPath)
        } catch {
            // The change is already made: say so rather than let a failed write look like a failed command.
            guard spec.mutates else { throw error }
            throw ShellError(error.kind, error.message + "; the command's change was made and is kept")
        }
        if outputPath != nil, let typed = arguments.string("output"), !variables.quiet {
            console.writeError(OutputFile.summary(of: result, path: typed) + "\n")
        }
    }

    /// Writes a result to the console or a file.
    func render(_ result: CommandResult, format: OutputFormat, outputPath: String?) throws(ShellError) {
        var result = result
        if variables.quiet, case .message = result { result = .none }
        if let outputPath {
            try OutputFile.write(Renderer.render(result, as: format), to: outputPath)
            return
        }
        let decorated = console.isOutputTerminal
        let size = decorated ? console.terminalSize : nil
        let style = RenderStyle(decorated: decorated, color: decorated && variables.colorAllowed(onTerminal: decorated),
                                width: size?.columns)
        // Stored text must not drive the terminal (ESC sequences, CR overwriting a line).
        if decorated { result = TerminalSafeText.escaping(result) }
        let text = Renderer.render(result, as: format, style: style)
        if let size, let pager = pager(for: text, rows: size.rows), console.page(text, command: pager) { return }
        console.write(text)
    }

    /// The pager command for `text` on a terminal of `rows` lines, or nil to write it directly.
    ///
    /// Like psql: only text taller than the window is paged. `set pager on` (the interactive default)
    /// uses `$PAGER`, else `less`, on a terminal that can run one (TERM set, not dumb); `set pager CMD`
    /// uses CMD; `set pager off` (the batch default) never pages.
    func pager(for text: String, rows: Int) -> String? {
        let setting = variables.pager
        guard setting != "off", rows > 0 else { return nil }
        // With the prompt below it, text of `rows` lines already pushes its first line off the screen.
        var lines = 0
        for byte in text.utf8 where byte == 10 {
            lines += 1
            if lines >= rows { break }
        }
        guard lines >= rows else { return nil }
        guard setting == "on" else { return setting }
        guard let term = environment("TERM"), !term.isEmpty, term != "dumb" else { return nil }
        if let pager = environment("PAGER"), !pager.trimmingBlanks().isEmpty { return pager }
        return "less"
    }

    /// Writes help text to the console (through the pager when it is taller than the terminal).
    func show(_ text: String) {
        let text = text.hasSuffix("\n") ? text : text + "\n"
        if let size = console.terminalSize, let pager = pager(for: text, rows: size.rows), console.page(text, command: pager) { return }
        console.write(text)
    }

    struct ExpandedWord {
        var text: String
        var word: Word
    }

    /// Replaces `$name` references; an unknown variable is an error, never an empty string.
    func expand(_ words: [Word]) throws(ShellError) -> [ExpandedWord] {
        try words.map { (word: Word) throws(ShellError) -> ExpandedWord in
            var text = ""
            for part in word.parts {
                switch part {
                case .literal(let s):
                    text += s
                case .variable(let name):
                    guard let value = variables[name] ?? environmentVariable(name) else {
                        let known = Array(variables.values.keys)
                        throw .usage("unknown variable '$\(name)'\(Suggestions.hint(for: name, among: known) { "'$\($0)'" })", at: word)
                    }
                    text += value
                }
            }
            return ExpandedWord(text: text, word: word)
        }
    }

    /// Only `HOME` and `USER` come from the environment, so scripts behave the same everywhere.
    private func environmentVariable(_ name: String) -> String? {
        ["HOME", "USER", "PWD"].contains(name) ? environment(name) : nil
    }

    /// Whether a statement's first word, as written, names a command or group.
    func startsWithCommand(_ statement: Statement) -> Bool {
        guard let first = statement.words.first?.literal else { return false }
        if case .unknown(0, _, _) = registry.match([first]) { return false }
        return true
    }

    /// The error for a statement whose command does not exist, or nil.
    func unknownCommand(in statement: Statement) -> ShellError? {
        // Only the words that can name a command matter (a longer command path is never matched).
        var literals: [String] = []
        let limit = statement.words.first?.literal.map { registry.longestPath(startingWith: $0) } ?? 0
        for word in statement.words.prefix(limit + 1) {
            guard let text = word.literal else { break }
            literals.append(text)
        }
        guard literals.count == statement.words.count || !literals.isEmpty else { return nil }
        if case .unknown(let index, let known, let path) = registry.match(literals), index < literals.count,
           path.isEmpty || !Self.isHelpFlag(literals[index]) {
            // A word after a full command is an argument, not a subcommand.
            return unknownCommandError(literals[index], word: statement.words[index], known: known, path: path)
        }
        return nil
    }

    func unknownCommandError(_ text: String, word: Word, known: [String], path: [String]) -> ShellError {
        let full = (path + [Self.shortened(text)]).joined(separator: " ")
        let hint = Suggestions.hint(for: text, among: known) { "'\((path + [$0]).joined(separator: " "))'" }
        if path.isEmpty {
            return .usage("unknown command '\(full)'\(hint); type 'help' for the list", at: word)
        }
        return .usage("unknown command '\(full)'\(hint); '\(path.joined(separator: " "))' has: \(known.joined(separator: ", "))", at: word)
    }

    // MARK: Questions and quitting

    /// Asks a yes/no question on the terminal; without one, answers `batchAnswer`.
    public func confirm(_ question: String, batchAnswer: Bool) -> Bool {
        guard isInteractive, let input else { return batchAnswer }
        while true {
            switch input.read(prompt: question + " [y/n] ") {
            case .line(let answer):
                switch answer.lowercased().trimmingBlanks() {
                case "y", "yes": return true
                case "n", "no": return false
                default: continue
                }
            case .interrupted, .endOfFile:
                return false
            }
        }
    }

    /// Ends the session (or the run) after the current statement, if the host agrees.
    func requestQuit() {
        if host.shouldQuit(self) { quitRequested = true }
    }

    // MARK: Errors

    /// Prints an error where it happened and returns its exit status.
    @discardableResult
    func report(_ error: Error, sourceText: String?) -> Int32 {
        if let shellError = error as? ShellError {
            if case .alreadyReported(let status) = shellError.kind { return status }
            report(message: shellError.message, status: shellError.exitStatus, word: shellError.word, sourceText: sourceText)
            return shellError.exitStatus
        }
        if let syntax = error as? SyntaxError {
            let spot = Word(parts: [], line: syntax.line, column: syntax.column, length: 1, source: "")
            report(message: syntax.message, status: ExitStatus.usage, word: spot, sourceText: sourceText)
            return ExitStatus.usage
        }
        let (message, status) = host.describe(error) ?? (String(describing: error), ExitStatus.failure)
        report(message: message, status: status, word: nil, sourceText: sourceText)
        return status
    }

    /// `FILE:LINE: error: message` (just `error: message` interactively), the source chain for
    /// nested files, and the offending line with a caret under the word to blame.
    func report(message: String, status: Int32, word: Word?, sourceText: String?) {
        let color = console.isErrorTerminal && variables.colorAllowed(onTerminal: true)
        let label = color ? ANSI.red(ANSI.bold("error:")) : "error:"
        // Errors quote what was typed or read: never let it drive the terminal.
        let message = console.isErrorTerminal ? TerminalSafeText.escaping(message, keepNewlines: true) : message
        var text = ""
        // The terminal echoed `^C` where the cursor was: start the message on a clean line.
        if console.isErrorTerminal && message == ShellError.interrupted.message { text += "\r\u{1B}[K" }
        if let frame = frames.last {
            let line = word?.line ?? frame.line
            text += "\(frame.name):\(line): \(label) \(message)\n"
            // A file that sources itself would repeat one line many times: say it once, with a count.
            var chain: [(String, Int)] = []
            for outer in frames.dropLast().reversed() {
                let place = "\(outer.name):\(outer.line)"
                if let last = chain.last, last.0 == place { chain[chain.count - 1].1 += 1 } else { chain.append((place, 1)) }
            }
            for (place, count) in chain {
                text += "  in file sourced from \(place)" + (count > 1 ? " (\(count) times)" : "") + "\n"
            }
        } else {
            text += "\(label) \(message)\n"
        }
        if let sourceText, let word {
            let shown = caret(in: sourceText, line: word.line, column: word.column, length: word.length)
            text += console.isErrorTerminal ? TerminalSafeText.escaping(shown, keepNewlines: true) : shown
        }
        console.writeError(text)
    }

    /// The source line and a `^~~~` marker under columns `column..<column+length`.
    func caret(in source: String, line: Int, column: Int, length: Int) -> String {
        // Found by counting line feeds (a CRLF's CR is dropped below), not by splitting the whole text:
        // an error late in a long file costs no more than one early.
        guard line >= 1, let range = Self.lineRange(line, in: source.utf8) else { return "" }
        var bytes = source.utf8[range]
        if bytes.last == 13 { bytes = bytes.dropLast() }
        guard bytes.count <= 1000 else { return "" }
        let text = String(Substring(bytes)).replacing("\t", with: " ").replacing("\r", with: "")
        // Columns count code points, as the tokenizer does.
        let prefix = String(String.UnicodeScalarView(text.unicodeScalars.prefix(column)))
        let marked = String(String.UnicodeScalarView(text.unicodeScalars.dropFirst(column).prefix(max(length, 1))))
        let pad = String(repeating: " ", count: TextWidth.of(prefix))
        let marker = "^" + String(repeating: "~", count: max(TextWidth.of(marked) - 1, 0))
        return "    \(text)\n    \(pad)\(marker)\n"
    }

    /// The bytes of the 1-based `line` of `text` (without its line feed), or nil when it has fewer lines.
    static func lineRange(_ line: Int, in text: String.UTF8View) -> Range<String.Index>? {
        var start = text.startIndex
        var current = 1
        while current < line {
            guard let feed = text[start...].firstIndex(of: 10) else { return nil }
            start = text.index(after: feed)
            current += 1
        }
        return start..<(text[start...].firstIndex(of: 10) ?? text.endIndex)
    }

    static func isHelpFlag(_ word: String) -> Bool { word == "--help" || word == "-h" }

    /// A word as quoted in an error: at most 60 characters, so a huge word is not repeated in full.
    static func shortened(_ word: String) -> String {
        word.count <= 60 ? word : String(word.prefix(57)) + "…"
    }

    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let dir = String(path[..<slash])
        return dir.isEmpty ? "/" : dir
    }
}
