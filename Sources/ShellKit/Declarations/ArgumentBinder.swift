/// Checks a command's words against its declaration and produces typed `Arguments`.
enum ArgumentBinder {
    /// One argument word after expansion, with its source word for error pointing.
    struct Input {
        var text: String
        var word: Word?
    }

    /// Binds `inputs` (the words after the command's path) to `spec`'s parameters.
    static func bind(_ spec: CommandSpec, _ inputs: [Input]) throws(ShellError) -> Arguments {
        var arguments = Arguments(capacity: inputs.count)
        let parameters = spec.allParameters
        let named = spec.namedParameters
        let positionals = spec.positionalParameters
        var positionalIndex = 0
        var optionsEnded = false
        var i = 0
        /// The input that filled the latest positional (for the hint to quote several words).
        var lastPositionalInput: Int?

        func value(_ parameter: Parameter, _ raw: String, _ word: Word?) throws(ShellError) -> String {
            do {
                // Names typed with combining marks (decomposed) are stored like everyone else's: NFC.
                // File names are left as typed: they must match the bytes on disk.
                return try parameter.type.validate(parameter.type.name == ValueType.pathName ? raw : UnicodeText.nfc(raw))
            } catch let error as ValueError {
                let what = parameter.style == .positional ? parameter.name.uppercased() : "--\(parameter.name)"
                // A choice's type name is its list ("one of a|b"), which the reason already gives.
                let kind = parameter.type.choices.isEmpty ? parameter.type.name : "value"
                throw .usage("invalid \(kind) '\(raw)' for \(what): \(error.reason)", at: word)
            } catch let error as ShellError {
                throw error
            } catch {
                throw .usage("invalid '\(raw)' for \(parameter.name): \(error)", at: word)
            }
        }

        while i < inputs.count {
            let input = inputs[i]
            i += 1
            if !optionsEnded && input.text == "--" && input.word?.literal == "--" {
                optionsEnded = true
                continue
            }
            // Only unquoted words are options, so `echo "--x"` prints --x.
            let looksLikeOption = !optionsEnded && input.text.hasPrefix("-") && input.text.count > 1
                && (input.word.map { !$0.source.hasPrefix("\"") && !$0.source.hasPrefix("'") } ?? true)
                && Double(input.text) == nil
            if looksLikeOption {
                if input.text == "-h" { arguments.append("help", "", word: input.word); continue }
                guard input.text.hasPrefix("--") else {
                    throw .usage("unknown option '\(input.text)' for '\(spec.name)' (options are written --name)", at: input.word)
                }
                var name = String(input.text.dropFirst(2))
                var inlineValue: String?
                // Looked for among the bytes: `=` is ASCII, and grapheme breaking costs more than the rest of the line.
                if let eq = name.utf8.firstIndex(of: UInt8(ascii: "=")) {
                    inlineValue = String(name[name.index(after: eq)...])
                    name = String(name[..<eq])
                }
                guard let parameter = named.first(where: { $0.name == name }) else {
                    let hint = Suggestions.hint(for: name, among: named.map(\.name)) { "'--\($0)'" }
                    throw .usage("unknown option '--\(name)' for '\(spec.name)'\(hint)", at: input.word)
                }
                if parameter.style == .flag {
                    if inlineValue != nil { throw .usage("option '--\(name)' takes no value", at: input.word) }
                    arguments.append(name, "", word: input.word)
                    continue
                }
                if arguments.has(name) && !parameter.isRepeatable {
                    throw .usage("option '--\(name)' given more than once", at: input.word)
                }
                let raw: String
                var valueWord = input.word
                if let inlineValue {
                    raw = inlineValue
                } else {
                    guard i < inputs.count else {
                        throw .usage("option '--\(name)' needs a value (\(parameter.type.placeholder))", at: input.word)
                    }
                    raw = inputs[i].text
                    valueWord = inputs[i].word
                    i += 1
                }
                arguments.append(name, try value(parameter, raw, valueWord), word: valueWord)
                continue
            }
            guard positionalIndex < positionals.count else {
                throw .usage("unexpected argument '\(input.text)' for '\(spec.name)'\(quoteHint(spec, inputs, filledBy: lastPositionalInput, extra: i - 1)) (usage: \(spec.usage))", at: input.word)
            }
            let parameter = positionals[positionalIndex]
            arguments.append(parameter.name, try value(parameter, input.text, input.word), word: input.word)
            lastPositionalInput = i - 1
            if !parameter.isRepeatable { positionalIndex += 1 }
        }

        if arguments.flag("help") { return arguments }
        for parameter in parameters where parameter.isRequired && !arguments.has(parameter.name) {
            let what = parameter.style == .positional ? parameter.name.uppercased() : "--\(parameter.name) \(parameter.type.placeholder)"
            throw .usage("missing \(what) for '\(spec.name)' (usage: \(spec.usage))")
        }
        return arguments
    }

    /// ` (a value of several words needs quotes: unit show "phuc hoa")` when the extra word at `extra`
    /// follows the unquoted word that filled the last positional, so the two were probably meant as one.
    static func quoteHint(_ spec: CommandSpec, _ inputs: [Input], filledBy filled: Int?, extra: Int) -> String {
        guard let filled, filled == extra - 1,
              let last = spec.allParameters.last(where: { $0.style == .positional }),
              last.type.choices.isEmpty, !last.isRepeatable else { return "" }
        let first = inputs[filled]
        guard let word = first.word, word.literal != nil, !word.source.hasPrefix("\""), !word.source.hasPrefix("'"),
              Double(first.text) == nil else { return "" }
        // The unquoted words from the one that filled the positional up to the first option.
        var words: [String] = []
        for input in inputs[filled...] {
            guard !input.text.hasPrefix("-") else { break }
            words.append(input.text)
        }
        let suggestion = ([spec.name] + inputs[..<filled].map(\.text) + ["\"" + words.joined(separator: " ") + "\""])
            .joined(separator: " ")
        return " (a value of several words needs quotes: \(suggestion))"
    }
}
