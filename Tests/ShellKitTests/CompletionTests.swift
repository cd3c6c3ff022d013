import Foundation
import Testing
@testable import ShellKit

/// Tab completion: what is offered for the text before the cursor, and what replaces the word.
@Suite("Completion")
struct CompletionTests {
    let shell = TestShell(interactive: true).shell

    /// The replacements offered for `text`.
    func offers(_ text: String) -> [String] {
        shell.complete(text).items.map(\.replacement)
    }

    // MARK: Commands

    @Test("at the start of a line, every top-level command and plugin is offered, sorted")
    func topLevel() {
        #expect(offers("") == ["echo", "exit", "help", "history", "plugins", "quit", "set", "source", "unset", "version", "zoo"])
    }

    @Test("a partial command name narrows the list; each carries its summary")
    func partialCommand() {
        let completion = shell.complete("h")
        #expect(completion.items.map(\.replacement) == ["help", "history"])
        #expect(completion.items.map(\.summary) == ["Show commands, or one command's usage and examples",
                                                    "Show the last N lines of command history"])
        #expect(completion.wordLength == 1)
    }

    @Test("a plugin's group is offered with the plugin's summary")
    func pluginGroup() {
        let completion = shell.complete("z")
        #expect(completion.items == [Completion.Item(replacement: "zoo", display: "zoo", summary: "Zoo: animals named after communes")])
    }

    @Test("after a group, its subcommands are offered with their summaries")
    func subcommands() {
        let completion = shell.complete("zoo ")
        #expect(completion.items.map(\.replacement) == ["add", "fail", "feed", "list", "show"])
        #expect(completion.items.first { $0.replacement == "show" }?.summary == "Show one animal")
        #expect(completion.wordLength == 0)
        #expect(offers("zoo f") == ["fail", "feed"])
    }

    @Test("completion starts afresh after a semicolon")
    func afterSemicolon() {
        #expect(offers("echo a; zoo l") == ["list"])
    }

    @Test("nothing is offered after an unknown command")
    func unknownCommand() {
        #expect(offers("giraffe ").isEmpty)
        #expect(offers("zoo giraffe ").isEmpty)
    }

    // MARK: Options

    @Test("after --, the command's options are offered in declaration order with summaries")
    func options() {
        let completion = shell.complete("zoo list --")
        #expect(completion.items.map(\.replacement) == ["--kind", "--min", "--format", "--output", "--help"])
        #expect(completion.items.first?.summary == "Only this kind")
        #expect(completion.wordLength == 2)
        #expect(offers("zoo list --m") == ["--min"])
    }

    @Test("options already used are not offered again")
    func usedOptions() {
        #expect(offers("zoo list --kind cat --") == ["--min", "--format", "--output", "--help"])
    }

    @Test("an option used as --name=value counts as used too")
    func usedInlineOptions() {
        #expect(offers("zoo list --kind=cat --") == ["--min", "--format", "--output", "--help"])
    }

    @Test("a repeatable option stays on offer")
    func repeatableOption() {
        #expect(offers("zoo feed 'Xã Phúc Hòa' --tag a --t") == ["--tag"])
    }

    // MARK: Values

    @Test("after an option with choices, its values are offered, filtered by what is typed (any case)")
    func choiceValues() {
        #expect(offers("zoo list --kind ") == ["cat", "dog"])
        #expect(offers("zoo list --kind D") == ["dog"])
        #expect(offers("zoo list --format j") == ["json"])
        #expect(offers("zoo list --kind cat --format ") == ["table", "csv", "json", "markdown"])
    }

    @Test("--option=value completes the value and keeps the option in the replacement")
    func inlineOptionValues() {
        let completion = shell.complete("zoo list --kind=d")
        #expect(completion.items.map(\.replacement) == ["--kind=dog"])
        #expect(completion.wordLength == "--kind=d".unicodeScalars.count)
    }

    @Test("an option without choices or completer offers nothing (no misleading guesses)")
    func freeTextOption() {
        #expect(offers("zoo list --min ").isEmpty)
        #expect(offers("echo ").isEmpty)
    }

    @Test("an entity positional is completed by the plugin's completer, with summaries")
    func entityValues() {
        let completion = shell.complete("zoo show ")
        #expect(completion.items.map(\.display) == ["Xã Phúc Hòa", "Xã Phúc Sơn", "Phường Trần Phú"])
        #expect(completion.items.map(\.summary) == ["cat, 3", "dog, 12", "cat, 1250"])
    }

    @Test("entity matching ignores diacritics and case: phuc finds Phúc, TRAN finds Trần, phuong finds Phường")
    func diacriticInsensitive() {
        #expect(shell.complete("zoo show phuc").items.map(\.display) == ["Xã Phúc Hòa", "Xã Phúc Sơn"])
        #expect(shell.complete("zoo show TRAN").items.map(\.display) == ["Phường Trần Phú"])
        #expect(shell.complete("zoo show phuong").items.map(\.display) == ["Phường Trần Phú"])
        #expect(shell.complete("zoo show Phúc").items.map(\.display) == ["Xã Phúc Hòa", "Xã Phúc Sơn"])
    }

    @Test("typed text with combining marks (decomposed Unicode) matches too, and its length counts scalars")
    func decomposedInput() {
        let typed = "phu\u{0301}c"
        let completion = shell.complete("zoo show " + typed)
        #expect(completion.items.map(\.display) == ["Xã Phúc Hòa", "Xã Phúc Sơn"])
        #expect(completion.wordLength == 5)
    }

    @Test("values with spaces are quoted in the replacement; the user's own quote is kept")
    func quotingValues() {
        #expect(offers("zoo show tran") == ["\"Phường Trần Phú\""])
        #expect(offers("zoo show 'tran") == ["'Phường Trần Phú'"])
        #expect(offers("zoo show \"tran") == ["\"Phường Trần Phú\""])
        #expect(shell.complete("zoo show 'xa phuc h").wordLength == "'xa phuc h".unicodeScalars.count)
        #expect(offers("zoo show 'xa phuc h") == ["'Xã Phúc Hòa'"])
    }

    @Test("the positional being typed is found after options and their values; variadic ones continue")
    func positionalAfterOptions() {
        #expect(offers("zoo feed --on 2023-05-01 tran") == ["\"Phường Trần Phú\""])
        #expect(offers("zoo feed 'Xã Phúc Hòa' tran") == ["\"Phường Trần Phú\""])
        #expect(offers("zoo show 'Xã Phúc Hòa' ").isEmpty, "zoo show takes one name")
    }

    @Test("folding removes case and every Vietnamese diacritic, precomposed or decomposed, and reads đ as d")
    func folding() {
        let letters = "aàáảãạăằắẳẵặâầấẩẫậ eèéẻẽẹêềếểễệ iìíỉĩị oòóỏõọôồốổỗộơờớởỡợ uùúủũụưừứửữự yỳýỷỹỵ đ"
        let expected = "aaaaaaaaaaaaaaaaaa eeeeeeeeeeee iiiiii oooooooooooooooooo uuuuuuuuuuuu yyyyyy d"
        #expect(Fold.key(letters) == expected)
        #expect(Fold.key(letters.uppercased()) == expected)
        #expect(Fold.key(letters.decomposedStringWithCanonicalMapping) == expected)
        #expect(Fold.key("Phường Trần Phú") == "phuong tran phu")
        #expect(Fold.key("ĐỒNG") == "dong")
    }

    // MARK: The common beginning

    @Test("when every candidate shares a longer beginning, it is offered as `common`, with diacritics restored")
    func commonPrefix() {
        let completion = shell.complete("zoo show \"xa phuc")
        #expect(completion.common == "\"Xã Phúc ")
        #expect(completion.wordLength == 8)
    }

    @Test("common extends an unquoted word even though the replacement gains an opening quote")
    func commonPrefixForUnquotedWord() {
        #expect(shell.complete("zoo show xa").common == "\"Xã Phúc ")
    }

    @Test("no common when it would not extend what was typed, or when there is one candidate")
    func noCommonPrefix() {
        #expect(shell.complete("zoo show phuc").common == nil, "Xã... does not begin with phuc")
        #expect(shell.complete("h").common == nil, "help and history share only the typed h")
        #expect(shell.complete("zoo show tran").common == nil, "a single candidate is simply the answer")
    }

    // MARK: Quoting rules

    @Test("a value is quoted only when the shell would otherwise split or expand it")
    func quoteRules() {
        #expect(CompletionSplitter.quote("plain-value", opening: nil) == "plain-value")
        #expect(CompletionSplitter.quote("Xã Phúc Hòa", opening: nil) == "\"Xã Phúc Hòa\"")
        #expect(CompletionSplitter.quote("Hòa", opening: nil) == "Hòa", "diacritics need no quotes")
        #expect(CompletionSplitter.quote("cost $5", opening: nil) == "\"cost \\$5\"")
        #expect(CompletionSplitter.quote("say \"hi\"", opening: nil) == "\"say \\\"hi\\\"\"")
        #expect(CompletionSplitter.quote("a;b", opening: nil) == "\"a;b\"")
        #expect(CompletionSplitter.quote("it's", opening: "'") == "\"it's\"", "a single quote cannot hold a single quote")
        #expect(CompletionSplitter.quote("", opening: nil) == "\"\"")
    }

    @Test("a value inside the user's open quote is closed as typed, codes and names alike")
    func quoteInsideOpenQuote() throws {
        #expect(CompletionSplitter.quote("0732401", opening: "\"") == "\"0732401\"")
        #expect(CompletionSplitter.quote("0732401", opening: "'") == "'0732401'")
        #expect(CompletionSplitter.quote("0732401", opening: nil) == "0732401")
        #expect(CompletionSplitter.quote("Phúc Hòa", opening: "'") == "'Phúc Hòa'")
        #expect(CompletionSplitter.quote("Ho\u{300}a", opening: "\"") == "\"Ho\u{300}a\"")
        for value in ["a\u{301}", "Đông", "tổ 5", "0732401"] {
            for opening: Character? in [nil, "\"", "'"] {
                let word = CompletionSplitter.quote(value, opening: opening)
                let parsed = try Tokenizer.statements(in: "echo " + word)[0].words[1].literal
                #expect(parsed == value, "\(word) for \(value)")
            }
        }
    }

    @Test("every quoted replacement reads back as the original value")
    func quotedValuesRoundTrip() throws {
        for value in ["Xã Phúc Hòa", "cost $5", "say \"hi\"", "back\\slash", "a;b # c", "it's"] {
            for opening: Character? in [nil, "\"", "'"] {
                let word = CompletionSplitter.quote(value, opening: opening)
                let parsed = try Tokenizer.statements(in: "echo " + word)[0].words[1].literal
                #expect(parsed == value, "\(word) for \(value)")
            }
        }
    }

    // MARK: Files

    @Test("path parameters complete file names; folders end with a slash; hidden files only when asked")
    func pathCompletion() throws {
        let folder = TemporaryFolder()
        folder.write("a.ntm", "")
        folder.write("b.ntm", "")
        folder.write(".hidden.ntm", "")
        try FileManager.default.createDirectory(atPath: folder.path + "/lessons", withIntermediateDirectories: false)
        let base = folder.path + "/"
        #expect(offers("source " + base) == [base + "a.ntm", base + "b.ntm", base + "lessons/"])
        #expect(offers("source " + base + "l") == [base + "lessons/"])
        #expect(offers("source " + base + ".") == [base + ".hidden.ntm"])
        #expect(offers("zoo list --output " + base + "a") == [base + "a.ntm"])
    }
}
