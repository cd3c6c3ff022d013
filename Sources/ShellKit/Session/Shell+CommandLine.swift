extension Shell {
    /// The command as run, for the audit log: the source text when it uses no variables; otherwise
    /// each word as written, with the words that use variables replaced by their values (quoted
    /// when needed), so `criteria set $c $year 8.4 met` is recorded as `criteria set 07324 2023 8.4 met`.
    static func commandLine(_ statement: Statement, expanded: [ExpandedWord]) -> String {
        guard statement.words.contains(where: \.hasVariables) else { return statement.text }
        return expanded.map { $0.word.hasVariables ? quoted($0.text) : $0.word.source }.joined(separator: " ")
    }

    /// `text` as one word of the language: bare when it is safe, else in double quotes.
    ///
    /// Read by code point, as the tokenizer reads: by characters, a CR LF pair is one "\r\n" that equals
    /// neither "\r" nor "\n", and a value holding one went into the line bare.
    static func quoted(_ text: String) -> String {
        let special: Set<Unicode.Scalar> = [" ", "\t", "\n", "\r", "\"", "'", "\\", "$", "#", ";"]
        if !text.isEmpty && !text.unicodeScalars.contains(where: special.contains) { return text }
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"", "\\", "$": out += "\\" + String(scalar)
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
