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
        do {
            return try withStatements(in: text, firstLine: firstLine) { stream in
                var statements: [Statement] = []
                while let statement = try stream.next() { statements.append(statement) }
                return statements
            }
        } catch let error as SyntaxError {
            throw error
        } catch {
            preconditionFailure("only a SyntaxError is thrown here: \(error)")
        }
    }

    /// Calls `body` with a stream of the statements of `text`, read one at a time as it asks for them.
    ///
    /// A long command file is then never held as statements: only its text and the statement at hand
    /// are in memory. The stream reads the text in place; it is valid only inside `body`.
    public static func withStatements<R>(in text: String, firstLine: Int = 1,
                                         _ body: (inout StatementStream) throws -> R) rethrows -> R {
        // Words are split on code points, not grapheme clusters: a combining mark after a blank or `;`
        // would otherwise glue two words into one Character (and "\r\n" is one Character too). Every
        // character the language gives a meaning to is ASCII, so the UTF-8 bytes are read directly;
        // columns still count code points, and the caret under an error counts them the same way.
        // CRLF line ends read as LF (a lone CR stays: it is a blank between words): such a text is read
        // from a copy without the CRs.
        if text.utf8.contains(13), let lf = lineFeedText(text) {
            return try lf.withUnsafeBufferPointer { bytes in
                var stream = StatementStream(bytes: bytes, firstLine: firstLine)
                return try body(&stream)
            }
        }
        if let result = try text.utf8.withContiguousStorageIfAvailable({ bytes in
            var stream = StatementStream(bytes: bytes, firstLine: firstLine)
            return try body(&stream)
        }) {
            return result
        }
        return try Array(text.utf8).withUnsafeBufferPointer { bytes in
            var stream = StatementStream(bytes: bytes, firstLine: firstLine)
            return try body(&stream)
        }
    }

    /// The UTF-8 of `text` with the CR of every CRLF removed, or nil when it has no CRLF.
    static func lineFeedText(_ text: String) -> [UInt8]? {
        var bytes: [UInt8] = []
        var found = false
        bytes.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if byte == 10, bytes.last == 13 {
                bytes.removeLast()
                found = true
            }
            bytes.append(byte)
        }
        return found ? bytes : nil
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
}

/// The statements of a text, read one at a time (see ``Tokenizer/withStatements(in:firstLine:_:)``).
public struct StatementStream {
    // Byte values of the characters the language knows.
    private static let tab: UInt8 = 9, lineFeed: UInt8 = 10, carriageReturn: UInt8 = 13, space: UInt8 = 32
    private static let doubleQuote: UInt8 = 34, hash: UInt8 = 35, dollar: UInt8 = 36, singleQuote: UInt8 = 39
    private static let semicolon: UInt8 = 59, backslash: UInt8 = 92, openBrace: UInt8 = 123, closeBrace: UInt8 = 125
    private static let letterN: UInt8 = 110, letterT: UInt8 = 116

    private let bytes: UnsafeBufferPointer<UInt8>
    private let firstLine: Int
    private var index = 0
    private var line: Int
    /// Where the current line starts (a byte offset).
    private var lineStart = 0
    /// Code points counted from `lineStart` up to the byte offset `columnCursor`: columns are found by
    /// counting on from there, so a long line is counted once, not once per word.
    private var columnCursor = 0
    private var columnCount = 0
    private var words: [Word] = []
    private var statementStart: Int?
    private var statementLine = 0
    /// The current word's literal bytes (kept between words for its capacity).
    private var literal: [UInt8] = []

    init(bytes: UnsafeBufferPointer<UInt8>, firstLine: Int) {
        self.bytes = bytes
        self.firstLine = firstLine
        self.line = firstLine
    }

    /// Goes back to the first statement.
    public mutating func rewind() {
        self = StatementStream(bytes: bytes, firstLine: firstLine)
    }

    /// The next statement, nil at the end of the text, or the syntax error that stops the text there.
    public mutating func next() throws(SyntaxError) -> Statement? {
        while index < bytes.count {
            let c = bytes[index]
            switch c {
            case Self.space, Self.tab, Self.carriageReturn:
                index += 1
            case Self.lineFeed:
                let statement = endStatement(at: index)
                newline()
                if let statement { return statement }
            case Self.semicolon:
                let statement = endStatement(at: index)
                index += 1
                if let statement { return statement }
            case Self.hash:
                while index < bytes.count && bytes[index] != Self.lineFeed { index += 1 }
            case Self.backslash where index + 1 < bytes.count && bytes[index + 1] == Self.lineFeed:
                index += 1
                newline()
            case Self.backslash where index + 1 >= bytes.count:
                throw SyntaxError(message: "a line ends with '\\' but no line follows", line: line, column: column(), isIncomplete: true)
            case 0:
                throw nul()
            default:
                try word()
            }
        }
        return endStatement(at: bytes.count)
    }

    /// The code-point column of the current byte offset (which only moves forward within a line).
    private mutating func column() -> Int {
        while columnCursor < index {
            if bytes[columnCursor] & 0xC0 != 0x80 { columnCount += 1 }
            columnCursor += 1
        }
        return columnCount
    }

    /// Code points in the bytes `range`.
    private func codePoints(_ range: Range<Int>) -> Int {
        var count = 0
        for offset in range where bytes[offset] & 0xC0 != 0x80 { count += 1 }
        return count
    }

    private mutating func newline() {
        index += 1
        line += 1
        lineStart = index
        columnCursor = index
        columnCount = 0
    }

    private mutating func endStatement(at end: Int) -> Statement? {
        guard let start = statementStart, !words.isEmpty else { return nil }
        var text = string(start..<end)
        if text.utf8.contains(Self.lineFeed) { text = text.replacing("\\\n", with: "") }
        let statement = Statement(words: words, text: text.trimmingBlanks(), line: statementLine)
        words = []
        statementStart = nil
        return statement
    }

    private func string(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    private mutating func word() throws(SyntaxError) {
        let startIndex = index
        let startLine = line
        let startColumn = column()
        if statementStart == nil {
            statementStart = index
            statementLine = line
        }
        var parts: [Word.Part] = []
        literal.removeAll(keepingCapacity: true)
        var quoted = false
        loop: while index < bytes.count {
            let c = bytes[index]
            switch c {
            case 0:
                throw nul()
            case Self.space, Self.tab, Self.carriageReturn, Self.lineFeed, Self.semicolon:
                break loop
            case Self.backslash:
                guard index + 1 < bytes.count else {
                    throw SyntaxError(message: "a line ends with '\\' but no line follows", line: line, column: column(), isIncomplete: true)
                }
                let next = bytes[index + 1]
                if next == Self.lineFeed {
                    index += 1
                    newline()
                } else {
                    // A multi-byte character's other bytes follow as ordinary ones.
                    literal.append(next)
                    index += 2
                }
            case Self.singleQuote:
                quoted = true
                let openLine = line, openColumn = column()
                index += 1
                while true {
                    guard index < bytes.count else {
                        throw SyntaxError(message: "unterminated single quote", line: openLine, column: openColumn, isIncomplete: true)
                    }
                    let q = bytes[index]
                    if q == 0 { throw nul() }
                    if q == Self.singleQuote { index += 1; break }
                    literal.append(q)
                    if q == Self.lineFeed { newline(); continue }
                    index += 1
                }
            case Self.doubleQuote:
                quoted = true
                let openLine = line, openColumn = column()
                index += 1
                while true {
                    guard index < bytes.count else {
                        throw SyntaxError(message: "unterminated double quote", line: openLine, column: openColumn, isIncomplete: true)
                    }
                    let q = bytes[index]
                    if q == 0 { throw nul() }
                    if q == Self.doubleQuote { index += 1; break }
                    if q == Self.backslash && index + 1 < bytes.count {
                        let next = bytes[index + 1]
                        switch next {
                        case Self.doubleQuote, Self.backslash, Self.dollar: literal.append(next); index += 2
                        case Self.letterN: literal.append(Self.lineFeed); index += 2
                        case Self.letterT: literal.append(Self.tab); index += 2
                        case Self.lineFeed: index += 1; newline()
                        default: literal.append(Self.backslash); index += 1
                        }
                        continue
                    }
                    if q == Self.dollar, let name = try variable() {
                        flushLiteral(into: &parts)
                        parts.append(.variable(name))
                        continue
                    }
                    literal.append(q)
                    if q == Self.lineFeed { newline(); continue }
                    index += 1
                }
            case Self.dollar:
                if let name = try variable() {
                    flushLiteral(into: &parts)
                    parts.append(.variable(name))
                } else {
                    literal.append(Self.dollar)
                    index += 1
                }
            default:
                literal.append(c)
                index += 1
            }
        }
        flushLiteral(into: &parts)
        if parts.isEmpty && quoted { parts.append(.literal("")) }
        // Characters the word spans on its first line.
        let length: Int
        if line == startLine {
            length = column() - startColumn
        } else {
            var end = startIndex
            while bytes[end] != Self.lineFeed { end += 1 }
            length = codePoints(startIndex..<end)
        }
        words.append(Word(parts: parts, line: startLine, column: startColumn, length: length, source: string(startIndex..<index)))
    }

    private mutating func flushLiteral(into parts: inout [Word.Part]) {
        guard !literal.isEmpty else { return }
        parts.append(.literal(String(decoding: literal, as: UTF8.self)))
        literal.removeAll(keepingCapacity: true)
    }

    /// Reads `$name` or `${name}` at the current `$`; nil (nothing consumed) when `$` is literal.
    private mutating func variable() throws(SyntaxError) -> String? {
        let after = index + 1
        guard after < bytes.count else { return nil }
        if bytes[after] == Self.openBrace {
            var end = after + 1
            while end < bytes.count && bytes[end] != Self.closeBrace && bytes[end] != Self.lineFeed { end += 1 }
            guard end < bytes.count, bytes[end] == Self.closeBrace else {
                throw SyntaxError(message: "'${' without a closing '}'", line: line, column: column(), isIncomplete: false)
            }
            let name = string((after + 1)..<end)
            guard Self.isName(name) else {
                throw SyntaxError(message: "'${\(name)}' is not a valid variable name", line: line, column: column(), isIncomplete: false)
            }
            index = end + 1
            return name
        }
        guard Self.isNameStart(bytes[after]) else { return nil }
        var end = after
        while end < bytes.count && Self.isNameContinue(bytes[end]) { end += 1 }
        index = end
        return string(after..<end)
    }

    static func isNameStart(_ c: UInt8) -> Bool {
        c == 95 || (97...122).contains(c) || (65...90).contains(c)  // _ a-z A-Z
    }
    static func isNameContinue(_ c: UInt8) -> Bool { isNameStart(c) || (48...57).contains(c) }
    static func isName(_ s: String) -> Bool {
        guard let first = s.utf8.first, isNameStart(first) else { return false }
        return s.utf8.allSatisfy(isNameContinue)
    }

    /// A NUL byte would cut a path short where it reaches the C library: refused outright.
    private mutating func nul() -> SyntaxError {
        SyntaxError(message: "a NUL character (byte 0) cannot appear in a command", line: line, column: column(), isIncomplete: false)
    }
}

extension String {
    /// The string without leading and trailing blanks (spaces, tabs, CR, LF), without Foundation.
    ///
    /// Trimmed by code point: by characters, a CR LF pair is one "\r\n" that is neither blank, and
    /// `"Phúc Hòa\r\n"` came back unchanged.
    public func trimmingBlanks() -> String {
        func blank(_ scalar: Unicode.Scalar) -> Bool { scalar == " " || scalar == "\t" || scalar == "\r" || scalar == "\n" }
        var s = Substring(self).unicodeScalars
        while let last = s.last, blank(last) { s.removeLast() }
        while let first = s.first, blank(first) { s.removeFirst() }
        return String(Substring(s))
    }
}
