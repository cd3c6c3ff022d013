/// Splits command text into statements and words.
///
/// The language is a small, predictable subset of the POSIX shell's: words separated by blanks,
/// `"double"` quotes (with `\"`, `\\`, `\$`, `\n`, `\t` escapes and variables), `'single'` quotes (literal),
/// backslash escapes, `#` comments from the start of a word to the end of the line, `;` between commands,
/// a trailing `\` joining lines, and `$name` / `${name}` variables. A variable always expands to exactly
/// one word (no field splitting), so values with spaces are safe.
public enum Tokenizer {
    /// Splits a whole script (or one interactive line) into statements.
    public static func statements(in text: String, firstLine: Int = 1) throws(SyntaxError) -> [Statement] {
        // "\r\n" is one Character in Swift and would match neither "\r" nor "\n": read it as a newline
        // (one for one, so columns still count the source's characters).
        var scanner = Scanner(characters: text.map { $0 == "\r\n" ? "\n" : $0 }, line: firstLine)
        return try scanner.run()
    }

    /// Whether `text` stops in the middle of a command (open quote or trailing backslash),
    /// so an interactive reader should ask for a continuation line.
    public static func needsContinuation(_ text: String) -> Bool {
        do {
            _ = try statements(in: text)
            return false
        } catch {
            return error.isIncomplete
        }
    }

    private struct Scanner {
        let characters: [Character]
        var index = 0
        var line: Int
        var lineStart = 0
        var statements: [Statement] = []
        var words: [Word] = []
        var statementStart: Int?
        var statementLine = 0

        init(characters: [Character], line: Int) {
            self.characters = characters
            self.line = line
        }

        var column: Int { index - lineStart }

        mutating func run() throws(SyntaxError) -> [Statement] {
            while index < characters.count {
                let c = characters[index]
                switch c {
                case " ", "\t", "\r":
                    index += 1
                case "\n":
                    endStatement(at: index)
                    newline()
                case ";":
                    endStatement(at: index)
                    index += 1
                case "#":
                    while index < characters.count && characters[index] != "\n" { index += 1 }
                case "\\" where index + 1 < characters.count && characters[index + 1] == "\n":
                    index += 1
                    newline()
                case "\\" where index + 1 >= characters.count:
                    throw SyntaxError(message: "a line ends with '\\' but no line follows", line: line, column: column, isIncomplete: true)
                default:
                    try word()
                }
            }
            endStatement(at: characters.count)
            return statements
        }

        mutating func newline() {
            index += 1
            line += 1
            lineStart = index
        }

        mutating func endStatement(at end: Int) {
            guard let start = statementStart, !words.isEmpty else { return }
            let text = String(characters[start..<end]).replacing("\\\n", with: "")
            statements.append(Statement(words: words, text: text.trimmingBlanks(), line: statementLine))
            words = []
            statementStart = nil
        }

        mutating func word() throws(SyntaxError) {
            let startIndex = index
            let startLine = line
            let startColumn = column
            if statementStart == nil {
                statementStart = index
                statementLine = line
            }
            var parts: [Word.Part] = []
            var literal = ""
            func flush() {
                if !literal.isEmpty { parts.append(.literal(literal)); literal = "" }
            }
            var quoted = false
            loop: while index < characters.count {
                let c = characters[index]
                switch c {
                case " ", "\t", "\r", "\n", ";":
                    break loop
                case "\\":
                    guard index + 1 < characters.count else {
                        throw SyntaxError(message: "a line ends with '\\' but no line follows", line: line, column: column, isIncomplete: true)
                    }
                    let next = characters[index + 1]
                    if next == "\n" {
                        index += 1
                        newline()
                    } else {
                        literal.append(next)
                        index += 2
                    }
                case "'":
                    quoted = true
                    let openLine = line, openColumn = column
                    index += 1
                    while true {
                        guard index < characters.count else {
                            throw SyntaxError(message: "unterminated single quote", line: openLine, column: openColumn, isIncomplete: true)
                        }
                        let q = characters[index]
                        if q == "'" { index += 1; break }
                        if q == "\n" { literal.append(q); newline(); continue }
                        literal.append(q)
                        index += 1
                    }
                case "\"":
                    quoted = true
                    let openLine = line, openColumn = column
                    index += 1
                    while true {
                        guard index < characters.count else {
                            throw SyntaxError(message: "unterminated double quote", line: openLine, column: openColumn, isIncomplete: true)
                        }
                        let q = characters[index]
                        if q == "\"" { index += 1; break }
                        if q == "\\" && index + 1 < characters.count {
                            let next = characters[index + 1]
                            switch next {
                            case "\"", "\\", "$": literal.append(next); index += 2
                            case "n": literal.append("\n"); index += 2
                            case "t": literal.append("\t"); index += 2
                            case "\n": index += 1; newline()
                            default: literal.append("\\"); index += 1
                            }
                            continue
                        }
                        if q == "$", let name = try variable() {
                            flush()
                            parts.append(.variable(name))
                            continue
                        }
                        if q == "\n" { literal.append(q); newline(); continue }
                        literal.append(q)
                        index += 1
                    }
                case "$":
                    if let name = try variable() {
                        flush()
                        parts.append(.variable(name))
                    } else {
                        literal.append("$")
                        index += 1
                    }
                default:
                    literal.append(c)
                    index += 1
                }
            }
            flush()
            if parts.isEmpty && quoted { parts.append(.literal("")) }
            let source = String(characters[startIndex..<index])
            let firstLineLength = source.firstIndex(of: "\n").map { source.distance(from: source.startIndex, to: $0) } ?? source.count
            words.append(Word(parts: parts, line: startLine, column: startColumn, length: firstLineLength, source: source))
        }

        /// Reads `$name` or `${name}` at the current `$`; nil (nothing consumed) when `$` is literal.
        mutating func variable() throws(SyntaxError) -> String? {
            let after = index + 1
            guard after < characters.count else { return nil }
            if characters[after] == "{" {
                var end = after + 1
                while end < characters.count && characters[end] != "}" && characters[end] != "\n" { end += 1 }
                guard end < characters.count, characters[end] == "}" else {
                    throw SyntaxError(message: "'${' without a closing '}'", line: line, column: column, isIncomplete: false)
                }
                let name = String(characters[(after + 1)..<end])
                guard Self.isName(name) else {
                    throw SyntaxError(message: "'${\(name)}' is not a valid variable name", line: line, column: column, isIncomplete: false)
                }
                index = end + 1
                return name
            }
            guard Self.isNameStart(characters[after]) else { return nil }
            var end = after
            while end < characters.count && Self.isNameContinue(characters[end]) { end += 1 }
            index = end
            return String(characters[after..<end])
        }

        static func isNameStart(_ c: Character) -> Bool { c == "_" || (c.isASCII && c.isLetter) }
        static func isNameContinue(_ c: Character) -> Bool { isNameStart(c) || (c.isASCII && c.isNumber) }
        static func isName(_ s: String) -> Bool {
            guard let first = s.first, isNameStart(first) else { return false }
            return s.allSatisfy(isNameContinue)
        }
    }
}

extension String {
    /// The string without leading and trailing blanks (spaces, tabs, CR, LF), without Foundation.
    public func trimmingBlanks() -> String {
        var s = Substring(self)
        while let last = s.last, last == " " || last == "\t" || last == "\r" || last == "\n" { s.removeLast() }
        while let first = s.first, first == " " || first == "\t" || first == "\r" || first == "\n" { s.removeFirst() }
        return String(s)
    }
}
