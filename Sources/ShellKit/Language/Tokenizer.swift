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
        // Words are split on code points, not grapheme clusters: a combining mark after a blank or `;`
        // would otherwise glue two words into one Character (and "\r\n" is one Character too). Columns
        // count code points, and the caret under an error counts them the same way.
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            // CRLF line ends read as LF (a lone CR stays: it is a blank between words).
            if scalar == "\n", scalars.last == "\r" { scalars.removeLast() }
            scalars.append(scalar)
        }
        var scanner = Scanner(characters: scalars, line: firstLine)
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
        let characters: [Unicode.Scalar]
        var index = 0
        var line: Int
        var lineStart = 0
        var statements: [Statement] = []
        var words: [Word] = []
        var statementStart: Int?
        var statementLine = 0

        init(characters: [Unicode.Scalar], line: Int) {
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
                case "\0":
                    throw Self.nul(line: line, column: column)
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
            let text = Self.string(characters[start..<end]).replacing("\\\n", with: "")
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
            var literal = String.UnicodeScalarView()
            func flush() {
                if !literal.isEmpty { parts.append(.literal(String(literal))); literal = String.UnicodeScalarView() }
            }
            var quoted = false
            loop: while index < characters.count {
                let c = characters[index]
                if c == "\0" { throw Self.nul(line: line, column: column) }
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
                        if q == "\0" { throw Self.nul(line: line, column: column) }
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
                        if q == "\0" { throw Self.nul(line: line, column: column) }
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
            let scalars = characters[startIndex..<index]
            let source = Self.string(scalars)
            let firstLineLength = (scalars.firstIndex(of: "\n") ?? index) - startIndex
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
                let name = Self.string(characters[(after + 1)..<end])
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
            return Self.string(characters[after..<end])
        }

        static func isNameStart(_ c: Unicode.Scalar) -> Bool {
            c == "_" || ("a"..."z").contains(c) || ("A"..."Z").contains(c)
        }
        static func isNameContinue(_ c: Unicode.Scalar) -> Bool { isNameStart(c) || ("0"..."9").contains(c) }
        static func isName(_ s: String) -> Bool {
            guard let first = s.unicodeScalars.first, isNameStart(first) else { return false }
            return s.unicodeScalars.allSatisfy(isNameContinue)
        }

        static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars)
            return String(view)
        }

        /// A NUL byte would cut a path short where it reaches the C library: refused outright.
        static func nul(line: Int, column: Int) -> SyntaxError {
            SyntaxError(message: "a NUL character (byte 0) cannot appear in a command", line: line, column: column, isIncomplete: false)
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
