import Testing
@testable import ShellKit

/// The command language: how text becomes statements and words.
@Suite("Tokenizer")
struct TokenizerTests {
    /// Each statement's words, with variables written back as `${name}` so a test can compare plain strings.
    func words(_ text: String) throws -> [[String]] {
        try Tokenizer.statements(in: text).map { statement in
            statement.words.map { word in
                word.parts.map { part in
                    switch part {
                    case .literal(let s): return s
                    case .variable(let name): return "${\(name)}"
                    }
                }.joined()
            }
        }
    }

    /// The syntax error `text` raises (fails the test when it parses).
    func syntaxError(_ text: String) -> SyntaxError? {
        do {
            _ = try Tokenizer.statements(in: text)
            Issue.record("expected a syntax error for \(text.debugDescription)")
            return nil
        } catch {
            return error
        }
    }

    // MARK: Words

    @Test("blanks separate words; runs of blanks and tabs count once")
    func blanksSeparateWords() throws {
        #expect(try words("zoo list   --kind\tcat  ") == [["zoo", "list", "--kind", "cat"]])
    }

    @Test("an empty text or a text of blanks has no statements")
    func emptyText() throws {
        #expect(try words("") == [])
        #expect(try words("   \n\t\n") == [])
    }

    @Test("Vietnamese letters are ordinary word characters")
    func vietnameseWords() throws {
        #expect(try words("zoo show Phường") == [["zoo", "show", "Phường"]])
    }

    @Test("words remember their line, column, length and source text")
    func wordPositions() throws {
        let statement = try #require(try Tokenizer.statements(in: "zoo  show \"Xã Phúc Hòa\"").first)
        let name = statement.words[2]
        #expect(name.line == 1)
        #expect(name.column == 10)
        #expect(name.length == 13)
        #expect(name.source == "\"Xã Phúc Hòa\"")
        #expect(name.literal == "Xã Phúc Hòa")
        #expect(statement.words[1].column == 5)
    }

    // MARK: Quotes and escapes

    @Test("double quotes keep blanks, semicolons and # inside one word")
    func doubleQuotes() throws {
        #expect(try words(#"echo "Xã Phúc Hòa; # not a comment""#) == [["echo", "Xã Phúc Hòa; # not a comment"]])
    }

    @Test("double quotes understand \\\" \\\\ \\$ \\n \\t and keep other backslashes")
    func doubleQuoteEscapes() throws {
        #expect(try words(#"echo "a\"b\\c\$d\ne\tf\g""#) == [["echo", "a\"b\\c$d\ne\tf\\g"]])
    }

    @Test("single quotes are literal: no escapes, no variables")
    func singleQuotes() throws {
        #expect(try words(#"echo 'a\nb $x "q"'"#) == [["echo", #"a\nb $x "q""#]])
    }

    @Test("quotes join with adjacent text into one word")
    func adjacentQuotes() throws {
        #expect(try words(#"echo pre"mid dle"'post'"#) == [["echo", "premid dlepost"]])
    }

    @Test("an empty quoted string is an empty word, not no word")
    func emptyQuotedWord() throws {
        #expect(try words(#"set x """#) == [["set", "x", ""]])
        #expect(try words("set x ''") == [["set", "x", ""]])
    }

    @Test("a backslash outside quotes escapes the next character")
    func backslashEscapes() throws {
        #expect(try words(##"echo Xã\ Phúc \; \# \"q\" \\"##) == [["echo", "Xã Phúc", ";", "#", "\"q\"", "\\"]])
    }

    // MARK: Comments

    @Test("# starts a comment at the start of a word, not inside one")
    func comments() throws {
        #expect(try words("echo a # the rest is ignored\necho b#c") == [["echo", "a"], ["echo", "b#c"]])
    }

    @Test("a #! first line is a comment, so command files can be executable")
    func shebangLine() throws {
        let statements = try Tokenizer.statements(in: "#!/usr/bin/env -S ntm -f\nzoo list\n")
        #expect(statements.map(\.words.count) == [2])
        #expect(statements.first?.line == 2)
    }

    @Test("a backslash at the end of a comment does not continue it")
    func commentDoesNotContinue() throws {
        #expect(try words("# a comment \\\necho b") == [["echo", "b"]])
    }

    // MARK: Statements

    @Test("; and newlines end statements; empty statements vanish")
    func semicolons() throws {
        #expect(try words("echo a; echo b;;\n;echo c") == [["echo", "a"], ["echo", "b"], ["echo", "c"]])
    }

    @Test("a semicolon glued to a word still ends the statement")
    func gluedSemicolon() throws {
        #expect(try words("echo a;echo b") == [["echo", "a"], ["echo", "b"]])
    }

    @Test("each statement knows its line and its source text as typed (a trailing comment included, for the audit log)")
    func statementLinesAndText() throws {
        let statements = try Tokenizer.statements(in: "\n  zoo list --kind cat   # cats\n\necho a; echo b  \n")
        #expect(statements.map(\.line) == [2, 4, 4])
        #expect(statements.map(\.text) == ["zoo list --kind cat   # cats", "echo a", "echo b"])
    }

    @Test("firstLine shifts the line numbers (for text that starts inside a file)")
    func firstLineOffset() throws {
        let statements = try Tokenizer.statements(in: "echo a\necho b", firstLine: 10)
        #expect(statements.map(\.line) == [10, 11])
    }

    @Test("Windows line endings (CRLF) end lines like LF does")
    func crlfLineEndings() throws {
        let statements = try Tokenizer.statements(in: "set format csv\r\necho a \\\r\n  b\r\nzoo list\r\n")
        #expect(statements.map(\.line) == [1, 2, 4])
        #expect(try words("set format csv\r\necho a \\\r\n  b\r\nzoo list\r\n")
            == [["set", "format", "csv"], ["echo", "a", "b"], ["zoo", "list"]])
    }

    // MARK: Continuation lines

    @Test("a trailing backslash joins the next line into the same statement")
    func continuation() throws {
        let statements = try Tokenizer.statements(in: "zoo list \\\n  --kind cat \\\n  --min 2\necho done")
        #expect(statements.count == 2)
        #expect(statements[0].words.count == 6)
        #expect(statements[0].text == "zoo list   --kind cat   --min 2")
        #expect(statements[0].line == 1)
        #expect(statements[1].line == 4)
    }

    @Test("words after a continuation carry their own physical line and column")
    func continuationPositions() throws {
        let statement = try #require(try Tokenizer.statements(in: "zoo list \\\n    --min 2").first)
        let option = statement.words[2]
        #expect(option.line == 2)
        #expect(option.column == 4)
        #expect(statement.words[3].line == 2)
        #expect(statement.words[3].column == 10)
    }

    @Test("a backslash-newline inside a word joins its halves")
    func continuationInsideWord() throws {
        #expect(try words("echo ab\\\ncd next") == [["echo", "abcd", "next"]])
    }

    @Test("a line counter survives quoted newlines")
    func quotedNewlines() throws {
        let statements = try Tokenizer.statements(in: "echo \"two\nlines\"\necho after")
        #expect(try words("echo \"two\nlines\"") == [["echo", "two\nlines"]])
        #expect(statements.map(\.line) == [1, 3])
    }

    // MARK: Variables

    @Test("$name and ${name} are variable parts; the rest stays literal")
    func variables() throws {
        let word = try #require(try Tokenizer.statements(in: "echo pre${year}Q$quarter.csv").first?.words[1])
        #expect(word.parts == [.literal("pre"), .variable("year"), .literal("Q"), .variable("quarter"), .literal(".csv")])
        #expect(word.literal == nil)
    }

    @Test("variables expand inside double quotes but not single quotes or after a backslash")
    func variablesAndQuoting() throws {
        #expect(try words(#"echo "in $x" 'no $x' \$x"#) == [["echo", "in ${x}", "no $x", "$x"]])
    }

    @Test("a $ that starts no name is literal ($1, $ alone, a trailing $)")
    func literalDollar() throws {
        #expect(try words("echo $1 $ a$") == [["echo", "$1", "$", "a$"]])
    }

    @Test("${ without } and ${} with a bad name are errors, not incomplete input")
    func badBraceVariables() {
        let open = syntaxError("echo ${year")
        #expect(open?.message == "'${' without a closing '}'")
        #expect(open?.isIncomplete == false)
        #expect(open?.column == 5)
        let bad = syntaxError("echo ${2x}")
        #expect(bad?.message == "'${2x}' is not a valid variable name")
        #expect(bad?.isIncomplete == false)
    }

    // MARK: Incomplete input

    @Test("an unterminated quote is an incomplete-input error pointing at the quote")
    func unterminatedQuotes() {
        let double = syntaxError("echo ok\nzoo show \"Xã Phúc")
        #expect(double?.message == "unterminated double quote")
        #expect(double?.line == 2)
        #expect(double?.column == 9)
        #expect(double?.isIncomplete == true)
        let single = syntaxError("echo 'abc")
        #expect(single?.message == "unterminated single quote")
        #expect(single?.column == 5)
        #expect(single?.isIncomplete == true)
    }

    @Test("a backslash as the very last character is incomplete input")
    func trailingBackslash() {
        let error = syntaxError("zoo list \\")
        #expect(error?.isIncomplete == true)
        #expect(error?.message == "a line ends with '\\' but no line follows")
    }

    @Test("needsContinuation asks for another line only when more input could finish the text")
    func needsContinuation() {
        #expect(Tokenizer.needsContinuation("zoo show \"Xã Phúc"))
        #expect(Tokenizer.needsContinuation("echo 'it"))
        #expect(Tokenizer.needsContinuation("zoo list \\"))
        #expect(Tokenizer.needsContinuation("zoo list \\\n  --kind cat \\"))
        #expect(!Tokenizer.needsContinuation("zoo list"))
        #expect(!Tokenizer.needsContinuation("zoo list \\\n  --kind cat"))
        #expect(!Tokenizer.needsContinuation("echo \"closed\""))
        #expect(!Tokenizer.needsContinuation("echo ${broken"), "a real error: more lines will not fix it")
        #expect(!Tokenizer.needsContinuation(""))
        #expect(!Tokenizer.needsContinuation("echo a # why \\"), "a comment never continues")
    }

    // MARK: Reading statement by statement

    @Test("the statement stream yields the statements one at a time, and again after a rewind")
    func statementStream() throws {
        let text = "set x 1; echo \"$x\"\n# note\nzoo show \"Xã Phúc\nHòa\" \\\n  --kind cat\r\necho done"
        let all = try Tokenizer.statements(in: text)
        #expect(all.count == 4)
        let (first, second) = try Tokenizer.withStatements(in: text) { stream -> ([Statement], [Statement]) in
            var first: [Statement] = []
            while let statement = try stream.next() { first.append(statement) }
            #expect(try stream.next() == nil, "the end stays the end")
            stream.rewind()
            var second: [Statement] = []
            while let statement = try stream.next() { second.append(statement) }
            return (first, second)
        }
        #expect(first == all)
        #expect(second == all)
        #expect(all.map(\.line) == [1, 1, 3, 6])
        #expect(all[2].words[2].source == "\"Xã Phúc\nHòa\"")
        #expect(all[2].words[2].length == 8, "the characters on the word's first line")
        #expect(all[2].words[3].line == 5 && all[2].words[3].column == 2)
    }

    @Test("the stream stops at a syntax error after yielding the statements before it")
    func streamStopsAtSyntaxError() {
        let lines = Tokenizer.withStatements(in: "echo a\necho b; echo 'open\necho c") { stream -> [Int] in
            var lines: [Int] = []
            do throws(SyntaxError) {
                while let statement = try stream.next() { lines.append(statement.line) }
            } catch {
                #expect(error.message == "unterminated single quote")
                #expect(error.line == 2 && error.column == 13)
            }
            return lines
        }
        #expect(lines == [1, 2])
    }

    @Test("columns count characters, not bytes, after Vietnamese letters, far into a long line")
    func columnsAfterMultibyteText() throws {
        let prefix = String(repeating: "Đường Phúc Hòa ", count: 200)
        let statement = try #require(try Tokenizer.statements(in: "echo " + prefix + "đích \"x\"").first)
        let last = try #require(statement.words.last)
        #expect(last.column == 5 + prefix.unicodeScalars.count + 5)
        #expect(statement.words[statement.words.count - 2].length == 4)
    }

    @Test("trimming blanks removes CR LF pairs at either end, and keeps those inside")
    func trimmingWindowsLineEnds() {
        #expect("  Phúc Hòa\r\n".trimmingBlanks() == "Phúc Hòa")
        #expect("\r\n\t a\r\nb \r\n\r\n".trimmingBlanks() == "a\r\nb")
        #expect(" \r\n ".trimmingBlanks() == "")
    }

    @Test("a backslash before a Vietnamese letter keeps the letter whole")
    func escapedMultibyteLetter() throws {
        #expect(try words("echo \\ệ \"a\\ệ\"") == [["echo", "ệ", "a\\ệ"]])
    }
}
